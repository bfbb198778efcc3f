using System.Globalization;
using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes an element-wise activation's constants and kernels (ReLU6, leaky ReLU, sigmoid, tanh):
    /// <c>Forward(input, output)</c> and <c>Backward(outputGradient, input, inputGradient)</c> check their spans and call
    /// the runtime's streaming loops (<c>StreamingActivations</c>) over the whole batch, as a ReLU layer does.
    /// </summary>
    internal static class ActivationEmitter
    {
        /// <summary>The runtime's streaming loops, shared by every activation layer: only the length differs between shapes.</summary>
        private const string Kernels = "global::CnnGen.Generated.StreamingActivations";

        public static void EmitMembers(IndentedWriter writer, ActivationSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            if (spec.Kind == ActivationKind.LeakyReLU)
            {
                writer.Summary("The slope for inputs at or below zero.");
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                writer.Line($"public const double Slope = {Literal(spec.Slope)};");
                writer.Line();
            }

            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForward(writer, spec, type);
                EmitBackward(writer, spec, type);
            }
        }

        /// <summary>The formula of the forward pass, for the documentation.</summary>
        private static string Formula(ActivationSpec spec) => spec.Kind switch
        {
            ActivationKind.ReLU6 => "output = min(max(input, 0), 6)",
            ActivationKind.LeakyReLU => "output = input &gt; 0 ? input : Slope · input",
            ActivationKind.Sigmoid => "output = 1 / (1 + e^−input)",
            _ => "output = tanh(input)",
        };

        /// <summary>The formula of the backward pass, for the documentation.</summary>
        private static string GradientFormula(ActivationSpec spec) => spec.Kind switch
        {
            ActivationKind.ReLU6 => "inputGradient = 0 &lt; input &lt; 6 ? outputGradient : 0",
            ActivationKind.LeakyReLU => "inputGradient = input &gt; 0 ? outputGradient : Slope · outputGradient",
            ActivationKind.Sigmoid => "inputGradient = outputGradient · s · (1 − s) with s = sigmoid(input)",
            _ => "inputGradient = outputGradient · (1 − t²) with t = tanh(input)",
        };

        /// <summary>The trailing argument the streaming loops take: the slope, in the element type, for a leaky ReLU.</summary>
        private static string Parameter(ActivationSpec spec, ElementType type) =>
            spec.Kind == ActivationKind.LeakyReLU ? (type.Name == "float" ? ", (float)Slope" : ", Slope") : string.Empty;

        private static void EmitForward(IndentedWriter writer, ActivationSpec spec, ElementType type) =>
            EmitForwardWrapper(
                writer,
                type.Name,
                $"Computes <c>{Formula(spec)}</c> for a batch (NHWC). <paramref name=\"output\"/> may be <paramref name=\"input\"/> itself.",
                $"{Kernels}.{spec.Kind}Forward(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), input.Length{Parameter(spec, type)});");

        private static void EmitBackward(IndentedWriter writer, ActivationSpec spec, ElementType type) =>
            EmitBackwardWrapper(
                writer,
                type.Name,
                $"Computes <c>{GradientFormula(spec)}</c> for a batch (overwritten, not accumulated).\n<paramref name=\"inputGradient\"/> may be <paramref name=\"outputGradient\"/> itself.",
                $"{Kernels}.{spec.Kind}Backward(ref {MemoryMarshal}.GetReference(outputGradient), ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(inputGradient), outputGradient.Length{Parameter(spec, type)});");

        /// <summary>
        /// Writes an element-wise layer's public <c>Forward(input, output)</c> in <paramref name="t"/>: the batch and overlap
        /// checks (output may be input itself), then <paramref name="call"/> over the whole batch. ReLU layers share it.
        /// </summary>
        internal static void EmitForwardWrapper(IndentedWriter writer, string t, string summary, string call)
        {
            writer.Summary(summary);
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or output partly overlaps input.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Forward({ReadOnlySpan}<{t}> input, {Span}<{t}> output)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                OverlapChecks.Emit(writer, t, new[] { "output" }, new[] { "input" }, new[] { ("output", "input") });
                writer.Line(call);
            }

            writer.Line();
        }

        /// <summary>
        /// Writes an element-wise layer's public <c>Backward(outputGradient, input, inputGradient)</c> in <paramref name="t"/>:
        /// the batch and overlap checks (inputGradient may be outputGradient itself, never input), then <paramref name="call"/>.
        /// </summary>
        internal static void EmitBackwardWrapper(IndentedWriter writer, string t, string summary, string call)
        {
            writer.Summary(summary);
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or inputGradient overlaps input or partly overlaps outputGradient.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {Span}<{t}> inputGradient)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                writer.Line($"{Checks}.RequireBatchLength(input.Length, batch, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                OverlapChecks.Emit(writer, t, new[] { "inputGradient" }, new[] { "outputGradient", "input" }, new[] { ("inputGradient", "outputGradient") });
                writer.Line(call);
            }

            writer.Line();
        }

        /// <summary>A double literal that reads back to exactly <paramref name="value"/>.</summary>
        private static string Literal(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains(".") || text.Contains("E") ? text : text + ".0";
        }
    }
}
