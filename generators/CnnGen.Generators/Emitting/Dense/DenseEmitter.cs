using System;
using System.Collections.Generic;
using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a fully connected layer's constants and kernels, specialized to its sizes:
    /// <c>Forward(input, weights, bias, output)</c> and
    /// <c>Backward(outputGradient, input, weights, inputGradient, weightsGradient, biasGradient)</c>.
    /// Weights are (inputLength, units) row-major, so a row of weights is contiguous over the units and the
    /// kernels vectorize over units: up to four registers of output units are accumulated at once while the
    /// loop runs over the input values; the units a whole register does not cover are done by narrower
    /// registers and scalars, unrolled at generation time.
    /// </summary>
    internal static class DenseEmitter
    {
        private static readonly int[] PathWidths = { 512, 256, 128, 0 };

        public static void EmitMembers(IndentedWriter writer, DenseSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            ShapeConstantsEmitter.Constant(writer, "Units", spec.Units, "The number of output units.");
            ShapeConstantsEmitter.Constant(writer, "WeightsLength", spec.WeightsLength, $"The number of weights, laid out (inputLength, units) = ({spec.Input.Length}, {spec.Units}) row-major.");
            ShapeConstantsEmitter.Constant(writer, "BiasLength", spec.Units, "The number of biases, one per unit.");
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForward(writer, spec, type);
                EmitBackward(writer, spec, type);
            }
        }

        private static void EmitForward(IndentedWriter writer, DenseSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary("Computes <c>output[n, u] = bias[u] + Σ_i input[n, i]·weights[i, u]</c> for a batch.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or an output overlaps an input or another output.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Forward({ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> weights, {ReadOnlySpan}<{t}> bias, {Span}<{t}> output)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(input.Length, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireLength(weights.Length, WeightsLength, nameof(weights));");
                writer.Line($"{Checks}.RequireLength(bias.Length, BiasLength, nameof(bias));");
                writer.Line($"{Checks}.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
                OverlapChecks.Emit(writer, t, new[] { "output" }, new[] { "input", "weights", "bias" });
                writer.Line($"ref {t} x = ref {MemoryMarshal}.GetReference(input);");
                writer.Line($"ref {t} w = ref {MemoryMarshal}.GetReference(weights);");
                writer.Line($"ref {t} b = ref {MemoryMarshal}.GetReference(bias);");
                writer.Line($"ref {t} y = ref {MemoryMarshal}.GetReference(output);");
                Dispatch(writer, PathWidths, width =>
                {
                    using (writer.Block("for (int n = 0; n < batch; n++)"))
                    {
                        writer.Line($"ref {t} xn = ref {Unsafe}.Add(ref x, n * InputLength);");
                        writer.Line($"ref {t} yn = ref {Unsafe}.Add(ref y, n * Units);");
                        SweepUnits(
                            writer, spec.Units, type, width,
                            (wd, off) => Load(wd, "b", off),
                            "for (int i = 0; i < InputLength; i++)",
                            new[] { $"{t} xi = {Load(0, "xn", "i")};", $"ref {t} wi = ref {Unsafe}.Add(ref w, i * Units);" },
                            (wd, off, acc) => MultiplyAdd(wd, type, Broadcast(wd, "xi"), Load(wd, "wi", off), acc),
                            (wd, off, acc) => Store(wd, acc, "yn", off));
                    }
                });
            }

            writer.Line();
        }

        private static void EmitBackward(IndentedWriter writer, DenseSpec spec, ElementType type)
        {
            string t = type.Name;
            writer.Summary(
                "Computes the gradients of a batch (all overwritten, not accumulated; weight and bias gradients are summed over the batch):\n" +
                "<c>inputGradient[n, i] = Σ_u weights[i, u]·outputGradient[n, u]</c>,\n" +
                "<c>weightsGradient[i, u] = Σ_n input[n, i]·outputGradient[n, u]</c>, <c>biasGradient[u] = Σ_n outputGradient[n, u]</c>.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or an output overlaps an input or another output.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public static void Backward({ReadOnlySpan}<{t}> outputGradient, {ReadOnlySpan}<{t}> input, {ReadOnlySpan}<{t}> weights, {Span}<{t}> inputGradient, {Span}<{t}> weightsGradient, {Span}<{t}> biasGradient)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(outputGradient.Length, OutputLength, nameof(outputGradient));");
                writer.Line($"{Checks}.RequireBatchLength(input.Length, batch, InputLength, nameof(input));");
                writer.Line($"{Checks}.RequireLength(weights.Length, WeightsLength, nameof(weights));");
                writer.Line($"{Checks}.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
                writer.Line($"{Checks}.RequireLength(weightsGradient.Length, WeightsLength, nameof(weightsGradient));");
                writer.Line($"{Checks}.RequireLength(biasGradient.Length, BiasLength, nameof(biasGradient));");
                OverlapChecks.Emit(writer, t, new[] { "inputGradient", "weightsGradient", "biasGradient" }, new[] { "outputGradient", "input", "weights" });
                writer.Line($"ref {t} g = ref {MemoryMarshal}.GetReference(outputGradient);");
                writer.Line($"ref {t} x = ref {MemoryMarshal}.GetReference(input);");
                writer.Line($"ref {t} w = ref {MemoryMarshal}.GetReference(weights);");
                writer.Line($"ref {t} dx = ref {MemoryMarshal}.GetReference(inputGradient);");
                writer.Line($"ref {t} dw = ref {MemoryMarshal}.GetReference(weightsGradient);");
                writer.Line($"ref {t} db = ref {MemoryMarshal}.GetReference(biasGradient);");
                Dispatch(writer, PathWidths, width =>
                {
                    writer.Line("// Bias: the output gradient summed over the batch.");
                    SweepUnits(
                        writer, spec.Units, type, width,
                        (wd, _) => Zero(wd, type),
                        "for (int n = 0; n < batch; n++)",
                        new[] { $"ref {t} gn = ref {Unsafe}.Add(ref g, n * Units);" },
                        (wd, off, acc) => $"{acc} + {Load(wd, "gn", off)}",
                        (wd, off, acc) => Store(wd, acc, "db", off));
                    writer.Line("// Weights: row i is the batch's sum of input[n, i]·outputGradient[n, :].");
                    using (writer.Block("for (int i = 0; i < InputLength; i++)"))
                    {
                        writer.Line($"ref {t} dwi = ref {Unsafe}.Add(ref dw, i * Units);");
                        SweepUnits(
                            writer, spec.Units, type, width,
                            (wd, _) => Zero(wd, type),
                            "for (int n = 0; n < batch; n++)",
                            new[] { $"{t} xi = {Load(0, "x", "n * InputLength + i")};", $"ref {t} gn = ref {Unsafe}.Add(ref g, n * Units);" },
                            (wd, off, acc) => MultiplyAdd(wd, type, Broadcast(wd, "xi"), Load(wd, "gn", off), acc),
                            (wd, off, acc) => Store(wd, acc, "dwi", off));
                    }

                    writer.Line("// Input: each value's gradient is the dot product of its weight row with the output gradient.");
                    using (writer.Block("for (int n = 0; n < batch; n++)"))
                    {
                        writer.Line($"ref {t} gn = ref {Unsafe}.Add(ref g, n * Units);");
                        writer.Line($"ref {t} dxn = ref {Unsafe}.Add(ref dx, n * InputLength);");
                        using (writer.Block("for (int i = 0; i < InputLength; i++)"))
                        {
                            writer.Line($"ref {t} wi = ref {Unsafe}.Add(ref w, i * Units);");
                            EmitDot(writer, spec.Units, type, width);
                            writer.Line(Store(0, "sum", "dxn", "i"));
                        }
                    }
                });
            }

            writer.Line();
        }

        /// <summary>
        /// Writes <c>sum = Σ_u wi[u]·gn[u]</c> over the units: a loop over whole registers of
        /// <paramref name="width"/>, then the tail in narrower registers and scalars, then one horizontal sum.
        /// </summary>
        private static void EmitDot(IndentedWriter writer, int units, ElementType type, int width)
        {
            int lanes = Lanes(width, type);
            int full = units / lanes * lanes;
            var terms = new List<string>();
            if (full > 0 && width != 0)
            {
                writer.Line($"{Register(width, type)} acc = {Zero(width, type)};");
                using (writer.Block($"for (int u = 0; u < {full}; u += {lanes})"))
                {
                    writer.Line($"acc = {MultiplyAdd(width, type, Load(width, "wi", "u"), Load(width, "gn", "u"), "acc")};");
                }

                terms.Add(Sum(width, "acc"));
            }

            // The scalar path is one loop over the units; only the vector paths have a (short) tail of narrower registers.
            List<RegisterSegment> tail = width == 0 ? new List<RegisterSegment>() : Tail(full, units, width / 2, type);
            if (width == 0 && units > 0)
            {
                writer.Line($"{type.Name} acc = {type.Literal("0")};");
                using (writer.Block($"for (int u = 0; u < {units}; u++)"))
                {
                    writer.Line($"acc = {MultiplyAdd(0, type, Load(0, "wi", "u"), Load(0, "gn", "u"), "acc")};");
                }

                terms.Add("acc");
            }

            // Narrower registers of the tail, one product each; the scalars join in the final sum.
            foreach (RegisterSegment segment in tail)
            {
                string product = segment.Width == 0
                    ? $"{Load(0, "wi", segment.Offset.ToString())} * {Load(0, "gn", segment.Offset.ToString())}"
                    : $"{Vector(segment.Width)}.Sum({Load(segment.Width, "wi", segment.Offset.ToString())} * {Load(segment.Width, "gn", segment.Offset.ToString())})";
                terms.Add(product);
            }

            writer.Line($"{type.Name} sum = {(terms.Count == 0 ? type.Literal("0") : string.Join(" + ", terms))};");
        }

        /// <summary>
        /// Writes a sweep over the units in blocks of up to four registers. For each block it declares accumulators
        /// (initialized by <paramref name="init"/>), runs <paramref name="loopHeader"/> with <paramref name="prelude"/>
        /// and one <paramref name="update"/> per accumulator in its body, then writes each accumulator with
        /// <paramref name="store"/>. Whole registers of <paramref name="width"/> are swept by loops with literal bounds;
        /// the rest of the units by narrower registers and scalars with literal offsets.
        /// </summary>
        private static void SweepUnits(
            IndentedWriter writer,
            int units,
            ElementType type,
            int width,
            Func<int, string, string> init,
            string loopHeader,
            IReadOnlyList<string> prelude,
            Func<int, string, string, string> update,
            Func<int, string, string, string> store)
        {
            int lanes = Lanes(width, type);
            int full = units / lanes * lanes;
            int fullFour = units / (4 * lanes) * (4 * lanes);
            if (fullFour > 0)
            {
                using (writer.Block($"for (int u = 0; u < {fullFour}; u += {4 * lanes})"))
                {
                    Block(writer, Enumerable.Range(0, 4).Select(k => (width, k == 0 ? "u" : $"u + {k * lanes}")).ToList(), type, init, loopHeader, prelude, update, store);
                }
            }

            if (full > fullFour)
            {
                using (writer.Block($"for (int u = {fullFour}; u < {full}; u += {lanes})"))
                {
                    Block(writer, new List<(int, string)> { (width, "u") }, type, init, loopHeader, prelude, update, store);
                }
            }

            List<RegisterSegment> tail = width == 0 ? new List<RegisterSegment>() : Tail(full, units, width / 2, type);
            for (int start = 0; start < tail.Count; start += 4)
            {
                using (writer.Block())
                {
                    Block(writer, tail.Skip(start).Take(4).Select(s => (s.Width, s.Offset.ToString())).ToList(), type, init, loopHeader, prelude, update, store);
                }
            }
        }

        private static void Block(
            IndentedWriter writer,
            IReadOnlyList<(int Width, string Offset)> segments,
            ElementType type,
            Func<int, string, string> init,
            string loopHeader,
            IReadOnlyList<string> prelude,
            Func<int, string, string, string> update,
            Func<int, string, string, string> store)
        {
            for (int k = 0; k < segments.Count; k++)
            {
                writer.Line($"{Register(segments[k].Width, type)} a{k} = {init(segments[k].Width, segments[k].Offset)};");
            }

            using (writer.Block(loopHeader))
            {
                foreach (string line in prelude)
                {
                    writer.Line(line);
                }

                for (int k = 0; k < segments.Count; k++)
                {
                    writer.Line($"a{k} = {update(segments[k].Width, segments[k].Offset, "a" + k)};");
                }
            }

            for (int k = 0; k < segments.Count; k++)
            {
                writer.Line(store(segments[k].Width, segments[k].Offset, "a" + k));
            }
        }
    }
}
