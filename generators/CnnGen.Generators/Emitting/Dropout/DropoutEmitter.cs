using System.Globalization;
using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a dropout layer's constants and passes: each checks that its spans are whole batches of the layer's shape and
    /// calls the runtime's <c>DropoutKernels</c> with the layer's <c>Rate</c>. Nothing about the shape makes the work
    /// faster: the mask is a hash of the seed and each value's index.
    /// </summary>
    internal static class DropoutEmitter
    {
        private const string Kernels = "global::CnnGen.DropoutKernels";

        public static void EmitMembers(IndentedWriter writer, DropoutSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            writer.Summary("The probability of zeroing a value in training; the others are scaled by 1 / (1 − Rate).");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            string rate = spec.Rate.ToString("R", CultureInfo.InvariantCulture);
            writer.Line($"public const double Rate = {(rate.Contains(".") || rate.Contains("E") ? rate : rate + ".0")};");
            writer.Line();
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                string t = type.Name;
                writer.Summary("Training mode: zeroes each value with probability Rate and scales the others by 1 / (1 − Rate); mask receives the factors.\nThe mask is a function of seed and each value's index in the batch: the same seed gives the same mask.");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the spans overlap (output may be input itself).</exception>");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void ForwardTraining({ReadOnlySpan}<{t}> input, {Span}<{t}> output, {Span}<{t}> mask, ulong seed)"))
                {
                    writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                    writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                    writer.Line($"{Checks}.RequireBatchLength(mask.Length, batch, InputLength, nameof(mask));");
                    writer.Line($"{Kernels}.ForwardTraining<{t}>(Rate, seed, input, output, mask);");
                }

                writer.Line();
                writer.Summary("Evaluation mode: the identity (a copy; output may be input itself).");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or output partly overlaps input.</exception>");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void ForwardEvaluation({ReadOnlySpan}<{t}> input, {Span}<{t}> output)"))
                {
                    writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                    writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                    writer.Line($"{Kernels}.ForwardEvaluation<{t}>(input, output);");
                }

                writer.Line();
                writer.Summary("The gradient of ForwardTraining: inputGradient = outputGradient · mask (overwritten; may be outputGradient itself).");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the spans overlap.</exception>");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> mask, {Span}<{t}> inputGradient)"))
                {
                    writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                    writer.Line($"{Checks}.RequireBatchLength(mask.Length, batch, InputLength, nameof(mask));");
                    writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                    writer.Line($"{Kernels}.Backward<{t}>(outputGradient, mask, inputGradient);");
                }

                writer.Line();
            }
        }
    }
}
