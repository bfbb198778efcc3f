using System.Globalization;
using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a batch normalization layer's constants and its four passes (training and evaluation, forward and backward):
    /// each checks its spans (<c>BatchNorm2DArguments</c>), takes per-channel scratch from the stack (or, for many channels,
    /// the array pool) and calls the runtime's loops (<c>BatchNormalization</c>) with the layer's rows per example and
    /// channel count as constants. The loops inline, so the JIT compiles them for the shape; every pass streams the
    /// activations once or twice, so its speed is the memory's.
    /// </summary>
    internal static class BatchNorm2DEmitter
    {
        private const string Loops = "global::CnnGen.Generated.BatchNormalization";
        private const string Arguments = "global::CnnGen.BatchNorm2DArguments";

        /// <summary>Most bytes of scratch taken from the stack; more comes from the array pool.</summary>
        private const int StackScratchBytes = 16 * 1024;

        public static void EmitMembers(IndentedWriter writer, BatchNorm2DSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            writer.Summary("Added to the variance before its square root.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line($"public const double Epsilon = {Literal(spec.Epsilon)};");
            writer.Line();
            writer.Summary("The weight of a training batch's statistics in the running ones: running = (1 − Momentum) · running + Momentum · batch.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line($"public const double Momentum = {Literal(spec.Momentum)};");
            writer.Line();
            writer.Summary("The pixels of one example, InputHeight·InputWidth: each channel's statistics run over batch · Pixels values.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line($"public const int Pixels = {spec.Pixels};");
            writer.Line();
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForwardTraining(writer, spec, type);
                EmitForwardEvaluation(writer, spec, type);
                EmitBackwardTraining(writer, spec, type);
                EmitBackwardEvaluation(writer, spec, type);
            }
        }

        private static void EmitForwardTraining(IndentedWriter writer, BatchNorm2DSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary(
                "Training mode: output = scale · (input − μ) / √(σ² + Epsilon) + shift, with each channel's mean μ and biased variance σ²\n" +
                "over the batch and the pixels; then runningMean and runningVariance move towards μ and the unbiased variance by Momentum.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length does not fit the layer and the batch, an output overlaps another span, or batch · Pixels = 1.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void ForwardTraining({ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> scale, {ReadOnlySpan}<{t}> shift, {Span}<{t}> output, {Span}<{t}> runningMean, {Span}<{t}> runningVariance)"))
            {
                writer.Line($"int batch = {Arguments}.CheckForwardTraining<{t}>(input, scale, shift, output, runningMean, runningVariance, InputLength, Pixels, InputChannels);");
                using (writer.Block("if (batch == 0)"))
                {
                    // No statistics to take: the running ones stay as they are.
                    writer.Line("return;");
                }

                writer.Line();
                EmitCall(writer, spec, type, 2,
                    $"{Loops}.ForwardTraining(ref {Ref("input")}, ref {Ref("scale")}, ref {Ref("shift")}, ref {Ref("output")}, ref {Ref("runningMean")}, ref {Ref("runningVariance")}, ref {Ref("scratch")}, batch * Pixels, InputChannels, {Constant("Epsilon", type)}, {Constant("Momentum", type)});");
            }

            writer.Line();
        }

        private static void EmitForwardEvaluation(IndentedWriter writer, BatchNorm2DSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Evaluation mode: output = scale · (input − runningMean) / √(runningVariance + Epsilon) + shift.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length does not fit the layer and the batch, or the output overlaps an input.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void ForwardEvaluation({ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> scale, {ReadOnlySpan}<{t}> shift, {ReadOnlySpan}<{t}> runningMean, {ReadOnlySpan}<{t}> runningVariance, {Span}<{t}> output)"))
            {
                writer.Line($"int batch = {Arguments}.CheckForwardEvaluation<{t}>(input, scale, shift, runningMean, runningVariance, output, InputLength, InputChannels);");
                EmitCall(writer, spec, type, 2,
                    $"{Loops}.ForwardEvaluation(ref {Ref("input")}, ref {Ref("scale")}, ref {Ref("shift")}, ref {Ref("runningMean")}, ref {Ref("runningVariance")}, ref {Ref("output")}, ref {Ref("scratch")}, batch * Pixels, InputChannels, {Constant("Epsilon", type)});");
            }

            writer.Line();
        }

        private static void EmitBackwardTraining(IndentedWriter writer, BatchNorm2DSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary(
                "The gradients of ForwardTraining, the batch's statistics recomputed from input (overwritten): shiftGradient = Σ dy,\n" +
                "scaleGradient = Σ dy · x̂, inputGradient = scale / σ̂ · (dy − mean(dy) − x̂ · mean(dy · x̂)), x̂ = (x − μ) / σ̂, σ̂ = √(σ² + Epsilon).");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length does not fit the layer and the batch, an output overlaps another span, or batch · Pixels = 1.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void BackwardTraining({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> scale, {Span}<{t}> inputGradient, {Span}<{t}> scaleGradient, {Span}<{t}> shiftGradient)"))
            {
                writer.Line($"int batch = {Arguments}.CheckBackwardTraining<{t}>(outputGradient, input, scale, inputGradient, scaleGradient, shiftGradient, InputLength, Pixels, InputChannels);");
                using (writer.Block("if (batch == 0)"))
                {
                    writer.Line("scaleGradient.Clear();");
                    writer.Line("shiftGradient.Clear();");
                    writer.Line("return;");
                }

                writer.Line();
                EmitCall(writer, spec, type, 4,
                    $"{Loops}.BackwardTraining(ref {Ref("outputGradient")}, ref {Ref("input")}, ref {Ref("scale")}, ref {Ref("inputGradient")}, ref {Ref("scaleGradient")}, ref {Ref("shiftGradient")}, ref {Ref("scratch")}, batch * Pixels, InputChannels, {Constant("Epsilon", type)});");
            }

            writer.Line();
        }

        private static void EmitBackwardEvaluation(IndentedWriter writer, BatchNorm2DSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary(
                "The gradients of ForwardEvaluation, the running statistics held fixed (overwritten): shiftGradient = Σ dy,\n" +
                "scaleGradient = Σ dy · (x − runningMean) / √(runningVariance + Epsilon), inputGradient = dy · scale / √(runningVariance + Epsilon).");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length does not fit the layer and the batch, or an output overlaps another span.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void BackwardEvaluation({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> scale, {ReadOnlySpan}<{t}> runningMean, {ReadOnlySpan}<{t}> runningVariance, {Span}<{t}> inputGradient, {Span}<{t}> scaleGradient, {Span}<{t}> shiftGradient)"))
            {
                writer.Line($"int batch = {Arguments}.CheckBackwardEvaluation<{t}>(outputGradient, input, scale, runningMean, runningVariance, inputGradient, scaleGradient, shiftGradient, InputLength, InputChannels);");
                EmitCall(writer, spec, type, 2,
                    $"{Loops}.BackwardEvaluation(ref {Ref("outputGradient")}, ref {Ref("input")}, ref {Ref("scale")}, ref {Ref("runningMean")}, ref {Ref("runningVariance")}, ref {Ref("inputGradient")}, ref {Ref("scaleGradient")}, ref {Ref("shiftGradient")}, ref {Ref("scratch")}, batch * Pixels, InputChannels, {Constant("Epsilon", type)});");
            }

            writer.Line();
        }

        /// <summary>Writes <paramref name="call"/> with <c>scratch</c>, <paramref name="perChannel"/> values per channel, from the stack or the array pool.</summary>
        private static void EmitCall(IndentedWriter writer, BatchNorm2DSpec spec, ElementType type, int perChannel, string call)
        {
            string t = type.Name;
            int length = perChannel * spec.Channels;
            if ((long)length * type.Size <= StackScratchBytes)
            {
                writer.Line($"{Span}<{t}> scratch = stackalloc {t}[{length}];");
                writer.Line(call);
                return;
            }

            writer.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent({length});");
            using (writer.Block("try"))
            {
                writer.Line($"{Span}<{t}> scratch = rented;");
                writer.Line(call);
            }

            using (writer.Block("finally"))
            {
                writer.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
            }
        }

        private static string Ref(string span) => $"{MemoryMarshal}.GetReference({span})";

        private static string Constant(string name, ElementType type) => type.Name == "float" ? $"(float){name}" : name;

        /// <summary>A double literal that reads back to exactly <paramref name="value"/>.</summary>
        private static string Literal(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains(".") || text.Contains("E") ? text : text + ".0";
        }
    }
}
