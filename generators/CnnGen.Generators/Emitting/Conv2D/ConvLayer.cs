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
        private const string ArgumentExceptionDoc = "/// <exception cref=\"global::System.ArgumentException\">A span's length does not fit the layer and the batch, or an output overlaps an input or another output.</exception>";

        private readonly Conv2DSpec _spec;
        private readonly AxisMap _rows;
        private readonly AxisMap _cols;
        private readonly CancellationToken _cancellationToken;
        private readonly Compaction _compaction;
        private List<(int Phase, AxisMap Map)>? _rowPhases;
        private List<(int Phase, AxisMap Map)>? _columnPhases;

        public ConvLayer(Conv2DSpec spec, Compaction compaction = Compaction.None, CancellationToken cancellationToken = default)
        {
            _spec = spec;
            _compaction = compaction;
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
            $"input (m, {H}, {W}, {Cin}) NHWC, weights ({F}, {F}, {Cin}, {Cout}), {(_spec.HasBias ? $"bias ({Cout})" : "no bias")}, output (m, {Ho}, {Wo}, {Cout}) NHWC";

        // ------------------------------------------------------------------ overview

        public void EmitOverview(IndentedWriter w)
        {
            int interiorRows = Math.Max(0, LayerGeometry.InteriorOutputEnd(H, F, S, P, Ho) - LayerGeometry.FirstInteriorOutput(F, S, P));
            int interiorCols = Math.Max(0, LayerGeometry.InteriorOutputEnd(W, F, S, P, Wo) - LayerGeometry.FirstInteriorOutput(F, S, P));
            var plan = ForwardPlan(ElementKind.Single, VectorTier.V512);
            UnrollLevel level = KernelBudget.LevelFor(plan);
            w.Line("// ------------------------------------------------------------------------------------------------");
            w.Line($"// Convolution {H}×{W}×{Cin} → {Ho}×{Wo}×{Cout}: {F}×{F} filters, stride {S}, zero padding {P}.");
            w.Line($"//   Output size per axis: floor((n + 2·{P} − {F}) / {S}) + 1.");
            w.Line($"//   Z[n, oy, ox, k] = b[k] + Σ_dy Σ_dx Σ_c A[n, {S}·oy − {P} + dy, {S}·ox − {P} + dx, c] · W[dy, dx, c, k],");
            w.Line("//   summing only over taps inside the input: the padding is never materialised, its taps are simply not emitted.");
            w.Line($"// Regions: {interiorRows} of {Ho} output rows and {interiorCols} of {Wo} output columns see every tap (interior);");
            w.Line($"//   one loop serves all rows (their valid filter rows fall into {plan.RowClasses.Count} classes, computed per row).");
            w.Line("// Forward: channels are the vector axis. W[dy, dx, c, :] is contiguous, so a register block of pixels ×");
            w.Line("//   channel chunks loads each weight row once per tap and broadcasts one input value per pixel.");
            w.Line("//   Loop order per example: output row → channel group → column block → filter row → column tap × C_in.");
            w.Line($"//   On AVX-512 (float): channel groups {Channels(Cout, ElementKind.Single, VectorTier.V512).Signature}; " +
                   $"unrolled: {level}.");
            w.Line("// Backward: dW accumulates outer products input value × dZ row over pixels and the batch (register block of");
            w.Line("//   weight rows × channel chunks); db sums dZ; dA is the transposed convolution of dZ with the flipped filter,");
            if (InputGradientReducesInLanes(ElementKind.Single))
            {
                w.Line($"//   gathered per input pixel (one stride phase at a time, so every emitted tap is real). C_in = {Cin} is not a whole number of");
                w.Line("//   128-bit vectors, so C_out is the vector axis: each pixel accumulates dZ row × weight row lane by lane, then sums");
                w.Line("//   horizontally.");
            }
            else
            {
                w.Line("//   gathered per input pixel with C_in as the vector axis (one stride phase at a time, so every emitted tap is real).");
            }

            if (_compaction != Compaction.None)
            {
                w.Line($"// Compaction: {_compaction}, as at full unrolling this layer's code would exceed {KernelBudget.LayerCharacters:N0} characters.");
            }

            w.Line("// Register blocks with fewer accumulators than the FMA latency needs (small layers, narrow dW) alternate between");
            w.Line("//   accumulator banks, summed once at the end of the block.");
            string doubles = Has(Compaction.DoubleOnlyVector128) ? "; double runs Vector128 only" : string.Empty;
            w.Line(Has(Compaction.OnlyVector128) ? "// Vector width: Vector128 on every machine (compaction's last resort). Each kernel is"
                : Has(Compaction.WithoutVector512) ? $"// Vector width: Vector256 or Vector128 chosen by IsHardwareAccelerated (folded by the JIT; no Vector512 bodies{doubles}). Each kernel is"
                : $"// Vector width: Vector512, Vector256 or Vector128 chosen by IsHardwareAccelerated (folded by the JIT{doubles}). Each kernel is");
            w.Line("//   planned per tier and element type; plans whose code reads the same share one body, generic over IVectorOps.");
            w.Line("// ------------------------------------------------------------------------------------------------");
            w.Line();
        }

        // ------------------------------------------------------------------ public wrappers

        public void EmitForwardWrapper(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            string parameters = $"global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> weights, global::System.ReadOnlySpan<{t}> bias, global::System.Span<{t}> output";
            w.Summary($"Runs the convolution forward on a batch of {t} values: output = conv(input, weights){(_spec.HasBias ? " + bias" : " (no bias: Bias = false)")}.\n{Shapes}; m = input.Length / {_spec.Input.Length}.");
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
                    w.Line("ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input),");
                    w.Line("ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(weights),");
                    w.Line("ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(bias),");
                    w.Line("ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(output),");
                    w.Line("batch);");
                }
            }

            w.Line();
            ParallelOverloads.EmitSummary(w, "Runs the convolution forward", $"Forward(global::System.ReadOnlySpan{{{t}}}, global::System.ReadOnlySpan{{{t}}}, global::System.ReadOnlySpan{{{t}}}, global::System.Span{{{t}}})", "the same output, bit for bit.");
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
            w.Line(_spec.HasBias ? $"/// <param name=\"bias\">The biases, ({Cout}).</param>" : "/// <param name=\"bias\">Empty: the layer has no bias (Bias = false).</param>");
            w.Line($"/// <param name=\"output\">Receives the pre-activations, (m, {Ho}, {Wo}, {Cout}) NHWC; overwritten.</param>");
        }

        /// <summary>Writes the forward argument checks (the runtime's <c>Conv2DArguments</c>), which leave the batch size in <c>batch</c>.</summary>
        private static void EmitForwardChecks(IndentedWriter w, string t)
        {
            w.Line($"int batch = global::CnnGen.Conv2DArguments.CheckForward<{t}>(input, weights, bias, output, InputLength, OutputLength, WeightsLength, BiasLength);");
        }

        public void EmitBackwardWrapper(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            string parameters = $"global::System.ReadOnlySpan<{t}> outputGradient, global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> weights, global::System.Span<{t}> inputGradient, global::System.Span<{t}> weightsGradient, global::System.Span<{t}> biasGradient";
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
                string call = "BackwardCore(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(outputGradient), ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(input), " +
                              "ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(weights), ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(inputGradient), " +
                              "ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(weightsGradient), ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(biasGradient), ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(flipped), batch);";
                if (onStack)
                {
                    w.Line($"// The flipped, transposed filter copy the input gradient reads ({_spec.WeightsLength * el.Bytes} bytes) lives on the stack.");
                    w.Line($"global::System.Span<{t}> flipped = stackalloc {t}[WeightsLength];");
                    w.Line(call);
                }
                else
                {
                    w.Line($"// The flipped, transposed filter copy the input gradient reads ({_spec.WeightsLength * el.Bytes} bytes) is too big for the");
                    w.Line("// stack; a pooled array keeps the call allocation-free once the pool is warm.");
                    w.Line($"{t}[] rented = global::System.Buffers.ArrayPool<{t}>.Shared.Rent(WeightsLength);");
                    using (w.Block("try"))
                    {
                        w.Line($"global::System.Span<{t}> flipped = new global::System.Span<{t}>(rented, 0, WeightsLength);");
                        w.Line(call);
                    }

                    using (w.Block("finally"))
                    {
                        w.Line($"global::System.Buffers.ArrayPool<{t}>.Shared.Return(rented);");
                    }
                }
            }

            w.Line();
            ParallelOverloads.EmitSummary(
                w,
                "Runs the convolution backward",
                $"Backward(global::System.ReadOnlySpan{{{t}}}, global::System.ReadOnlySpan{{{t}}}, global::System.ReadOnlySpan{{{t}}}, global::System.Span{{{t}}}, global::System.Span{{{t}}}, global::System.Span{{{t}}})",
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
            w.Line(_spec.HasBias ? $"/// <param name=\"biasGradient\">Receives db, ({Cout}).</param>" : "/// <param name=\"biasGradient\">Empty: the layer has no bias (Bias = false).</param>");
        }

        /// <summary>Writes the backward argument checks (the runtime's <c>Conv2DArguments</c>), which leave the batch size in <c>batch</c>.</summary>
        private static void EmitBackwardChecks(IndentedWriter w, string t)
        {
            w.Line($"int batch = global::CnnGen.Conv2DArguments.CheckBackward<{t}>(outputGradient, input, weights, inputGradient, weightsGradient, biasGradient, InputLength, OutputLength, WeightsLength, BiasLength);");
        }

        // ------------------------------------------------------------------ kernels

        /// <summary>
        /// Writes, per element type, the kernel entry points (<c>ForwardCore</c>, <c>BackwardCore</c>) that pick a vector
        /// tier, then every distinct kernel body once (<see cref="KernelBodies"/>): tiers and element types whose bodies read
        /// the same are one generic method.
        /// </summary>
        public void EmitKernels(IndentedWriter w, IReadOnlyList<ElementKind> elements)
        {
            var bodies = new KernelBodies(_cancellationToken);
            foreach (ElementKind el in elements)
            {
                EmitForwardCore(w, el, bodies);
                EmitBackwardCore(w, el, bodies);
                EmitFlip(w, el);
            }

            bodies.Write(w, "Forward", served => $"The forward pass on one batch ({served}): Z = conv(A, W) + b, channels as the vector axis.");
            bodies.Write(w, "BiasGradient", served => $"db[k] = Σ over the batch and the {Ho}×{Wo} output pixels of dZ[.., k] ({served}).");
            bodies.Write(w, "WeightGradient", served => WeightGradientEmitter.Summary(_spec, WeightPlan(elements[0], VectorTier.V512), served));
            bodies.Write(w, "InputGradient", served =>
                $"dA[n, iy, ix, c] = Σ over the taps (dy, dx) with {S}·oy = iy + {P} − dy and {S}·ox = ix + {P} − dx inside dZ of dZ[n, oy, ox, :] · W[dy, dx, c, :]\n" +
                $"({served}). Input pixels are visited by stride phase (iy mod {S}, ix mod {S}), so each phase has a fixed set of taps.");
        }

        private GatherPlan ForwardPlan(ElementKind el, VectorTier tier) =>
            new(_rows, _cols, Cin, Channels(Cout, el, tier, mayOverlap: true), Planned(tier), PixelSegments, Has(Compaction.SharedRegisterBlocks), Has(Compaction.DynamicBorders));

        /// <summary>The tier as the register blocks are planned for it: with the narrowest tier's accumulators at <see cref="Compaction.SharedRegisterBlocks"/>.</summary>
        private VectorTier Planned(VectorTier tier) =>
            Has(Compaction.SharedRegisterBlocks) ? tier.WithAccumulators(VectorTier.V128.Accumulators) : tier;

        /// <summary>How <paramref name="channels"/> channels are cut into registers on a tier, at this layer's compaction.</summary>
        /// <param name="mayOverlap">
        /// Whether the kernel's channels may end in an overlapping vector: the forward pass and the input gradient overwrite
        /// their outputs; the weight gradient adds only the overlapping vector's uncovered lanes.
        /// </param>
        private ChannelPlan Channels(int channels, ElementKind el, VectorTier tier, bool mayOverlap = false) =>
            ChannelPlan.For(
                channels,
                el,
                tier,
                tierWidthTail: Has(Compaction.TierWidthTails),
                singleVectorGroups: Has(Compaction.SingleVectorGroups),
                overlappingTail: mayOverlap && Has(Compaction.OverlappingTails));

        private bool PixelSegments => Has(Compaction.PixelSegments);

        private bool Has(Compaction compaction) => (_compaction & compaction) != 0;

        private WeightGradientPlan WeightPlan(ElementKind el, VectorTier tier) =>
            new(_rows, _cols, Cin, Channels(Cout, el, tier, mayOverlap: true), Planned(tier), alwaysPerFilterColumn: Has(Compaction.PerFilterColumn));

        /// <summary>The generic type parameters and constraints of a body in <paramref name="s"/>'s spelling, or nothing.</summary>
        private static (string Parameters, string Constraints) Generic(VectorSpelling s) =>
            s.IsGeneric ? (VectorSpelling.TypeParameters, " " + VectorSpelling.Constraints) : (string.Empty, string.Empty);

        /// <summary>Calls one body per tier, widest accelerated first; tiers that call the same method share a branch.</summary>
        private static void EmitDispatch(IndentedWriter w, IReadOnlyList<(VectorTier Tier, string Call)> tiers, string arguments)
        {
            var branches = new List<(VectorTier Tier, string Call)>();
            foreach (var tier in tiers)
            {
                if (branches.Count > 0 && branches[branches.Count - 1].Call == tier.Call)
                {
                    continue;
                }

                branches.Add(tier);
            }

            for (int i = 0; i < branches.Count; i++)
            {
                string call = $"{branches[i].Call}({arguments});";
                if (branches.Count == 1)
                {
                    w.Line(call);
                    return;
                }

                string header = i == 0 ? $"if ({KernelNames.Intrinsics}{branches[i].Tier.ClassName}.IsHardwareAccelerated)"
                    : i < branches.Count - 1 ? $"else if ({KernelNames.Intrinsics}{branches[i].Tier.ClassName}.IsHardwareAccelerated)"
                    : "else";
                using (w.Block(header))
                {
                    w.Line(call);
                }
            }
        }

        /// <summary>
        /// One body per tier, widest first, for <paramref name="el"/>. Without the Vector512 tier
        /// (<see cref="Compaction.WithoutVector512"/>) AVX-512 machines take the dispatch's Vector256 branch; with
        /// <see cref="Compaction.DoubleOnlyVector128"/> double has one body, and with <see cref="Compaction.OnlyVector128"/>
        /// both element types have.
        /// </summary>
        private List<(VectorTier Tier, string Call)> Calls(ElementKind el, Func<VectorTier, string> add) =>
            VectorTier.All
                .Where(tier => tier.Bits == 128 || !(Has(Compaction.OnlyVector128) || (Has(Compaction.DoubleOnlyVector128) && el == ElementKind.Double)))
                .Where(tier => tier.Bits != 512 || !Has(Compaction.WithoutVector512))
                .Select(tier => (tier, add(tier)))
                .ToList();

        private static void EditorHidden(IndentedWriter w)
        {
            w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        }

        // ------------------------------------------------------------------ forward

        private void EmitForwardCore(IndentedWriter w, ElementKind el, KernelBodies bodies)
        {
            string t = el.Keyword;
            var calls = Calls(el, tier => bodies.Add("Forward", el, tier, (bw, s) => RenderForward(bw, s, ForwardPlan(el, tier))));
            w.Summary($"The forward kernel body on refs, reusable wherever the lengths are already known to fit: {Shapes}; {t}.\n" +
                      "Writes batch · OutputLength values at output. Picks the widest accelerated vector tier.");
            EditorHidden(w);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"internal static void ForwardCore(ref {t} input, ref {t} weights, ref {t} bias, ref {t} output, int batch)"))
            {
                if (_spec.HasBias)
                {
                    EmitDispatch(w, calls, "ref input, ref weights, ref bias, ref output, batch");
                }
                else
                {
                    // Bias = false: the (empty) bias is not read; the kernels start every output from these zeros instead.
                    w.Line($"ref {t} zeros = ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(ZeroBias{el.Suffix});");
                    EmitDispatch(w, calls, "ref input, ref weights, ref zeros, ref output, batch");
                }
            }

            w.Line();
            if (!_spec.HasBias)
            {
                w.Summary("The zero bias the forward kernels start from: the layer has none (Bias = false).");
                w.Line($"private static readonly {t}[] ZeroBias{el.Suffix} = new {t}[{Cout}];");
                w.Line();
            }
        }

        private void RenderForward(IndentedWriter w, VectorSpelling s, GatherPlan plan)
        {
            string t = s.T;
            UnrollLevel level = KernelBudget.LevelFor(plan);
            (string parameters, string constraints) = Generic(s);
            w.Line(KernelNames.AggressiveOptimization);
            using (w.Block($"private static void {KernelBodies.NamePlaceholder}{parameters}(ref {t} input, ref {t} weights, ref {t} bias, ref {t} output, int batch){constraints}"))
            {
                w.Line($"// Register blocks of {string.Join(", then ", plan.Channels.Groups().Select(g => $"{plan.PixelsFor(g.Group)} pixels × {g.Group.Chunks.Count} channel chunk(s)"))}; unrolled: {level}.");
                using (w.Block("for (int n = 0; n < batch; n++)"))
                {
                    w.Line($"ref {t} x = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref input, (nint)n * InputLength);");
                    w.Line($"ref {t} y = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref output, (nint)n * OutputLength);");
                    new GatherKernelEmitter(w, plan, s, new GatherNames("x", "weights", "bias", "y"), F, Wo, level).EmitRowClasses(new[] { plan.AllRows });
                }
            }
        }

        // ------------------------------------------------------------------ backward

        private void EmitBackwardCore(IndentedWriter w, ElementKind el, KernelBodies bodies)
        {
            string t = el.Keyword;
            var biasCalls = _spec.HasBias ? Calls(el, tier => bodies.Add("BiasGradient", el, tier, (bw, s) => RenderBiasGradient(bw, s, Channels(Cout, el, tier)))) : null;
            var weightCalls = Calls(el, tier => bodies.Add("WeightGradient", el, tier, (bw, s) => new WeightGradientEmitter(bw, WeightPlan(el, tier), s, _spec).Emit(KernelBodies.NamePlaceholder)));
            var inputCalls = Calls(el, tier => bodies.Add("InputGradient", el, tier, (bw, s) => RenderInputGradient(bw, s, InputGradientPlans(el, tier))));

            w.Summary($"The backward kernel body on refs: {Shapes}; {t}.\n" +
                      "Overwrites dA (batch · InputLength values), dW (WeightsLength) and db (BiasLength); flipped is scratch of WeightsLength values.");
            EditorHidden(w);
            w.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"internal static void BackwardCore(ref {t} outputGradient, ref {t} input, ref {t} weights, ref {t} inputGradient, ref {t} weightsGradient, ref {t} biasGradient, ref {t} flipped, int batch)"))
            {
                if (biasCalls is not null)
                {
                    w.Line("// db = Σ dZ over the batch and the output pixels.");
                    EmitDispatch(w, biasCalls, "ref outputGradient, ref biasGradient, batch");
                    w.Line();
                }
                w.Line("// dW accumulates example by example (each example's dZ and input stay in cache), so it starts at zero.");
                w.Line("global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref weightsGradient, WeightsLength).Clear();");
                EmitDispatch(w, weightCalls, "ref outputGradient, ref input, ref weightsGradient, batch");
                w.Line();
                if (InputGradientReducesInLanes(el))
                {
                    w.Line("// dA gathers from dZ through the flipped filter with C_out contiguous: flipped[ky, kx, c, k] = W[f−1−ky, f−1−kx, c, k]");
                    w.Line($"// (C_in = {Cin} is not a whole number of 128-bit vectors, so C_out is the vector axis and each pixel's sum is reduced horizontally).");
                }
                else
                {
                    w.Line("// dA gathers from dZ through the flipped filter with C_in contiguous: flipped[ky, kx, k, c] = W[f−1−ky, f−1−kx, c, k].");
                }

                w.Line($"Flip{el.Suffix}(ref weights, ref flipped);");
                EmitDispatch(w, inputCalls, "ref outputGradient, ref flipped, ref inputGradient, batch");
            }

            w.Line();
        }

        private void EmitFlip(IndentedWriter w, ElementKind el)
        {
            string t = el.Keyword;
            if (InputGradientReducesInLanes(el))
            {
                w.Summary($"Writes flipped[ky, kx, c, k] = weights[{F - 1} − ky, {F - 1} − kx, c, k]: the filter rotated by 180°, channels kept in place,\n" +
                          $"so the input gradient can multiply a contiguous dZ row over C_out by a contiguous weight row (C_in = {Cin} is not a whole number of 128-bit vectors).");
                using (w.Block($"private static void Flip{el.Suffix}(ref {t} weights, ref {t} flipped)"))
                {
                    using (w.Block($"for (int tap = 0; tap < {F * F}; tap++)"))
                    {
                        w.Line($"global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, tap * {Cin * Cout}), {Cin * Cout})" +
                               $".CopyTo(global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref global::System.Runtime.CompilerServices.Unsafe.Add(ref flipped, ({F * F - 1} - tap) * {Cin * Cout}), {Cin * Cout}));");
                    }
                }

                w.Line();
                return;
            }

            w.Summary($"Writes flipped[ky, kx, k, c] = weights[{F - 1} − ky, {F - 1} − kx, c, k]: the filter rotated by 180° with C_in and C_out swapped,\n" +
                      "so the input gradient can broadcast a dZ value and multiply it into a contiguous row over C_in.");
            using (w.Block($"private static void Flip{el.Suffix}(ref {t} weights, ref {t} flipped)"))
            {
                using (w.Block($"for (nint tap = 0; tap < {F * F}; tap++)"))
                {
                    w.Line($"ref {t} from = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weights, tap * {Cin * Cout});");
                    w.Line($"ref {t} to = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref flipped, ({F * F - 1} - tap) * {Cin * Cout});");
                    if (Cin * Cout <= 64)
                    {
                        // A small tap: written out, the loop overhead would cost more than the copies (tiny layers call this every backward).
                        for (int k = 0; k < Cout; k++)
                        {
                            w.Line(string.Join(" ", Enumerable.Range(0, Cin).Select(c => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref to, {k * Cin + c}) = global::System.Runtime.CompilerServices.Unsafe.Add(ref from, {c * Cout + k});")));
                        }
                    }
                    else
                    {
                        using (w.Block($"for (int c = 0; c < {Cin}; c++)"))
                        {
                            using (w.Block($"for (int k = 0; k < {Cout}; k++)"))
                            {
                                w.Line($"global::System.Runtime.CompilerServices.Unsafe.Add(ref to, k * {Cin} + c) = global::System.Runtime.CompilerServices.Unsafe.Add(ref from, c * {Cout} + k);");
                            }
                        }
                    }
                }
            }

            w.Line();
        }

        private void RenderBiasGradient(IndentedWriter w, VectorSpelling s, ChannelPlan plan)
        {
            string t = s.T;
            (string parameters, string constraints) = Generic(s);
            w.Line(KernelNames.AggressiveOptimization);
            using (w.Block($"private static void {KernelBodies.NamePlaceholder}{parameters}(ref {t} outputGradient, ref {t} biasGradient, int batch){constraints}"))
            {
                foreach ((ChannelGroup group, int start, int count) in plan.Groups())
                {
                    string? loop = s.ChannelLoop(group, start, count);
                    using (loop is not null ? w.Block(loop) : w.Block())
                    {
                        var ch = loop is not null ? Val.Var("ch") : Val.Lit(start);
                        for (int k = 0; k < group.Chunks.Count; k++)
                        {
                            Chunk chunk = group.Chunks[k];
                            w.Line(chunk.IsScalar ? $"{s.ScalarType} sum{k} = {s.ScalarZero};" : $"var sum{k} = {s.Zero(chunk.Bits)};");
                        }

                        using (w.Block("for (int n = 0; n < batch; n++)"))
                        {
                            w.Line($"ref {t} dz = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref outputGradient, (nint)n * OutputLength + {new Affine().Add(1, ch)});");
                            using (w.Block($"for (nint p = 0; p < {Ho * Wo}; p++)"))
                            {
                                w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar
                                    ? $"sum{k} += global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, p * {Cout} + {chunk.Offset});"
                                    : s.AddInto(chunk.Bits, $"sum{k}", s.LoadAt(chunk.Bits, "dz", s.AddChunkOffset(new Affine().Add(Cout, Val.Var("p")), chunk).ToString())))));
                            }
                        }

                        for (int k = 0; k < group.Chunks.Count; k++)
                        {
                            Chunk chunk = group.Chunks[k];
                            string at = s.AddChunkOffset(new Affine().Add(1, ch), chunk).ToString();
                            w.Line(chunk.IsScalar ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref biasGradient, {at}) = sum{k};" : s.StoreAt(chunk.Bits, $"sum{k}", "biasGradient", at.ToString()));
                        }
                    }
                }
            }
        }

        // ------------------------------------------------------------------ input gradient

        private sealed record Phase(int RowPhase, int ColumnPhase, GatherPlan Plan);

        /// <summary>Whether the input gradient vectorizes C_out instead of C_in (see <see cref="InputGradientAxis"/>).</summary>
        private bool InputGradientReducesInLanes(ElementKind el) => InputGradientAxis.ReducesInLanes(Cin, Cout, el, Has(Compaction.InputGradientInLanes));

        private int InputGradientReductionBits(ElementKind el, VectorTier tier) => InputGradientAxis.ReductionBits(Cin, Cout, el, tier, Has(Compaction.InputGradientInLanes));

        /// <summary>
        /// The input-gradient kernels, one per stride phase (iy mod S, ix mod S) that a filter tap reaches along both axes.
        /// Only phases that hold an input position exist (py &lt; H, px &lt; W), so the count is bounded by the input's
        /// size and the filter's, never by S² alone; positions in the other phases get no tap, and their dA is zero
        /// (see <see cref="InputGradientHasUntappedPhases"/>).
        /// </summary>
        private List<Phase> InputGradientPlans(ElementKind el, VectorTier tier)
        {
            // Summed in vector lanes over C_out, every input channel is one accumulator of its own (a scalar chunk).
            var channels = InputGradientReducesInLanes(el) ? ChannelPlan.Scalars(Cin) : Channels(Cin, el, tier, mayOverlap: true);
            var phases = new List<Phase>();
            foreach ((int py, AxisMap rows) in RowPhases)
            {
                foreach ((int px, AxisMap cols) in ColumnPhases)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    phases.Add(new Phase(py, px, new GatherPlan(rows, cols, Cout, channels, Planned(tier), PixelSegments, Has(Compaction.SharedRegisterBlocks), Has(Compaction.DynamicBorders))));
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

        private void RenderInputGradient(IndentedWriter w, VectorSpelling s, List<Phase> phases)
        {
            string t = s.T;
            string name = KernelBodies.NamePlaceholder;
            (string parameters, string constraints) = Generic(s);
            var names = new GatherNames("dz", "flipped", null, "da");
            var parts = phases.Select(phase => (Phase: phase, Rows: (IReadOnlyList<RowClass>)new[] { phase.Plan.AllRows }, Level: KernelBudget.LevelFor(phase.Plan))).ToList();
            bool inline = parts.Sum(p => p.Phase.Plan.Cost(p.Level)) <= KernelBudget.MethodStatements;
            int reductionBits = InputGradientReductionBits(s.Element, s.Tier);
            if (RowPhases.Count > 1)
            {
                RenderInputGradientByColumnPhase(w, s, phases, reductionBits);
                return;
            }

            EmitInputGradientEntry(w, s, () =>
            {
                foreach (var part in parts)
                {
                    if (inline)
                    {
                        w.Line($"// Phase (iy mod {S}, ix mod {S}) = ({part.Phase.RowPhase}, {part.Phase.ColumnPhase}): {part.Phase.Plan.Rows.TapCount}×{part.Phase.Plan.Columns.TapCount} taps; unrolled: {part.Level}.");
                        using (w.Block())
                        {
                            new GatherKernelEmitter(w, part.Phase.Plan, s, names, F, W, part.Level, reductionBits).EmitRowClasses(part.Rows);
                        }
                    }
                    else
                    {
                        w.Line($"{InputPartName(name, part.Phase, part.Rows)}{(s.IsGeneric ? VectorSpelling.TypeParameters : string.Empty)}(ref dz, ref flipped, ref da);");
                    }
                }
            });

            w.Line();
            if (!inline)
            {
                foreach (var part in parts)
                {
                    w.Summary($"The input gradient of phase ({part.Phase.RowPhase}, {part.Phase.ColumnPhase}), phase rows {part.Rows[0].Start}..{part.Rows[part.Rows.Count - 1].End - 1}, one example; unrolled: {part.Level}.");
                    w.Line(KernelNames.AggressiveOptimization);
                    using (w.Block($"private static void {InputPartName(name, part.Phase, part.Rows)}{parameters}(ref {t} dz, ref {t} flipped, ref {t} da){constraints}"))
                    {
                        new GatherKernelEmitter(w, part.Phase.Plan, s, names, F, W, part.Level, reductionBits).EmitRowClasses(part.Rows);
                    }

                    w.Line();
                }
            }
        }

        /// <summary>
        /// The input gradient of a strided layer: the stride phases of the rows differ only in where their rows start and
        /// which taps they have, so one method per column phase serves every row phase, called with that phase's rows
        /// (<see cref="RowPhaseParameters"/>). Its column offsets are parameters too (<see cref="ColumnPhaseParameters"/>),
        /// so column phases whose blocks and taps agree are one method: the text decides, as for the bodies.
        /// </summary>
        private void RenderInputGradientByColumnPhase(IndentedWriter w, VectorSpelling s, List<Phase> phases, int reductionBits)
        {
            string t = s.T;
            string name = KernelBodies.NamePlaceholder;
            string typeArguments = s.IsGeneric ? VectorSpelling.TypeParameters : string.Empty;
            (string parameters, string constraints) = Generic(s);
            var names = new GatherNames("dz", "flipped", null, "da");
            var rowPhases = new RowPhaseParameters(RowPhases.Select(r => r.Map).ToList());

            var methods = new List<ColumnPhaseMethod>();
            var methodOfColumnPhase = new Dictionary<int, ColumnPhaseMethod>();
            foreach (Phase phase in phases.GroupBy(p => p.ColumnPhase).Select(g => g.First()))
            {
                UnrollLevel level = KernelBudget.LevelFor(phase.Plan);
                var body = new IndentedWriter(w.CancellationToken);
                new GatherKernelEmitter(body, phase.Plan, s, names, F, W, level, reductionBits, rowPhases, columnPhaseParameters: true).EmitRowPhases();
                string text = body.ToString();
                ColumnPhaseMethod? method = methods.FirstOrDefault(m => m.Text == text);
                if (method is null)
                {
                    method = new ColumnPhaseMethod($"{name}Columns{phase.ColumnPhase}", text, level, phase.Plan.Columns.TapCount);
                    methods.Add(method);
                }

                method.ColumnPhases.Add(phase.ColumnPhase);
                methodOfColumnPhase[phase.ColumnPhase] = method;
            }

            // A method that serves one column phase alone gains nothing from parameters: it is written with its offsets as literals.
            foreach (ColumnPhaseMethod method in methods.Where(m => m.ColumnPhases.Count == 1))
            {
                Phase phase = phases.First(p => p.ColumnPhase == method.ColumnPhases[0]);
                var body = new IndentedWriter(w.CancellationToken);
                new GatherKernelEmitter(body, phase.Plan, s, names, F, W, method.Level, reductionBits, rowPhases).EmitRowPhases();
                method.UseLiteralColumns(body.ToString());
            }

            EmitInputGradientEntry(w, s, () =>
            {
                if (phases.Count <= MostWrittenPhaseCalls)
                {
                    w.Line("// Phase by phase: rows (count, first, source offset, taps, first filter row), then columns (first, source offset, first filter column).");
                    foreach (Phase phase in phases)
                    {
                        ColumnPhaseMethod method = methodOfColumnPhase[phase.ColumnPhase];
                        string columns = method.Parameterized ? ", " + ColumnPhaseParameters.Arguments(phase.Plan.Columns) : string.Empty;
                        w.Line($"{method.Name}{typeArguments}(ref dz, ref flipped, ref da, {RowPhaseParameters.Arguments(phase.Plan.Rows)}{columns});");
                    }

                    return;
                }

                w.Line("// Every row phase (count, first, source offset, taps, first filter row) meets every column phase (first, source offset,");
                w.Line("// first filter column) of each method.");
                w.Line($"global::System.ReadOnlySpan<int> rowPhases = new int[] {{ {string.Join(", ", RowPhases.Select(r => RowPhaseParameters.Arguments(r.Map)))} }};");
                const string rowArguments = "rowPhases[r], rowPhases[r + 1], rowPhases[r + 2], rowPhases[r + 3], rowPhases[r + 4]";
                foreach (ColumnPhaseMethod method in methods)
                {
                    if (!method.Parameterized)
                    {
                        using (w.Block($"for (int r = 0; r < rowPhases.Length; r += {RowPhaseParameters.Count})"))
                        {
                            w.Line($"{method.Name}{typeArguments}(ref dz, ref flipped, ref da, {rowArguments});");
                        }

                        continue;
                    }

                    string columns = string.Join(", ", method.ColumnPhases.Select(px => ColumnPhaseParameters.Arguments(ColumnPhases.First(c => c.Phase == px).Map)));
                    using (w.Block())
                    {
                        w.Line($"global::System.ReadOnlySpan<int> columnPhases = new int[] {{ {columns} }};");
                        using (w.Block($"for (int r = 0; r < rowPhases.Length; r += {RowPhaseParameters.Count})"))
                        using (w.Block($"for (int c = 0; c < columnPhases.Length; c += {ColumnPhaseParameters.Count})"))
                        {
                            w.Line($"{method.Name}{typeArguments}(ref dz, ref flipped, ref da, {rowArguments}, columnPhases[c], columnPhases[c + 1], columnPhases[c + 2]);");
                        }
                    }
                }
            });

            w.Line();
            foreach (ColumnPhaseMethod method in methods)
            {
                string served = method.ColumnPhases.Count == 1
                    ? $"the column phase ix mod {S} = {method.ColumnPhases[0]}"
                    : $"the column phases ix mod {S} = {string.Join(", ", method.ColumnPhases)}";
                string described = method.Parameterized ? "the row and column phase its parameters describe" : "the row phase its parameters describe";
                w.Summary($"The input gradient of {served} ({method.ColumnTaps} column taps), one example, for {described}; unrolled: {method.Level}.");
                w.Line(KernelNames.AggressiveOptimization);
                string columnParameters = method.Parameterized ? ", " + ColumnPhaseParameters.Declaration : string.Empty;
                using (w.Block($"private static void {method.Name}{parameters}(ref {t} dz, ref {t} flipped, ref {t} da, {RowPhaseParameters.Declaration}{columnParameters}){constraints}"))
                {
                    w.Lines(method.Text.TrimEnd('\n'));
                }

                w.Line();
            }
        }

        /// <summary>Most phase calls written one by one; more (a large stride) loop over tables of the phases' parameters.</summary>
        private const int MostWrittenPhaseCalls = 8;

        /// <summary>One input-gradient method and the column phases it serves.</summary>
        private sealed class ColumnPhaseMethod
        {
            public ColumnPhaseMethod(string name, string text, UnrollLevel level, int columnTaps)
            {
                Name = name;
                Text = text;
                Level = level;
                ColumnTaps = columnTaps;
            }

            public string Name { get; }

            public string Text { get; private set; }

            /// <summary>Whether the column offsets are parameters (the method serves several column phases) rather than literals.</summary>
            public bool Parameterized { get; private set; } = true;

            public UnrollLevel Level { get; }

            public int ColumnTaps { get; }

            public List<int> ColumnPhases { get; } = new();

            public void UseLiteralColumns(string text)
            {
                Text = text;
                Parameterized = false;
            }
        }

        /// <summary>
        /// Writes the input-gradient body's method (named <see cref="KernelBodies.NamePlaceholder"/>) and its loop over the
        /// examples, with <c>dz</c> and <c>da</c> at the example and dA cleared where no tap reaches; <paramref name="body"/>
        /// writes what each example runs.
        /// </summary>
        private void EmitInputGradientEntry(IndentedWriter w, VectorSpelling s, Action body)
        {
            string t = s.T;
            (string parameters, string constraints) = Generic(s);
            w.Line(KernelNames.AggressiveOptimization);
            using (w.Block($"private static void {KernelBodies.NamePlaceholder}{parameters}(ref {t} outputGradient, ref {t} flipped, ref {t} inputGradient, int batch){constraints}"))
            {
                using (w.Block("for (int n = 0; n < batch; n++)"))
                {
                    w.Line($"ref {t} dz = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref outputGradient, (nint)n * OutputLength);");
                    w.Line($"ref {t} da = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref inputGradient, (nint)n * InputLength);");
                    if (InputGradientHasUntappedPhases)
                    {
                        w.Line($"// No tap reaches the positions outside the phases below (the stride {S} passes over them): their dA is zero.");
                        w.Line("global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref da, InputLength).Clear();");
                    }

                    body();
                }
            }
        }

        private static string InputPartName(string name, Phase phase, IReadOnlyList<RowClass> rows) =>
            $"{name}Phase{phase.RowPhase}_{phase.ColumnPhase}Rows{rows[0].Start}To{rows[rows.Count - 1].End - 1}";
    }
}
