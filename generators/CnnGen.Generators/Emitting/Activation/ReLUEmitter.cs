using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes the rectified linear unit's constants and kernels: <c>Forward(input, output)</c> computes
    /// <c>max(x, 0)</c> and <c>Backward(outputGradient, input, inputGradient)</c> passes the gradient where the
    /// input is positive. Both are streaming loops over the whole batch, four registers at a time.
    /// </summary>
    internal static class ReLUEmitter
    {
        private static readonly int[] PathWidths = { 512, 256, 128 };

        public static void EmitMembers(IndentedWriter writer, ReLUSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForward(writer, type);
                EmitBackward(writer, type);
            }
        }

        private static void EmitForward(IndentedWriter writer, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Computes <c>output = max(input, 0)</c> for a batch (NHWC). <paramref name=\"output\"/> may be <paramref name=\"input\"/> itself.\nA NaN input gives a NaN output.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or output partly overlaps input.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Forward({ReadOnlySpan}<{t}> input, {Span}<{t}> output)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                OverlapChecks.Emit(writer, t, new[] { "output" }, new[] { "input" }, new[] { ("output", "input") });
                writer.Line($"ref {t} x = ref {MemoryMarshal}.GetReference(input);");
                writer.Line($"ref {t} y = ref {MemoryMarshal}.GetReference(output);");
                writer.Line("int length = input.Length;");
                writer.Line("int i = 0;");
                Loops(writer, type, (width, i) =>
                    Store(width, $"{Vector(width)}.Max({Load(width, "x", i)}, {Zero(width, type)})", "y", i));
                using (writer.Block("for (; i < length; i++)"))
                {
                    writer.Line(Store(0, $"{t}.Max({Load(0, "x", "i")}, {type.Literal("0")})", "y", "i"));
                }
            }

            writer.Line();
        }

        private static void EmitBackward(IndentedWriter writer, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Computes <c>inputGradient = input &gt; 0 ? outputGradient : 0</c> for a batch (overwritten, not accumulated).\n<paramref name=\"input\"/> may be the forward output instead: both are positive at the same places.\n<paramref name=\"inputGradient\"/> may be <paramref name=\"outputGradient\"/> itself.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or inputGradient overlaps input or partly overlaps outputGradient.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {Span}<{t}> inputGradient)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                writer.Line($"{Checks}.RequireBatchLength(input.Length, batch, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                OverlapChecks.Emit(writer, t, new[] { "inputGradient" }, new[] { "outputGradient", "input" }, new[] { ("inputGradient", "outputGradient") });
                writer.Line($"ref {t} g = ref {MemoryMarshal}.GetReference(outputGradient);");
                writer.Line($"ref {t} x = ref {MemoryMarshal}.GetReference(input);");
                writer.Line($"ref {t} d = ref {MemoryMarshal}.GetReference(inputGradient);");
                writer.Line("int length = outputGradient.Length;");
                writer.Line("int i = 0;");
                Loops(writer, type, (width, i) =>
                {
                    string zero = Zero(width, type);
                    string v = Vector(width);
                    return Store(width, $"{v}.ConditionalSelect({v}.GreaterThan({Load(width, "x", i)}, {zero}), {Load(width, "g", i)}, {zero})", "d", i);
                });
                using (writer.Block("for (; i < length; i++)"))
                {
                    writer.Line(Store(0, $"{Load(0, "x", "i")} > {type.Literal("0")} ? {Load(0, "g", "i")} : {type.Literal("0")}", "d", "i"));
                }
            }

            writer.Line();
        }

        /// <summary>
        /// Writes, per available width, a loop four registers at a time and a loop one register at a time over
        /// <c>i</c>; each statement comes from <paramref name="statement"/> given the width and the offset expression.
        /// </summary>
        private static void Loops(IndentedWriter writer, ElementType type, System.Func<int, string, string> statement)
        {
            SimdText.Dispatch(writer, PathWidths, width =>
            {
                int lanes = Lanes(width, type);
                using (writer.Block($"for (; i <= length - {4 * lanes}; i += {4 * lanes})"))
                {
                    for (int k = 0; k < 4; k++)
                    {
                        writer.Line(statement(width, k == 0 ? "i" : $"i + {k * lanes}"));
                    }
                }

                using (writer.Block($"for (; i <= length - {lanes}; i += {lanes})"))
                {
                    writer.Line(statement(width, "i"));
                }
            });
        }
    }
}
