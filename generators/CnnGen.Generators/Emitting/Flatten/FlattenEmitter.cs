using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes the flatten layer's constants and kernels. In NHWC an example already is its flattened vector, so
    /// both kernels are copies (and a network skips them, handing the same buffer on).
    /// </summary>
    internal static class FlattenEmitter
    {
        public static void EmitMembers(IndentedWriter writer, FlattenSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                string t = type.Name;
                writer.Summary("Copies a batch of NHWC examples to their flattened vectors (the same values in the same order).");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the output partly overlaps the input (it may be the input itself).</exception>");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Forward({ReadOnlySpan}<{t}> input, {Span}<{t}> output)"))
                {
                    writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                    writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                    OverlapChecks.Emit(writer, t, new[] { "output" }, new[] { "input" }, new[] { ("output", "input") });
                    writer.Line("input.CopyTo(output);");
                }

                writer.Line();
                writer.Summary("Copies the gradient of the flattened vectors back to the NHWC examples (overwritten, not accumulated).");
                writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the output partly overlaps the input (it may be the input itself).</exception>");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {Span}<{t}> inputGradient)"))
                {
                    writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                    writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                    OverlapChecks.Emit(writer, t, new[] { "inputGradient" }, new[] { "outputGradient" }, new[] { ("inputGradient", "outputGradient") });
                    writer.Line("outputGradient.CopyTo(inputGradient);");
                }

                writer.Line();
            }
        }
    }
}
