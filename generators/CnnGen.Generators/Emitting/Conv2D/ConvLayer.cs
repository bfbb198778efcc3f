using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CnnGen.Generators.Emitting.Planning;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Plans and writes one convolution layer's kernels: the public span wrappers, the per-layer kernel bodies
    /// (<c>ForwardCore</c>, <c>BackwardCore</c>, reusable by a whole-network emitter) and, below them, one method per
    /// vector tier and per group of row classes as the planner decides.
    /// </summary>
    internal sealed class ConvLayer
    {
        private const string ArgumentExceptionDoc = "/// <exception cref=\"ArgumentException\">A span's length does not fit the layer and the batch, or an output overlaps an input or another output.</exception>";

        private readonly Conv2DSpec _spec;
        private readonly AxisMap _rows;
        private readonly AxisMap _cols;
        private readonly CancellationToken _cancellationToken;
        private List<(int Phase, AxisMap Map)>? _rowPhases;
        private List<(int Phase, AxisMap Map)>? _columnPhases;

        public ConvLayer(Conv2DSpec spec, CancellationToken cancellationToken = default)
        {
            _spec = spec;
            _cancellationToken = cancellationToken;
            _rows = AxisMap.Forward(spec.Input.Height, spec.Output.Height, spec.FilterSize, spec.Stride, spec.Pad);
            _cols = AxisMap.Forward(spec.Input.Width, spec.Output.Width, spec.FilterSize, spec.Stride, spec.Pad);
        }

        private int F => _spec.FilterSize;

        private int S => _spec.Stride;

        private int P => _spec.Pad;

        private int H => _spec.Input.Height;

        private int W => _spec.Input.Width;

        private int Cin => _spec.Input.Channels;

        private int Ho => _spec.Output.Height;

        private int Wo => _spec.Output.Width;

        private int Cout => _spec.Filters;

        private string Shapes =>
            $"input (m, {H}, {W}, {Cin}) NHWC, weights ({F}, {F}, {Cin}, {Cout}), bias ({Cout}), output (m, {Ho}, {Wo}, {Cout}) NHWC";

        // ------------------------------------------------------------------ overview

        public void EmitOverview(IndentedWriter w)
        {
            int interiorRows = Math.Max(0, LayerGeometry.InteriorOutputEnd(H, F, S, P, Ho) - LayerGeometry.FirstInteriorOutput(F, S, P));
            int interiorCols = Math.Max(0, LayerGeometry.InteriorOutputEnd(W, F, S, P, Wo) - LayerGeometry.FirstInteriorOutput(F, S, P));
            var plan = new GatherPlan(_rows, _cols, Cin, ChannelPlan.For(Cout, ElementKind.Single, VectorTier.V512), VectorTier.V512);
            var split = KernelBudget.Split(plan, plan.RowClasses);
            w.Line("// ------------------------------------------------------------------------------------------------");
            w.Line($"// Convolution {H}×{W}×{Cin} → {Ho}×{Wo}×{Cout}: {F}×{F} filters, stride {S}, zero padding {P}.");
            w.Line($"//   Output size per axis: floor((n + 2·{P} − {F}) / {S}) + 1.");
            w.Line($"//   Z[n, oy, ox, k] = b[k] + Σ_dy Σ_dx Σ_c A[n, {S}·oy − {P} + dy, {S}·ox − {P} + dx, c] · W[dy, dx, c, k],");
            w.Line("//   summing only over taps inside the input: the padding is never materialised, its taps are simply not emitted.");
            w.Line($"// Regions: {interiorRows} of {Ho} output rows and {interiorCols} of {Wo} output columns see every tap (interior);");
            w.Line($"//   the rows fall into {plan.RowClasses.Count} classes by their valid filter rows, each with its own code.");
            w.Line("// Forward: channels are the vector axis. W[dy, dx, c, :] is contiguous, so a register block of pixels ×");
            w.Line("//   channel chunks loads each weight row once per tap and broadcasts one input value per pixel.");
            w.Line("//   Loop order per example: row class → output row → channel group → column block → filter row → column tap × C_in.");
            w.Line($"//   On AVX-512 (float): channel groups {ChannelPlan.For(Cout, ElementKind.Single, VectorTier.V512).Signature}; " +
                   $"{split.Count} method(s), unrolled to {string.Join(", ", split.Select(s => s.Level).Distinct())}.");
            w.Line("// Backward: dW accumulates outer products input value × dZ row over pixels and the batch (register block of");
            w.Line("//   weight rows × channel chunks); db sums dZ; dA is the transposed convolution of dZ with the flipped filter,");
            if (InputGradientReducesInLanes(ElementKind.Single))
            {
                w.Line($"//   gathered per input pixel (one stride phase at a time, so every emitted tap is real). C_in = {Cin} is narrower than a");
                w.Line("//   vector, so C_out is the vector axis: each pixel accumulates dZ row × weight row lane by lane, then sums horizontally.");
            }
            else
            {
                w.Line("//   gathered per input pixel with C_in as the vector axis (one stride phase at a time, so every emitted tap is real).");
            }

            w.Line("// Register blocks with fewer accumulators than the FMA latency needs (small layers, narrow dW) alternate between");
            w.Line("//   accumulator banks, summed once at the end of the block.");
            w.Line("// Vector width: Vector512, Vector256 or Vector128 chosen by IsHardwareAccelerated (folded by the JIT).");
            w.Line("// ------------------------------------------------------------------------------------------------");
            w.Line();
        }

        // ------------------------------------------------------------------ public wrappers

        public void EmitForwardWrapper(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            string parameters = $"ReadOnlySpan<{t}> input, ReadOnlySpan<{t}> weights, ReadOnlySpan<{t}> bias, Span<{t}> output";
            w.Summary($"Runs the convolution forward on a batch of {t} values: output = conv(input, weights) + bias.\n{Shapes}; m = input.Length / {_spec.Input.Length}.");
            ForwardParameterDocs(w);
            w.Line(ArgumentExceptionDoc);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public static void Forward({parameters})"))
            {
                EmitForwardChecks(w, t);
                using (w.Block("if (batch == 0)"))
                {
                    w.Line("return;");
                }

                w.Line();
                w.Line("// Lengths are checked above; the kernels below index through refs without further bounds checks.");
                w.Line("ForwardCore(");
                using (w.Indent())
                {
                    w.Line("ref MemoryMarshal.GetReference(input),");
                    w.Line("ref MemoryMarshal.GetReference(weights),");
                    w.Line("ref MemoryMarshal.GetReference(bias),");
                    w.Line("ref MemoryMarshal.GetReference(output),");
                    w.Line("batch);");
                }
            }

            w.Line();
            ParallelOverloads.EmitSummary(w, "Runs the convolution forward", $"Forward(ReadOnlySpan{{{t}}}, ReadOnlySpan{{{t}}}, ReadOnlySpan{{{t}}}, Span{{{t}}})", "the same output, bit for bit.");
            ForwardParameterDocs(w);
            ParallelOverloads.EmitDocs(w, ArgumentExceptionDoc);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public static void Forward({parameters}, {ParallelOverloads.Parameter})"))
            {
                ParallelOverloads.EmitNullCheck(w);
                EmitForwardChecks(w, t);
                w.Line($"{ParallelOverloads.Shards}.ConvForward<{t}>(parallel, ForwardCore, input, InputLength, weights, bias, output, OutputLength, batch);");
            }

            w.Line();
        }

        private void ForwardParameterDocs(IndentedWriter w)
        {
            w.Line($"/// <param name=\"input\">The input activations, (m, {H}, {W}, {Cin}) NHWC.</param>");
            w.Line($"/// <param name=\"weights\">The filters, ({F}, {F}, {Cin}, {Cout}) row-major.</param>");
            w.Line($"/// <param name=\"bias\">The biases, ({Cout}).</param>");
            w.Line($"/// <param name=\"output\">Receives the pre-activations, (m, {Ho}, {Wo}, {Cout}) NHWC; overwritten.</param>");
        }

        /// <summary>Writes the forward argument checks, which leave the batch size in <c>batch</c>.</summary>
        private static void EmitForwardChecks(IndentedWriter w, string t)
        {
            w.Line("int batch = global::CnnGen.SpanArguments.BatchSize(input.Length, InputLength, nameof(input));");
            w.Line("global::CnnGen.SpanArguments.RequireLength(weights.Length, WeightsLength, nameof(weights));");
            w.Line("global::CnnGen.SpanArguments.RequireLength(bias.Length, BiasLength, nameof(bias));");
            w.Line("global::CnnGen.SpanArguments.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));");
            OverlapChecks.Emit(w, t, new[] { "output" }, new[] { "input", "weights", "bias" });
        }

        public void EmitBackwardWrapper(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            string parameters = $"ReadOnlySpan<{t}> outputGradient, ReadOnlySpan<{t}> input, ReadOnlySpan<{t}> weights, Span<{t}> inputGradient, Span<{t}> weightsGradient, Span<{t}> biasGradient";
            bool onStack = _spec.WeightsLength * el.Bytes <= 16 * 1024;
            w.Summary($"Runs the convolution backward on a batch of {t} values, given the gradient of the loss with respect to the output.\n" +
                      "Overwrites the three gradients (never accumulates into them); dW and db are summed over the batch.\n" + Shapes + ".");
            BackwardParameterDocs(w);
            w.Line(ArgumentExceptionDoc);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public static void Backward({parameters})"))
            {
                EmitBackwardChecks(w, t);
                w.Line();
                string call = "BackwardCore(ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(input), " +
                              "ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(inputGradient), " +
                              "ref MemoryMarshal.GetReference(weightsGradient), ref MemoryMarshal.GetReference(biasGradient), ref MemoryMarshal.GetReference(flipped), batch);";
                if (onStack)
                {
                    w.Line($"// The flipped, transposed filter copy the input gradient reads ({_spec.WeightsLength * el.Bytes} bytes) lives on the stack.");
                    w.Line($"Span<{t}> flipped = stackalloc {t}[WeightsLength];");
                    w.Line(call);
                }
                else
                {
                    w.Line($"// The flipped, transposed filter copy the input gradient reads ({_spec.WeightsLength * el.Bytes} bytes) is too big for the");
                    w.Line("// stack; a pooled array keeps the call allocation-free once the pool is warm.");
                    w.Line($"{t}[] rented = ArrayPool<{t}>.Shared.Rent(WeightsLength);");
                    using (w.Block("try"))
                    {
                        w.Line($"Span<{t}> flipped = rented.AsSpan(0, WeightsLength);");
                        w.Line(call);
                    }

                    using (w.Block("finally"))
                    {
                        w.Line($"ArrayPool<{t}>.Shared.Return(rented);");
                    }
                }
            }

            w.Line();
            ParallelOverloads.EmitSummary(
                w,
                "Runs the convolution backward",
                $"Backward(ReadOnlySpan{{{t}}}, ReadOnlySpan{{{t}}}, ReadOnlySpan{{{t}}}, Span{{{t}}}, Span{{{t}}}, Span{{{t}}})",
                "the same input gradient, bit for bit.\n" +
                "Shard 0 writes dW and db, every other shard partial sums into scratch the runner keeps, added to them in shard order\n" +
                "afterwards: dW and db equal the single-thread values up to the rounding of that summation order, the same on every run\n" +
                "for a given thread count. Each shard flips the filter into scratch of its own.");
            BackwardParameterDocs(w);
            ParallelOverloads.EmitDocs(w, ArgumentExceptionDoc);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public static void Backward({parameters}, {ParallelOverloads.Parameter})"))
            {
                ParallelOverloads.EmitNullCheck(w);
                EmitBackwardChecks(w, t);
                w.Line($"{ParallelOverloads.Shards}.ConvBackward<{t}>(parallel, BackwardCore, outputGradient, OutputLength, input, InputLength, weights, inputGradient, weightsGradient, biasGradient, batch);");
            }

            w.Line();
        }

        private void BackwardParameterDocs(IndentedWriter w)
        {
            w.Line($"/// <param name=\"outputGradient\">dZ, (m, {Ho}, {Wo}, {Cout}) NHWC.</param>");
            w.Line($"/// <param name=\"input\">The forward input, (m, {H}, {W}, {Cin}) NHWC.</param>");
            w.Line($"/// <param name=\"weights\">The filters, ({F}, {F}, {Cin}, {Cout}).</param>");
            w.Line($"/// <param name=\"inputGradient\">Receives dA, (m, {H}, {W}, {Cin}) NHWC.</param>");
            w.Line($"/// <param name=\"weightsGradient\">Receives dW, ({F}, {F}, {Cin}, {Cout}).</param>");
            w.Line($"/// <param name=\"biasGradient\">Receives db, ({Cout}).</param>");
        }

        /// <summary>Writes the backward argument checks, which leave the batch size in <c>batch</c>.</summary>
        private static void EmitBackwardChecks(IndentedWriter w, string t)
        {
            w.Line("int batch = global::CnnGen.SpanArguments.BatchSize(input.Length, InputLength, nameof(input));");
            w.Line("global::CnnGen.SpanArguments.RequireBatchLength(outputGradient.Length, batch, OutputLength, nameof(outputGradient));");
            w.Line("global::CnnGen.SpanArguments.RequireLength(weights.Length, WeightsLength, nameof(weights));");
            w.Line("global::CnnGen.SpanArguments.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));");
            w.Line("global::CnnGen.SpanArguments.RequireLength(weightsGradient.Length, WeightsLength, nameof(weightsGradient));");
            w.Line("global::CnnGen.SpanArguments.RequireLength(biasGradient.Length, BiasLength, nameof(biasGradient));");
            OverlapChecks.Emit(w, t, new[] { "inputGradient", "weightsGradient", "biasGradient" }, new[] { "outputGradient", "input", "weights" });
        }

        // ------------------------------------------------------------------ tiers

        private sealed record TierCode<TPlan>(VectorTier Tier, TPlan Plan, string Name);

        /// <summary>One plan per vector tier, dropping a tier whose plan equals the next lower tier's.</summary>
        private static List<TierCode<TPlan>> Tiers<TPlan>(string baseName, ElementKind el, Func<VectorTier, TPlan> plan, Func<VectorTier, string> signature)
        {
            var result = new List<TierCode<TPlan>>();
            for (int i = 0; i < VectorTier.All.Length; i++)
            {
                VectorTier tier = VectorTier.All[i];
                if (i + 1 < VectorTier.All.Length && signature(tier) == signature(VectorTier.All[i + 1]))
                {
                    continue;
                }

                result.Add(new TierCode<TPlan>(tier, plan(tier), $"{baseName}{el.Suffix}V{tier.Bits}"));
            }

            return result;
        }

        private static string ChannelSignature(int channels, ElementKind el, VectorTier tier) =>
            ChannelPlan.For(channels, el, tier).Signature;

        /// <summary>Everything that shapes a gather kernel's code: when two tiers agree, one method serves both.</summary>
        private static string GatherSignature(GatherPlan plan) =>
            plan.Channels.Signature + "/" + string.Join(",", plan.Channels.Groups().Select(g => plan.PixelsFor(g.Group))) + "/" +
            string.Join(",", KernelBudget.Split(plan, plan.RowClasses).Select(s => s.Rows.Count + ":" + s.Level));

        private static void EmitDispatch<TPlan>(IndentedWriter w, List<TierCode<TPlan>> tiers, string arguments)
        {
            for (int i = 0; i < tiers.Count; i++)
            {
                string call = $"{tiers[i].Name}({arguments});";
                if (tiers.Count == 1)
                {
                    w.Line(call);
                    return;
                }

                string header = i == 0 ? $"if ({tiers[i].Tier.ClassName}.IsHardwareAccelerated)"
                    : i < tiers.Count - 1 ? $"else if ({tiers[i].Tier.ClassName}.IsHardwareAccelerated)"
                    : "else";
                using (w.Block(header))
                {
                    w.Line(call);
                }
            }
        }

        private static void EditorHidden(IndentedWriter w)
        {
            w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        }

        // ------------------------------------------------------------------ forward

        public void EmitForwardKernels(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            GatherPlan Plan(VectorTier tier) => new(_rows, _cols, Cin, ChannelPlan.For(Cout, el, tier), tier);
            var tiers = Tiers("Forward", el, Plan, tier => GatherSignature(Plan(tier)));

            w.Summary($"The forward kernel body on refs, reusable wherever the lengths are already known to fit: {Shapes}; {t}.\n" +
                      "Writes batch · OutputLength values at output. Picks the widest accelerated vector tier.");
            EditorHidden(w);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"internal static void ForwardCore(ref {t} input, ref {t} weights, ref {t} bias, ref {t} output, int batch)"))
            {
                EmitDispatch(w, tiers, "ref input, ref weights, ref bias, ref output, batch");
            }

            w.Line();
            var names = new GatherNames("x", "weights", "bias", "y");
            foreach (var tier in tiers)
            {
                GatherPlan plan = tier.Plan;
                var split = KernelBudget.Split(plan, plan.RowClasses);
                w.Summary($"Forward pass with {tier.Tier.ClassName} registers ({t}): channel groups {DescribeGroups(plan.Channels, plan)}.\n" +
                          $"Rows in {split.Count} method(s); unrolled: {string.Join(", ", split.Select(s => s.Level).Distinct())}.");
                using (w.Block($"private static void {tier.Name}(ref {t} input, ref {t} weights, ref {t} bias, ref {t} output, int batch)"))
                {
                    using (w.Block("for (int n = 0; n < batch; n++)"))
                    {
                        w.Line($"ref {t} x = ref Unsafe.Add(ref input, (nint)n * InputLength);");
                        w.Line($"ref {t} y = ref Unsafe.Add(ref output, (nint)n * OutputLength);");
                        if (split.Count == 1)
                        {
                            new GatherKernelEmitter(w, plan, el, names, F, Wo, split[0].Level).EmitRowClasses(split[0].Rows);
                        }
                        else
                        {
                            foreach (var part in split)
                            {
                                w.Line($"{PartName(tier.Name, part.Rows)}(ref x, ref weights, ref bias, ref y);");
                            }
                        }
                    }
                }

                w.Line();
                if (split.Count > 1)
                {
                    foreach (var part in split)
                    {
                        w.Summary($"Forward rows {part.Rows[0].Start}..{part.Rows[part.Rows.Count - 1].End - 1} of one example ({tier.Tier.ClassName}, {t}); unrolled: {part.Level}.");
                        using (w.Block($"private static void {PartName(tier.Name, part.Rows)}(ref {t} x, ref {t} weights, ref {t} bias, ref {t} y)"))
                        {
                            new GatherKernelEmitter(w, plan, el, names, F, Wo, part.Level).EmitRowClasses(part.Rows);
                        }

                        w.Line();
                    }
                }
            }
        }

        private static string PartName(string baseName, IReadOnlyList<RowClass> rows) =>
            $"{baseName}Rows{rows[0].Start}To{rows[rows.Count - 1].End - 1}";

        private static string DescribeGroups(ChannelPlan channels, GatherPlan plan)
        {
            return string.Join(", then ", channels.Groups().Select(g =>
                $"{g.Count}× [{g.Group.Describe()}] with {plan.PixelsFor(g.Group)}-pixel blocks"));
        }

        // ------------------------------------------------------------------ backward

        public void EmitBackwardKernels(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            var biasTiers = Tiers("BiasGradient", el, tier => ChannelPlan.For(Cout, el, tier), tier => ChannelSignature(Cout, el, tier));
            WeightGradientPlan WeightPlan(VectorTier tier) => new(_rows, _cols, Cin, ChannelPlan.For(Cout, el, tier), tier);
            var weightTiers = Tiers("WeightGradient", el, WeightPlan, tier => WeightPlan(tier) is var p ? ChannelSignature(Cout, el, tier) + "/" + string.Join(",", p.Channels.Groups().Select(g => p.TapsFor(g.Group))) : "");
            var inputTiers = Tiers("InputGradient", el, tier => InputGradientPlans(el, tier), tier => InputGradientReductionBits(el, tier) + "|" + string.Join("|", InputGradientPlans(el, tier).Select(p => GatherSignature(p.Plan))));

            w.Summary($"The backward kernel body on refs: {Shapes}; {t}.\n" +
                      "Overwrites dA (batch · InputLength values), dW (WeightsLength) and db (BiasLength); flipped is scratch of WeightsLength values.");
            EditorHidden(w);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"internal static void BackwardCore(ref {t} outputGradient, ref {t} input, ref {t} weights, ref {t} inputGradient, ref {t} weightsGradient, ref {t} biasGradient, ref {t} flipped, int batch)"))
            {
                w.Line("// db = Σ dZ over the batch and the output pixels.");
                EmitDispatch(w, biasTiers, "ref outputGradient, ref biasGradient, batch");
                w.Line();
                w.Line("// dW accumulates example by example (each example's dZ and input stay in cache), so it starts at zero.");
                w.Line("MemoryMarshal.CreateSpan(ref weightsGradient, WeightsLength).Clear();");
                EmitDispatch(w, weightTiers, "ref outputGradient, ref input, ref weightsGradient, batch");
                w.Line();
                if (InputGradientReducesInLanes(el))
                {
                    w.Line("// dA gathers from dZ through the flipped filter with C_out contiguous: flipped[ky, kx, c, k] = W[f−1−ky, f−1−kx, c, k]");
                    w.Line($"// (C_in = {Cin} is narrower than a vector, so C_out is the vector axis and each pixel's sum is reduced horizontally).");
                }
                else
                {
                    w.Line("// dA gathers from dZ through the flipped filter with C_in contiguous: flipped[ky, kx, k, c] = W[f−1−ky, f−1−kx, c, k].");
                }

                w.Line($"Flip{el.Suffix}(ref weights, ref flipped);");
                EmitDispatch(w, inputTiers, "ref outputGradient, ref flipped, ref inputGradient, batch");
            }

            w.Line();
            EmitFlip(w, el);
            foreach (var tier in biasTiers)
            {
                EmitBiasGradient(w, el, tier.Name, tier.Plan, tier.Tier);
            }

            foreach (var tier in weightTiers)
            {
                new WeightGradientEmitter(w, tier.Plan, el, _spec).Emit(tier.Name);
            }

            foreach (var tier in inputTiers)
            {
                EmitInputGradient(w, el, tier.Name, tier.Plan);
            }
        }

        private void EmitFlip(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            w.Summary($"Writes flipped[ky, kx, k, c] = weights[{F - 1} − ky, {F - 1} − kx, c, k]: the filter rotated by 180° with C_in and C_out swapped,\n" +
                      "so the input gradient can broadcast a dZ value and multiply it into a contiguous row over C_in.");
            if (InputGradientReducesInLanes(el))
            {
                w.Summary($"Writes flipped[ky, kx, c, k] = weights[{F - 1} − ky, {F - 1} − kx, c, k]: the filter rotated by 180°, channels kept in place,\n" +
                          $"so the input gradient can multiply a contiguous dZ row over C_out by a contiguous weight row (C_in = {Cin} is narrower than a vector).");
                using (w.Block($"private static void Flip{el.Suffix}(ref {t} weights, ref {t} flipped)"))
                {
                    using (w.Block($"for (int tap = 0; tap < {F * F}; tap++)"))
                    {
                        w.Line($"MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref weights, tap * {Cin * Cout}), {Cin * Cout})" +
                               $".CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref flipped, ({F * F - 1} - tap) * {Cin * Cout}), {Cin * Cout}));");
                    }
                }

                w.Line();
                return;
            }

            using (w.Block($"private static void Flip{el.Suffix}(ref {t} weights, ref {t} flipped)"))
            {
                using (w.Block($"for (nint tap = 0; tap < {F * F}; tap++)"))
                {
                    w.Line($"ref {t} from = ref Unsafe.Add(ref weights, tap * {Cin * Cout});");
                    w.Line($"ref {t} to = ref Unsafe.Add(ref flipped, ({F * F - 1} - tap) * {Cin * Cout});");
                    if (Cin * Cout <= 64)
                    {
                        // A small tap: written out, the loop overhead would cost more than the copies (tiny layers call this every backward).
                        for (int k = 0; k < Cout; k++)
                        {
                            w.Line(string.Join(" ", Enumerable.Range(0, Cin).Select(c => $"Unsafe.Add(ref to, {k * Cin + c}) = Unsafe.Add(ref from, {c * Cout + k});")));
                        }
                    }
                    else
                    {
                        using (w.Block($"for (int c = 0; c < {Cin}; c++)"))
                        {
                            using (w.Block($"for (int k = 0; k < {Cout}; k++)"))
                            {
                                w.Line($"Unsafe.Add(ref to, k * {Cin} + c) = Unsafe.Add(ref from, c * {Cout} + k);");
                            }
                        }
                    }
                }
            }

            w.Line();
        }

        private void EmitBiasGradient(IndentedWriter w, ElementKind el, string name, ChannelPlan plan, VectorTier tier)
        {
            string t = el.Keyword;
            w.Summary($"db[k] = Σ over the batch and the {Ho}×{Wo} output pixels of dZ[.., k] ({tier.ClassName}, {t}).");
            using (w.Block($"private static void {name}(ref {t} outputGradient, ref {t} biasGradient, int batch)"))
            {
                foreach ((ChannelGroup group, int start, int count) in plan.Groups())
                {
                    using (count > 1 ? w.Block($"for (nint ch = {start}; ch < {start + count * group.Width}; ch += {group.Width})") : w.Block())
                    {
                        var ch = count > 1 ? Val.Var("ch") : Val.Lit(start);
                        for (int k = 0; k < group.Chunks.Count; k++)
                        {
                            Chunk chunk = group.Chunks[k];
                            w.Line(chunk.IsScalar ? $"{t} sum{k} = {el.Zero};" : $"var sum{k} = {chunk.VectorClass}<{t}>.Zero;");
                        }

                        using (w.Block("for (int n = 0; n < batch; n++)"))
                        {
                            w.Line($"ref {t} dz = ref Unsafe.Add(ref outputGradient, (nint)n * OutputLength + {new Affine().Add(1, ch)});");
                            using (w.Block($"for (nint p = 0; p < {Ho * Wo}; p++)"))
                            {
                                w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar
                                    ? $"sum{k} += Unsafe.Add(ref dz, p * {Cout} + {chunk.Offset});"
                                    : $"sum{k} += {chunk.VectorClass}.LoadUnsafe(ref Unsafe.Add(ref dz, p * {Cout} + {chunk.Offset}));")));
                            }
                        }

                        for (int k = 0; k < group.Chunks.Count; k++)
                        {
                            Chunk chunk = group.Chunks[k];
                            string at = new Affine().Add(1, ch).Add(chunk.Offset).ToString();
                            w.Line(chunk.IsScalar ? $"Unsafe.Add(ref biasGradient, {at}) = sum{k};" : $"sum{k}.StoreUnsafe(ref Unsafe.Add(ref biasGradient, {at}));");
                        }
                    }
                }
            }

            w.Line();
        }

        // ------------------------------------------------------------------ input gradient

        private sealed record Phase(int RowPhase, int ColumnPhase, GatherPlan Plan);

        /// <summary>Whether the input gradient vectorizes C_out instead of C_in (see <see cref="InputGradientAxis"/>).</summary>
        private bool InputGradientReducesInLanes(ElementKind el) => InputGradientAxis.ReducesInLanes(Cin, Cout, el);

        private int InputGradientReductionBits(ElementKind el, VectorTier tier) => InputGradientAxis.ReductionBits(Cin, Cout, el, tier);

        /// <summary>
        /// The input-gradient kernels, one per stride phase (iy mod S, ix mod S) that a filter tap reaches along both axes.
        /// Only phases that hold an input position exist (py &lt; H, px &lt; W), so the count is bounded by the input's
        /// size and the filter's, never by S² alone; positions in the other phases get no tap, and their dA is zero
        /// (see <see cref="InputGradientHasUntappedPhases"/>).
        /// </summary>
        private List<Phase> InputGradientPlans(ElementKind el, VectorTier tier)
        {
            var channels = ChannelPlan.For(Cin, el, tier);
            var phases = new List<Phase>();
            foreach ((int py, AxisMap rows) in RowPhases)
            {
                foreach ((int px, AxisMap cols) in ColumnPhases)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    phases.Add(new Phase(py, px, new GatherPlan(rows, cols, Cout, channels, tier)));
                }
            }

            return phases;
        }

        private List<(int Phase, AxisMap Map)> RowPhases => _rowPhases ??= TappedPhases(H, Ho);

        private List<(int Phase, AxisMap Map)> ColumnPhases => _columnPhases ??= TappedPhases(W, Wo);

        /// <summary>True when some input positions lie in a phase that no tap reaches, so dA must start at zero.</summary>
        private bool InputGradientHasUntappedPhases => RowPhases.Count < Math.Min(S, H) || ColumnPhases.Count < Math.Min(S, W);

        /// <summary>The stride phases of one axis that hold an input position and are reached by at least one tap.</summary>
        private List<(int Phase, AxisMap Map)> TappedPhases(int inputSize, int outputSize)
        {
            var phases = new List<(int, AxisMap)>();
            int count = Math.Min(S, inputSize);
            for (int phase = 0; phase < count; phase++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                AxisMap map = AxisMap.InputGradient(inputSize, outputSize, F, S, P, phase);
                if (map.TapCount > 0)
                {
                    phases.Add((phase, map));
                }
            }

            return phases;
        }

        private void EmitInputGradient(IndentedWriter w, ElementKind el, string name, List<Phase> phases)
        {
            string t = el.Keyword;
            var names = new GatherNames("dz", "flipped", null, "da");
            var parts = new List<(Phase Phase, IReadOnlyList<RowClass> Rows, UnrollLevel Level)>();
            foreach (Phase phase in phases)
            {
                foreach (var split in KernelBudget.Split(phase.Plan, phase.Plan.RowClasses))
                {
                    parts.Add((phase, split.Rows, split.Level));
                }
            }

            int totalCost = parts.Sum(p => p.Rows.Sum(r => p.Phase.Plan.Cost(r, p.Level)));
            bool inline = totalCost <= KernelBudget.MethodStatements;
            VectorTier tier = phases.Count > 0 ? phases[0].Plan.Tier : VectorTier.V128;
            int reductionBits = InputGradientReductionBits(el, tier);
            w.Summary($"dA[n, iy, ix, c] = Σ over the taps (dy, dx) with {S}·oy = iy + {P} − dy and {S}·ox = ix + {P} − dx inside dZ of dZ[n, oy, ox, :] · W[dy, dx, c, :]\n" +
                      $"({tier.ClassName}, {t}). Input pixels are visited by stride phase (iy mod {S}, ix mod {S}), so each phase has a fixed set of taps.");
            using (w.Block($"private static void {name}(ref {t} outputGradient, ref {t} flipped, ref {t} inputGradient, int batch)"))
            {
                using (w.Block("for (int n = 0; n < batch; n++)"))
                {
                    w.Line($"ref {t} dz = ref Unsafe.Add(ref outputGradient, (nint)n * OutputLength);");
                    w.Line($"ref {t} da = ref Unsafe.Add(ref inputGradient, (nint)n * InputLength);");
                    if (InputGradientHasUntappedPhases)
                    {
                        w.Line($"// No tap reaches the positions outside the phases below (the stride {S} passes over them): their dA is zero.");
                        w.Line("MemoryMarshal.CreateSpan(ref da, InputLength).Clear();");
                    }

                    foreach (var part in parts)
                    {
                        if (inline)
                        {
                            w.Line($"// Phase (iy mod {S}, ix mod {S}) = ({part.Phase.RowPhase}, {part.Phase.ColumnPhase}): {part.Phase.Plan.Rows.TapCount}×{part.Phase.Plan.Columns.TapCount} taps; unrolled: {part.Level}.");
                            using (w.Block())
                            {
                                new GatherKernelEmitter(w, part.Phase.Plan, el, names, F, W, part.Level, reductionBits).EmitRowClasses(part.Rows);
                            }
                        }
                        else
                        {
                            w.Line($"{InputPartName(name, part.Phase, part.Rows)}(ref dz, ref flipped, ref da);");
                        }
                    }
                }
            }

            w.Line();
            if (!inline)
            {
                foreach (var part in parts)
                {
                    w.Summary($"The input gradient of phase ({part.Phase.RowPhase}, {part.Phase.ColumnPhase}), phase rows {part.Rows[0].Start}..{part.Rows[part.Rows.Count - 1].End - 1}, one example; unrolled: {part.Level}.");
                    using (w.Block($"private static void {InputPartName(name, part.Phase, part.Rows)}(ref {t} dz, ref {t} flipped, ref {t} da)"))
                    {
                        new GatherKernelEmitter(w, part.Phase.Plan, el, names, F, W, part.Level, reductionBits).EmitRowClasses(part.Rows);
                    }

                    w.Line();
                }
            }
        }

        private static string InputPartName(string name, Phase phase, IReadOnlyList<RowClass> rows) =>
            $"{name}Phase{phase.RowPhase}_{phase.ColumnPhase}Rows{rows[0].Start}To{rows[rows.Count - 1].End - 1}";
    }
}
