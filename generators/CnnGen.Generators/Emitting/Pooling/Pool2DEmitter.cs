using System.Linq;
using System.Collections.Generic;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a pooling layer: the public contract (shape constants, <c>Forward</c>/<c>Backward</c> for double and float,
    /// argument checks, the loop over examples) and, separately, the per-example kernel bodies, so a whole-network
    /// emitter can call <see cref="EmitForwardKernel"/> and <see cref="EmitBackwardKernel"/> on its own.
    /// </summary>
    /// <remarks>
    /// The kernels are generic over the element type (<c>T : unmanaged, IFloatingPointIeee754&lt;T&gt;</c>); the JIT compiles
    /// one specialized copy per type, folds <c>VectorNNN.IsHardwareAccelerated</c> and <c>VectorNNN&lt;T&gt;.Count</c>, and
    /// drops the widths that do not apply, so the public double and float overloads share one emitted body.
    /// </remarks>
    internal static class Pool2DEmitter
    {
        /// <summary>Window taps at most this many are written out one by one; larger windows loop.</summary>
        public const int MaxUnrolledTaps = 16;

        private const string ArgumentExceptionDoc = "/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the spans' batches differ, or the output overlaps an input.</exception>";

        public const string ForwardKernelName = "ForwardKernel";
        public const string BackwardKernelName = "BackwardKernel";

        public static void EmitMembers(IndentedWriter writer, Pool2DSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            ShapeConstantsEmitter.Constant(writer, "FilterSize", spec.FilterSize, "The window's height and width.");
            ShapeConstantsEmitter.Constant(writer, "Stride", spec.Stride, "The step between windows, along the height and the width.");

            var plan = new PoolPlan(spec);
            string op = spec.Mode == PoolMode.Max ? "the maximum" : "the mean";
            foreach (string type in KernelNames.ElementTypes.Where(spec.Emits))
            {
                string parameters = $"{KernelNames.ReadOnlySpan}<{type}> input, {KernelNames.Span}<{type}> output";
                writer.Summary(
                    $"Forward pass: each output value is {op} of its {plan.F}×{plan.F} window, per channel.");
                ForwardParameterDocs(writer, spec, plan);
                writer.Line(ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                writer.Line($"public static void Forward({parameters}) => ForwardBatch(input, output, null);");
                writer.Line();

                ParallelOverloads.EmitSummary(writer, "Forward pass", Cref("Forward", $"{KernelNames.ReadOnlySpan}{{{type}}}", $"{KernelNames.Span}{{{type}}}"), "the same output, bit for bit.");
                ForwardParameterDocs(writer, spec, plan);
                ParallelOverloads.EmitDocs(writer, ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Forward({parameters}, {ParallelOverloads.Parameter})"))
                {
                    ParallelOverloads.EmitNullCheck(writer);
                    writer.Line("ForwardBatch(input, output, parallel);");
                }

                writer.Line();
            }

            string route = spec.Mode == PoolMode.Max
                ? "each output's gradient goes to the first maximum of its window in row-major order (to its first NaN when the window holds NaN)"
                : $"each output's gradient is spread evenly (divided by {plan.Taps}) over its window";
            foreach (string type in KernelNames.ElementTypes.Where(spec.Emits))
            {
                string parameters = $"{KernelNames.ReadOnlySpan}<{type}> outputGradient, {KernelNames.ReadOnlySpan}<{type}> input, {KernelNames.Span}<{type}> inputGradient";
                writer.Summary($"Backward pass: {route}. Overlapping windows add up; <paramref name=\"inputGradient\"/> is overwritten.");
                BackwardParameterDocs(writer, plan);
                writer.Line(ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                writer.Line($"public static void Backward({parameters}) => BackwardBatch(outputGradient, input, inputGradient, null);");
                writer.Line();

                string cref = Cref("Backward", $"{KernelNames.ReadOnlySpan}{{{type}}}", $"{KernelNames.ReadOnlySpan}{{{type}}}", $"{KernelNames.Span}{{{type}}}");
                ParallelOverloads.EmitSummary(writer, "Backward pass", cref, "the same input gradient, bit for bit.");
                BackwardParameterDocs(writer, plan);
                ParallelOverloads.EmitDocs(writer, ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Backward({parameters}, {ParallelOverloads.Parameter})"))
                {
                    ParallelOverloads.EmitNullCheck(writer);
                    writer.Line("BackwardBatch(outputGradient, input, inputGradient, parallel);");
                }

                writer.Line();
            }

            EmitForwardBatch(writer, spec);
            EmitBackwardBatch(writer, spec);
            EmitForwardCore(writer, spec);
            EmitBackwardCore(writer, spec);
            EmitForwardKernel(writer, spec, ForwardKernelName);
            writer.Line();
            EmitBackwardKernel(writer, spec, BackwardKernelName);
        }

        /// <summary>The lines the file header gives about this layer: shapes, formula, loop order and what was unrolled.</summary>
        public static IEnumerable<string> Describe(Pool2DSpec spec)
        {
            var plan = new PoolPlan(spec);
            yield return $"{(spec.Mode == PoolMode.Max ? "MaxPool2D" : "AvgPool2D")} layer {spec.Target.Name}";
            yield return $"  input  {plan.H}×{plan.W}×{plan.C} (NHWC, {spec.Input.Length} values per example)";
            yield return $"  output {plan.OH}×{plan.OW}×{plan.C} ({spec.Output.Length} values per example)";
            yield return $"  window {plan.F}×{plan.F}, stride {plan.S}, no padding: out = floor((in − {plan.F}) / {plan.S}) + 1 → {plan.OH}×{plan.OW}";
            yield return plan.Flattened
                ? $"  loops: example → output row (×{plan.OH}) → one contiguous run of {plan.Run} values (stride 1: the row's columns and channels)"
                : $"  loops: example → output row (×{plan.OH}) → output column (×{plan.OW}) → the {plan.C} channels";
            yield return plan.Widths.Length > 0
                ? $"  runs: {string.Join(", ", plan.Widths)} while accelerated and a whole vector fits, then scalar"
                : "  runs: scalar (a run of one value)";
            yield return plan.Unrolled
                ? $"  taps: all {plan.Taps} window taps unrolled with constant offsets"
                : $"  taps: {plan.F}×{plan.F} constant-trip loops (more than {MaxUnrolledTaps} taps)";
        }

        private static void ForwardParameterDocs(IndentedWriter writer, Pool2DSpec spec, PoolPlan plan)
        {
            writer.Line($"/// <param name=\"input\">A batch of m examples, NHWC (m, {plan.H}, {plan.W}, {plan.C}): m·{spec.Input.Length} values.</param>");
            writer.Line($"/// <param name=\"output\">Receives the batch's outputs, NHWC (m, {plan.OH}, {plan.OW}, {plan.C}): m·{spec.Output.Length} values.</param>");
        }

        private static void BackwardParameterDocs(IndentedWriter writer, PoolPlan plan)
        {
            writer.Line($"/// <param name=\"outputGradient\">The loss gradient with respect to the output, NHWC (m, {plan.OH}, {plan.OW}, {plan.C}).</param>");
            writer.Line($"/// <param name=\"input\">The forward pass's input, NHWC (m, {plan.H}, {plan.W}, {plan.C}); it fixes the batch size m.</param>");
            writer.Line($"/// <param name=\"inputGradient\">Receives the loss gradient with respect to the input, NHWC (m, {plan.H}, {plan.W}, {plan.C}).</param>");
        }

        /// <summary>A documentation reference to this layer's overload of <paramref name="method"/> with the given parameter types (cref syntax).</summary>
        private static string Cref(string method, params string[] parameterTypes) => $"{method}({string.Join(", ", parameterTypes)})";

        private static void EmitForwardBatch(IndentedWriter writer, Pool2DSpec spec) =>
            ParallelOverloads.EmitForwardBatch(
                writer,
                "Checks the spans and runs the forward body on the whole batch, or on shards of it over the threads of <paramref name=\"parallel\"/> when given.",
                spec.Input.Length,
                spec.Output.Length,
                $"unmanaged, {KernelNames.FloatingPoint}<T>");

        private static void EmitBackwardBatch(IndentedWriter writer, Pool2DSpec spec)
        {
            writer.Summary("Checks the spans and runs the backward body on the whole batch, or on shards of it over the threads of <paramref name=\"parallel\"/> when given.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"private static void BackwardBatch<T>({KernelNames.ReadOnlySpan}<T> outputGradient, {KernelNames.ReadOnlySpan}<T> input, {KernelNames.Span}<T> inputGradient, {ParallelOverloads.Runner}? parallel) where T : unmanaged, {KernelNames.FloatingPoint}<T>"))
            {
                writer.Line($"int batch = {KernelNames.SpanArguments}.BatchSize(input.Length, {spec.Input.Length}, nameof(input));");
                writer.Line($"{KernelNames.SpanArguments}.RequireBatchLength(outputGradient.Length, batch, {spec.Output.Length}, nameof(outputGradient));");
                writer.Line($"{KernelNames.SpanArguments}.RequireBatchLength(inputGradient.Length, batch, {spec.Input.Length}, nameof(inputGradient));");
                OverlapChecks.Emit(writer, "T", new[] { "inputGradient" }, new[] { "outputGradient", "input" });
                using (writer.Block("if (parallel is null)"))
                {
                    writer.Line($"BackwardCore(ref {KernelNames.MemoryMarshal}.GetReference(outputGradient), ref {KernelNames.MemoryMarshal}.GetReference(input), ref {KernelNames.MemoryMarshal}.GetReference(inputGradient), batch);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"{ParallelOverloads.Shards}.Run<T>(parallel, BackwardCore, outputGradient, {spec.Output.Length}, input, {spec.Input.Length}, inputGradient, batch);");
                }
            }

            writer.Line();
        }

        private static void EmitForwardCore(IndentedWriter writer, Pool2DSpec spec)
        {
            writer.Summary("The forward body on refs: runs the kernel on <paramref name=\"batch\"/> consecutive examples (a whole batch, or one shard of it).");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"internal static void ForwardCore<T>(ref T x, ref T y, int batch) where T : unmanaged, {KernelNames.FloatingPoint}<T>"))
            {
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"{ForwardKernelName}(ref {KernelNames.Unsafe}.Add(ref x, n * {spec.Input.Length}), ref {KernelNames.Unsafe}.Add(ref y, n * {spec.Output.Length}));");
                }
            }

            writer.Line();
        }

        private static void EmitBackwardCore(IndentedWriter writer, Pool2DSpec spec)
        {
            writer.Summary("The backward body on refs: clears <paramref name=\"batch\"/> examples of <c>dx</c> (the kernel adds into it), then runs the kernel on each.");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"internal static void BackwardCore<T>(ref T dy, ref T x, ref T dx, int batch) where T : unmanaged, {KernelNames.FloatingPoint}<T>"))
            {
                writer.Line($"{KernelNames.KernelSupport}.Clear(ref dx, 0, batch * {spec.Input.Length});");
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"{BackwardKernelName}(ref {KernelNames.Unsafe}.Add(ref dy, n * {spec.Output.Length}), ref {KernelNames.Unsafe}.Add(ref x, n * {spec.Input.Length}), ref {KernelNames.Unsafe}.Add(ref dx, n * {spec.Input.Length}));");
                }
            }

            writer.Line();
        }

        /// <summary>
        /// Writes the forward kernel body for one example: <c>static void {name}&lt;T&gt;(ref T x, ref T y)</c>, reading
        /// <c>x</c> (one input example, NHWC) and writing every value of <c>y</c> (one output example).
        /// </summary>
        public static void EmitForwardKernel(IndentedWriter writer, Pool2DSpec spec, string name)
        {
            var plan = new PoolPlan(spec);
            writer.Summary(
                $"Kernel body: the forward pass of one example. <c>x</c>: {plan.H}×{plan.W}×{plan.C} (NHWC), <c>y</c>: {plan.OH}×{plan.OW}×{plan.C}.");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"internal static void {name}<T>(ref T x, ref T y) where T : unmanaged, {KernelNames.FloatingPoint}<T>"))
            {
                if (spec.Mode == PoolMode.Average)
                {
                    writer.Line($"T count = T.CreateTruncating({plan.Taps});");
                }

                plan.Positions(writer, () =>
                {
                    foreach (string width in plan.Widths)
                    {
                        plan.VectorRun(writer, width, () =>
                        {
                            string v = KernelNames.Intrinsics + width;
                            if (spec.Mode == PoolMode.Max)
                            {
                                writer.Line($"{v}<T> m = {v}.LoadUnsafe(ref x, at);");
                                plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"m = {v}.Max(m, {v}.LoadUnsafe(ref x, {At(offset)}));"));
                                writer.Line($"{v}.StoreUnsafe(m, ref y, (nuint)(o + c));");
                            }
                            else
                            {
                                writer.Line($"{v}<T> s = {v}.LoadUnsafe(ref x, at);");
                                plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"s += {v}.LoadUnsafe(ref x, {At(offset)});"));
                                writer.Line($"{v}.StoreUnsafe(s / {v}.Create(count), ref y, (nuint)(o + c));");
                            }
                        });
                    }

                    plan.ScalarRun(writer, () =>
                    {
                        writer.Line($"ref T window = ref {KernelNames.Unsafe}.Add(ref x, i + c);");
                        if (spec.Mode == PoolMode.Max)
                        {
                            writer.Line("T m = window;");
                            plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"m = T.Max(m, {Window(offset)});"));
                            writer.Line($"{KernelNames.Unsafe}.Add(ref y, o + c) = m;");
                        }
                        else
                        {
                            writer.Line("T s = window;");
                            plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"s += {Window(offset)};"));
                            writer.Line($"{KernelNames.Unsafe}.Add(ref y, o + c) = s / count;");
                        }
                    });
                });
            }
        }

        /// <summary>
        /// Writes the backward kernel body for one example: <c>static void {name}&lt;T&gt;(ref T dy, ref T x, ref T dx)</c>,
        /// adding each output gradient of <c>dy</c> into <c>dx</c> (which the caller has cleared); <c>x</c> is the forward input.
        /// </summary>
        public static void EmitBackwardKernel(IndentedWriter writer, Pool2DSpec spec, string name)
        {
            var plan = new PoolPlan(spec);
            writer.Summary(
                $"Kernel body: the backward pass of one example, adding into <c>dx</c> ({plan.H}×{plan.W}×{plan.C}, cleared by the caller)\n" +
                $"the gradient <c>dy</c> ({plan.OH}×{plan.OW}×{plan.C}) routed through the windows of <c>x</c>.");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"internal static void {name}<T>(ref T dy, ref T x, ref T dx) where T : unmanaged, {KernelNames.FloatingPoint}<T>"))
            {
                if (spec.Mode == PoolMode.Average)
                {
                    writer.Line("// Average pooling's gradient does not depend on x; the parameter keeps every pooling kernel's signature alike.");
                    writer.Line($"T count = T.CreateTruncating({plan.Taps});");
                }

                plan.Positions(writer, () =>
                {
                    foreach (string width in plan.Widths)
                    {
                        plan.VectorRun(writer, width, () =>
                        {
                            string v = KernelNames.Intrinsics + width;
                            if (spec.Mode == PoolMode.Max)
                            {
                                if (plan.Unrolled)
                                {
                                    int k = 0;
                                    plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{v}<T> t{k++} = {v}.LoadUnsafe(ref x, {At(offset)});"));
                                    writer.Line($"{v}<T> m = t0;");
                                    for (int t = 1; t < plan.Taps; t++)
                                    {
                                        writer.Line($"m = {v}.Max(m, t{t});");
                                    }

                                    writer.Line($"{v}<T> g = {v}.LoadUnsafe(ref dy, (nuint)(o + c));");
                                    writer.Line($"{v}<T> open = {v}<T>.AllBitsSet;");
                                    k = 0;
                                    plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{KernelNames.KernelSupport}.RouteToFirstMax(g, t{k++}, m, ref open, ref dx, {At(offset)});"));
                                }
                                else
                                {
                                    writer.Line($"{v}<T> m = {v}.LoadUnsafe(ref x, at);");
                                    plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"m = {v}.Max(m, {v}.LoadUnsafe(ref x, {At(offset)}));"));
                                    writer.Line($"{v}<T> g = {v}.LoadUnsafe(ref dy, (nuint)(o + c));");
                                    writer.Line($"{v}<T> open = {v}<T>.AllBitsSet;");
                                    plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{KernelNames.KernelSupport}.RouteToFirstMax(g, {v}.LoadUnsafe(ref x, {At(offset)}), m, ref open, ref dx, {At(offset)});"));
                                }
                            }
                            else
                            {
                                writer.Line($"{v}<T> share = {v}.LoadUnsafe(ref dy, (nuint)(o + c)) / {v}.Create(count);");
                                plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{KernelNames.KernelSupport}.AddInto(share, ref dx, {At(offset)});"));
                            }
                        });
                    }

                    plan.ScalarRun(writer, () =>
                    {
                        writer.Line("nuint at = (nuint)(i + c);");
                        if (spec.Mode == PoolMode.Max)
                        {
                            writer.Line($"ref T window = ref {KernelNames.Unsafe}.Add(ref x, at);");
                            writer.Line("T m = window;");
                            plan.ForEachTap(writer, skipFirst: true, offset => writer.Line($"m = T.Max(m, {Window(offset)});"));
                            writer.Line($"T g = {KernelNames.Unsafe}.Add(ref dy, o + c);");
                            writer.Line("bool open = true;");
                            plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{KernelNames.KernelSupport}.RouteToFirstMax(g, {Window(offset)}, m, ref open, ref dx, {At(offset)});"));
                        }
                        else
                        {
                            writer.Line($"T share = {KernelNames.Unsafe}.Add(ref dy, o + c) / count;");
                            plan.ForEachTap(writer, skipFirst: false, offset => writer.Line($"{KernelNames.Unsafe}.Add(ref dx, {At(offset)}) += share;"));
                        }
                    });
                });
            }
        }

        /// <summary>The scalar read of one tap: <c>window</c> itself for the origin.</summary>
        private static string Window(string offset) => offset == "0" ? "window" : $"{KernelNames.Unsafe}.Add(ref window, {offset})";

        /// <summary><c>at + offset</c>, or just <c>at</c> for the window origin.</summary>
        private static string At(string offset) => offset == "0" ? "at" : "at + " + offset;

        /// <summary>
        /// The loop structure of one pooling layer. With stride 1 the windows of one output row start at consecutive
        /// columns, so the whole row (columns × channels) is one contiguous run; otherwise a run is one position's channels.
        /// </summary>
        private sealed class PoolPlan
        {
            public PoolPlan(Pool2DSpec spec)
            {
                H = spec.Input.Height;
                W = spec.Input.Width;
                C = spec.Input.Channels;
                OH = spec.Output.Height;
                OW = spec.Output.Width;
                F = spec.FilterSize;
                S = spec.Stride;
            }

            public int H { get; }
            public int W { get; }
            public int C { get; }
            public int OH { get; }
            public int OW { get; }
            public int F { get; }
            public int S { get; }

            public int Taps => F * F;

            public bool Unrolled => Taps <= MaxUnrolledTaps;

            public bool Flattened => S == 1;

            /// <summary>The number of contiguous values one run covers.</summary>
            public int Run => Flattened ? OW * C : C;

            /// <summary>
            /// The vector widths worth emitting: those whose double vector (the widest element) fits in a run, since no
            /// vector of either element type would fit otherwise. The JIT drops the rest per element type and machine.
            /// </summary>
            public string[] Widths => System.Array.FindAll(KernelNames.VectorWidths, w => Run >= KernelNames.DoubleLanes(w));

            /// <summary>Writes the loops over output positions; inside, <c>i</c> is the window origin in x and <c>o</c> the output index in y.</summary>
            public void Positions(IndentedWriter writer, System.Action body)
            {
                using (writer.Block($"for (int oh = 0; oh < {OH}; oh++)"))
                {
                    if (Flattened)
                    {
                        writer.Line($"// Stride 1: output row oh is one run of {Run} contiguous values (columns × channels); i: its first window's origin in x, o: its start in y.");
                        writer.Line($"int i = oh * {W * C};");
                        writer.Line($"int o = oh * {OW * C};");
                        writer.Line("int c = 0;");
                        body();
                        return;
                    }

                    using (writer.Block($"for (int ow = 0; ow < {OW}; ow++)"))
                    {
                        writer.Line("// i: the window's top-left in x, o: the output position in y, c: the next channel to do.");
                        writer.Line($"int i = oh * {S * W * C} + ow * {S * C};");
                        writer.Line($"int o = oh * {OW * C} + ow * {C};");
                        writer.Line("int c = 0;");
                        body();
                    }
                }
            }

            /// <summary>Writes a loop over the run's whole vectors of one width, with <c>at</c> the run position's window origin.</summary>
            public void VectorRun(IndentedWriter writer, string width, System.Action body)
            {
                string v = KernelNames.Intrinsics + width;
                writer.Line($"// Whole {width}s while they fit (the JIT drops this block where {width} is not accelerated).");
                using (writer.Block($"if ({v}.IsHardwareAccelerated)"))
                {
                    using (writer.Block($"for (; c + {v}<T>.Count <= {Run}; c += {v}<T>.Count)"))
                    {
                        writer.Line("nuint at = (nuint)(i + c);");
                        body();
                    }
                }
            }

            /// <summary>Writes the scalar loop over what the vectors left.</summary>
            public void ScalarRun(IndentedWriter writer, System.Action body)
            {
                writer.Line("// Scalar tail.");
                using (writer.Block($"for (; c < {Run}; c++)"))
                {
                    body();
                }
            }

            /// <summary>
            /// Calls <paramref name="tap"/> with each window tap's offset from the window origin (row-major): constants
            /// when unrolled, otherwise inside two constant-trip loops over <c>kh</c>, <c>kw</c>.
            /// </summary>
            public void ForEachTap(IndentedWriter writer, bool skipFirst, System.Action<string> tap)
            {
                if (Unrolled)
                {
                    for (int kh = 0; kh < F; kh++)
                    {
                        for (int kw = 0; kw < F; kw++)
                        {
                            if (skipFirst && kh == 0 && kw == 0)
                            {
                                continue;
                            }

                            int offset = kh * W * C + kw * C;
                            tap(offset == 0 ? "0" : offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }

                    return;
                }

                // The first tap is also visited by the loop when skipped outside it: harmless for max (max(a, a) = a)
                // but not for sums, so sums start from the first tap and the loop begins at the second.
                using (writer.Block($"for (int kh = 0; kh < {F}; kh++)"))
                {
                    using (writer.Block($"for (int kw = {(skipFirst ? "kh == 0 ? 1 : 0" : "0")}; kw < {F}; kw++)"))
                    {
                        tap($"(nuint)(kh * {W * C} + kw * {C})");
                    }
                }
            }
        }
    }
}
