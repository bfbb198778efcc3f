using System.Linq;
using System.Collections.Generic;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes a zero-padding layer: the public contract (constants, <c>Forward</c> = pad, <c>Backward</c> = crop, for double
    /// and float) and, separately, the per-example kernel bodies for reuse by a whole-network emitter.
    /// </summary>
    /// <remarks>
    /// In NHWC a padded example is: <c>pad</c> zero rows, then per input row <c>pad·C</c> zeros, the row's <c>W·C</c> values,
    /// <c>pad·C</c> zeros, then <c>pad</c> zero rows. The right border of one row and the left border of the next are adjacent,
    /// so forward writes each output value exactly once: one clear per gap and one copy per row (both vectorized memmoves).
    /// </remarks>
    internal static class ZeroPad2DEmitter
    {
        /// <summary>Examples with at most this many rows get their per-row copies written out; taller ones loop.</summary>
        public const int MaxUnrolledRows = 8;

        private const string ArgumentExceptionDoc = "/// <exception cref=\"global::System.ArgumentException\">A span's length is not a whole batch, or the spans' batches differ, or the output overlaps an input.</exception>";

        public const string ForwardKernelName = "ForwardKernel";
        public const string BackwardKernelName = "BackwardKernel";

        public static void EmitMembers(IndentedWriter writer, ZeroPad2DSpec spec)
        {
            FeatureMapShape input = spec.Input;
            FeatureMapShape output = spec.Output;
            ShapeConstantsEmitter.Emit(writer, input, output);
            ShapeConstantsEmitter.Constant(writer, "Pad", spec.Pad, "The zeros added on each side of the height and width axes.");

            foreach (string type in KernelNames.ElementTypes.Where(spec.Emits))
            {
                string parameters = $"{KernelNames.ReadOnlySpan}<{type}> input, {KernelNames.Span}<{type}> output";
                writer.Summary($"Forward pass: surrounds each example with {spec.Pad} zero rows and columns on every side.");
                ForwardParameterDocs(writer, input, output);
                writer.Line(ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                writer.Line($"public static void Forward({parameters}) => ForwardBatch(input, output, null);");
                writer.Line();

                ParallelOverloads.EmitSummary(writer, "Forward pass", $"Forward({KernelNames.ReadOnlySpan}{{{type}}}, {KernelNames.Span}{{{type}}})", "the same output, bit for bit.");
                ForwardParameterDocs(writer, input, output);
                ParallelOverloads.EmitDocs(writer, ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Forward({parameters}, {ParallelOverloads.Parameter})"))
                {
                    ParallelOverloads.EmitNullCheck(writer);
                    writer.Line("ForwardBatch(input, output, parallel);");
                }

                writer.Line();
            }

            foreach (string type in KernelNames.ElementTypes.Where(spec.Emits))
            {
                string parameters = $"{KernelNames.ReadOnlySpan}<{type}> outputGradient, {KernelNames.Span}<{type}> inputGradient";
                writer.Summary("Backward pass: the crop. Each input position's gradient is the output gradient at the same position inside the border; <paramref name=\"inputGradient\"/> is overwritten.");
                BackwardParameterDocs(writer, input, output);
                writer.Line(ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                writer.Line($"public static void Backward({parameters}) => BackwardBatch(outputGradient, inputGradient, null);");
                writer.Line();

                ParallelOverloads.EmitSummary(writer, "Backward pass (the crop)", $"Backward({KernelNames.ReadOnlySpan}{{{type}}}, {KernelNames.Span}{{{type}}})", "the same input gradient, bit for bit.");
                BackwardParameterDocs(writer, input, output);
                ParallelOverloads.EmitDocs(writer, ArgumentExceptionDoc);
                writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
                using (writer.Block($"public static void Backward({parameters}, {ParallelOverloads.Parameter})"))
                {
                    ParallelOverloads.EmitNullCheck(writer);
                    writer.Line("BackwardBatch(outputGradient, inputGradient, parallel);");
                }

                writer.Line();
            }

            ParallelOverloads.EmitForwardBatch(
                writer,
                "Checks the spans and pads each example of the whole batch, or of its shards over the threads of <paramref name=\"parallel\"/> when given.",
                input.Length,
                output.Length,
                "unmanaged");

            writer.Summary("Checks the spans and crops each example's gradient of the whole batch, or of its shards over the threads of <paramref name=\"parallel\"/> when given.");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"private static void BackwardBatch<T>({KernelNames.ReadOnlySpan}<T> outputGradient, {KernelNames.Span}<T> inputGradient, {ParallelOverloads.Runner}? parallel) where T : unmanaged"))
            {
                writer.Line($"int batch = {KernelNames.SpanArguments}.BatchSize(outputGradient.Length, {output.Length}, nameof(outputGradient));");
                writer.Line($"{KernelNames.SpanArguments}.RequireBatchLength(inputGradient.Length, batch, {input.Length}, nameof(inputGradient));");
                OverlapChecks.Emit(writer, "T", new[] { "inputGradient" }, new[] { "outputGradient" });
                using (writer.Block("if (parallel is null)"))
                {
                    writer.Line($"BackwardCore(ref {KernelNames.MemoryMarshal}.GetReference(outputGradient), ref {KernelNames.MemoryMarshal}.GetReference(inputGradient), batch);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"{ParallelOverloads.Shards}.Run<T>(parallel, BackwardCore, outputGradient, {output.Length}, inputGradient, {input.Length}, batch);");
                }
            }

            writer.Line();
            EmitBatchCore(writer, "ForwardCore", "forward", "pads", "x", input.Length, "y", output.Length, ForwardKernelName);
            EmitBatchCore(writer, "BackwardCore", "backward", "crops", "dy", output.Length, "dx", input.Length, BackwardKernelName);
            EmitForwardKernel(writer, spec, ForwardKernelName);
            writer.Line();
            EmitBackwardKernel(writer, spec, BackwardKernelName);
        }

        private static void ForwardParameterDocs(IndentedWriter writer, FeatureMapShape input, FeatureMapShape output)
        {
            writer.Line($"/// <param name=\"input\">A batch of m examples, NHWC (m, {input.Height}, {input.Width}, {input.Channels}): m·{input.Length} values.</param>");
            writer.Line($"/// <param name=\"output\">Receives the padded batch, NHWC (m, {output.Height}, {output.Width}, {output.Channels}): m·{output.Length} values.</param>");
        }

        private static void BackwardParameterDocs(IndentedWriter writer, FeatureMapShape input, FeatureMapShape output)
        {
            writer.Line($"/// <param name=\"outputGradient\">The loss gradient with respect to the output, NHWC (m, {output.Height}, {output.Width}, {output.Channels}); it fixes the batch size m.</param>");
            writer.Line($"/// <param name=\"inputGradient\">Receives the loss gradient with respect to the input, NHWC (m, {input.Height}, {input.Width}, {input.Channels}).</param>");
        }

        /// <summary>Writes a per-batch body on refs that runs the per-example kernel <paramref name="kernel"/> on consecutive examples.</summary>
        private static void EmitBatchCore(IndentedWriter writer, string name, string pass, string verb, string from, int fromLength, string to, int toLength, string kernel)
        {
            writer.Summary($"The {pass} body on refs: {verb} <paramref name=\"batch\"/> consecutive examples (a whole batch, or one shard of it).");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"internal static void {name}<T>(ref T {from}, ref T {to}, int batch) where T : unmanaged"))
            {
                using (writer.Block("for (int n = 0; n < batch; n++)"))
                {
                    writer.Line($"{kernel}(ref {KernelNames.Unsafe}.Add(ref {from}, n * {fromLength}), ref {KernelNames.Unsafe}.Add(ref {to}, n * {toLength}));");
                }
            }

            writer.Line();
        }

        /// <summary>The lines the file header gives about this layer.</summary>
        public static IEnumerable<string> Describe(ZeroPad2DSpec spec)
        {
            FeatureMapShape input = spec.Input;
            FeatureMapShape output = spec.Output;
            yield return $"ZeroPad2D layer {spec.Target.Name}";
            yield return $"  input  {input.Height}×{input.Width}×{input.Channels} (NHWC, {input.Length} values per example)";
            yield return $"  output {output.Height}×{output.Width}×{output.Channels} ({output.Length} values per example): H + 2·{spec.Pad}, W + 2·{spec.Pad}";
            yield return spec.Pad == 0
                ? "  forward and backward: one copy of the whole example (pad 0)"
                : $"  forward: per input row one copy of {input.Width * input.Channels} values and one clear of the border gap ({2 * spec.Pad * input.Channels} values between rows)";
            if (spec.Pad != 0)
            {
                yield return $"  backward: per input row one copy of {input.Width * input.Channels} values out of the padded gradient";
                yield return input.Height <= MaxUnrolledRows
                    ? $"  rows: all {input.Height} written out"
                    : $"  rows: a constant-trip loop over {input.Height} rows";
            }
        }

        /// <summary>Writes the forward (pad) kernel body for one example: <c>static void {name}&lt;T&gt;(ref T x, ref T y)</c>.</summary>
        public static void EmitForwardKernel(IndentedWriter writer, ZeroPad2DSpec spec, string name)
        {
            var g = new Geometry(spec);
            writer.Summary($"Kernel body: pads one example. <c>x</c>: {g.H}×{g.W}×{g.C} (NHWC), <c>y</c>: {g.OH}×{g.OW}×{g.C}.");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"internal static void {name}<T>(ref T x, ref T y) where T : unmanaged"))
            {
                if (g.Pad == 0)
                {
                    writer.Line($"{KernelNames.KernelSupport}.Copy(ref x, 0, ref y, 0, {g.H * g.RowIn});");
                    return;
                }

                writer.Line($"// Top border and the first row's left border: {g.Pad}·{g.RowOut} + {g.Edge} values.");
                writer.Line($"{KernelNames.KernelSupport}.Clear(ref y, 0, {g.FirstRowStart});");
                if (g.H <= MaxUnrolledRows)
                {
                    for (int h = 0; h < g.H; h++)
                    {
                        writer.Line($"{KernelNames.KernelSupport}.Copy(ref x, {h * g.RowIn}, ref y, {g.FirstRowStart + h * g.RowOut}, {g.RowIn});");
                        if (h < g.H - 1)
                        {
                            writer.Line($"{KernelNames.KernelSupport}.Clear(ref y, {g.FirstRowStart + h * g.RowOut + g.RowIn}, {2 * g.Edge});");
                        }
                    }
                }
                else
                {
                    using (writer.Block($"for (int h = 0; h < {g.H - 1}; h++)"))
                    {
                        writer.Line($"int o = {g.FirstRowStart} + h * {g.RowOut};");
                        writer.Line($"{KernelNames.KernelSupport}.Copy(ref x, h * {g.RowIn}, ref y, o, {g.RowIn});");
                        writer.Line($"{KernelNames.KernelSupport}.Clear(ref y, o + {g.RowIn}, {2 * g.Edge});");
                    }

                    writer.Line($"{KernelNames.KernelSupport}.Copy(ref x, {(g.H - 1) * g.RowIn}, ref y, {g.FirstRowStart + (g.H - 1) * g.RowOut}, {g.RowIn});");
                }

                int lastEnd = g.FirstRowStart + (g.H - 1) * g.RowOut + g.RowIn;
                writer.Line($"// The last row's right border and the bottom border: {g.Edge} + {g.Pad}·{g.RowOut} values.");
                writer.Line($"{KernelNames.KernelSupport}.Clear(ref y, {lastEnd}, {g.OH * g.RowOut - lastEnd});");
            }
        }

        /// <summary>Writes the backward (crop) kernel body for one example: <c>static void {name}&lt;T&gt;(ref T dy, ref T dx)</c>.</summary>
        public static void EmitBackwardKernel(IndentedWriter writer, ZeroPad2DSpec spec, string name)
        {
            var g = new Geometry(spec);
            writer.Summary($"Kernel body: crops one example's gradient. <c>dy</c>: {g.OH}×{g.OW}×{g.C} (NHWC), <c>dx</c>: {g.H}×{g.W}×{g.C}.");
            writer.Line(KernelNames.EditorBrowsableNever);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line(KernelNames.AggressiveOptimization);
            using (writer.Block($"internal static void {name}<T>(ref T dy, ref T dx) where T : unmanaged"))
            {
                if (g.Pad == 0)
                {
                    writer.Line($"{KernelNames.KernelSupport}.Copy(ref dy, 0, ref dx, 0, {g.H * g.RowIn});");
                    return;
                }

                if (g.H <= MaxUnrolledRows)
                {
                    for (int h = 0; h < g.H; h++)
                    {
                        writer.Line($"{KernelNames.KernelSupport}.Copy(ref dy, {g.FirstRowStart + h * g.RowOut}, ref dx, {h * g.RowIn}, {g.RowIn});");
                    }
                }
                else
                {
                    using (writer.Block($"for (int h = 0; h < {g.H}; h++)"))
                    {
                        writer.Line($"{KernelNames.KernelSupport}.Copy(ref dy, {g.FirstRowStart} + h * {g.RowOut}, ref dx, h * {g.RowIn}, {g.RowIn});");
                    }
                }
            }
        }

        private readonly struct Geometry
        {
            public Geometry(ZeroPad2DSpec spec)
            {
                H = spec.Input.Height;
                W = spec.Input.Width;
                C = spec.Input.Channels;
                Pad = spec.Pad;
                OH = spec.Output.Height;
                OW = spec.Output.Width;
            }

            public int H { get; }
            public int W { get; }
            public int C { get; }
            public int Pad { get; }
            public int OH { get; }
            public int OW { get; }

            /// <summary>Values in one input row.</summary>
            public int RowIn => W * C;

            /// <summary>Values in one output row.</summary>
            public int RowOut => OW * C;

            /// <summary>Values in one side border of a row.</summary>
            public int Edge => Pad * C;

            /// <summary>Where the first input row lands in the output.</summary>
            public int FirstRowStart => Pad * RowOut + Edge;
        }
    }
}
