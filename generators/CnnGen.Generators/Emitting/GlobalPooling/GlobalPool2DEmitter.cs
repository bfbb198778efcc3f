using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a global pooling layer's constants and kernels: <c>Forward(input, output)</c> and
    /// <c>Backward(outputGradient, input, inputGradient)</c> check their spans and call the runtime's loops
    /// (<c>GlobalPooling</c>) with the layer's pixel and channel counts as constants. Those loops inline into the
    /// kernel, so the JIT compiles them for this shape: constant trip counts, and only the vector widths the channel count
    /// uses. The pass reads every input once, and specializing more text would not make the memory faster.
    /// </summary>
    internal static class GlobalPool2DEmitter
    {
        private const string Loops = "global::CnnGen.Generated.GlobalPooling";

        public static void EmitMembers(IndentedWriter writer, GlobalPool2DSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            writer.Summary("The pixels each channel pools over, InputHeight·InputWidth.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line($"public const int Pixels = {spec.Pixels};");
            writer.Line();
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForward(writer, spec, type.Name);
                EmitBackward(writer, spec, type.Name);
            }
        }

        private static void EmitForward(IndentedWriter writer, GlobalPool2DSpec spec, string t)
        {
            writer.Summary(spec.Mode == PoolMode.Max
                ? "Computes each channel's maximum over the example's pixels for a batch: (m, InputHeight, InputWidth, InputChannels) NHWC\n" +
                  "to (m, 1, 1, OutputChannels). A NaN among a channel's pixels makes its output NaN. Overwrites <paramref name=\"output\"/>."
                : "Computes each channel's mean over the example's pixels for a batch: (m, InputHeight, InputWidth, InputChannels) NHWC\n" +
                  "to (m, 1, 1, OutputChannels), the sum taken in pixel order and divided by Pixels. Overwrites <paramref name=\"output\"/>.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or output overlaps input.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"public static void Forward({ReadOnlySpan}<{t}> input, {Span}<{t}> output)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                OverlapChecks.Emit(writer, t, new[] { "output" }, new[] { "input" });
                string method = spec.Mode == PoolMode.Max ? "MaxForward" : "AverageForward";
                writer.Line($"{Loops}.{method}(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), batch, Pixels, InputChannels);");
            }

            writer.Line();
        }

        private static void EmitBackward(IndentedWriter writer, GlobalPool2DSpec spec, string t)
        {
            writer.Summary(spec.Mode == PoolMode.Max
                ? "Sends each output gradient to its channel's first maximum in pixel order (its first NaN, if any); every other\n" +
                  "pixel's gradient is zero. Overwrites <paramref name=\"inputGradient\"/>."
                : "Spreads each output gradient evenly, outputGradient / Pixels, over every pixel of its channel. <paramref name=\"input\"/>\n" +
                  "is not read (only its length, which gives the batch size). Overwrites <paramref name=\"inputGradient\"/>.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or inputGradient overlaps another span.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {Span}<{t}> inputGradient)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                writer.Line($"{Checks}.RequireBatchLength(input.Length, batch, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                OverlapChecks.Emit(writer, t, new[] { "inputGradient" }, new[] { "outputGradient", "input" });
                writer.Line(spec.Mode == PoolMode.Max
                    ? $"{Loops}.MaxBackward(ref {MemoryMarshal}.GetReference(outputGradient), ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(inputGradient), batch, Pixels, InputChannels);"
                    : $"{Loops}.AverageBackward(ref {MemoryMarshal}.GetReference(outputGradient), ref {MemoryMarshal}.GetReference(inputGradient), batch, Pixels, InputChannels);");
            }

            writer.Line();
        }
    }
}
