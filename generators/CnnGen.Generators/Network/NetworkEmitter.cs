using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Network
{
    /// <summary>
    /// Writes a whole network into its partial class: constants for every shape and for the layout of the one flat
    /// parameter buffer, the instance members that own the parameters and every activation and gradient buffer and chain
    /// the layers' kernels into forward, backward, predict and training passes, and, in a file per layer, one nested class
    /// per layer whose members the layer's own emitter writes.
    /// </summary>
    internal static class NetworkEmitter
    {
        private const string Random = "global::CnnGen.DeterministicRandom";
        private const string Init = "global::CnnGen.ParameterInitialization";
        private const string File = "global::CnnGen.ParameterFile";
        private const string Checks = SimdText.Checks;
        private const string Parallel = "global::CnnGen.BatchParallel";

        /// <summary>
        /// Writes a network's source files: <paramref name="spec"/>'s hint name for the network's own members (constants, state and
        /// passes), then one file per layer, each a partial declaration of the network holding that layer's nested class. Roslyn
        /// compiles files and types in parallel, and a network's kernels in one file would make it one large unit of work; it
        /// also keeps every file within the size a single layer's file has.
        /// </summary>
        public static IEnumerable<(string HintName, string Source)> EmitFiles(NetworkSpec spec, System.Threading.CancellationToken cancellationToken = default)
        {
            yield return (spec.Target.HintName, Emit(spec, cancellationToken));
            foreach (Plan plan in PlanLayers(spec, out _, out _))
            {
                // A shortcut marker and an identity add have no kernels of their own (the add is ResidualKernels').
                if (HasOwnFile(plan.Layer))
                {
                    yield return (LayerHintName(spec, plan.Layer), EmitLayerFile(spec, plan, cancellationToken));
                }
            }
        }

        /// <summary>
        /// The hint name of a nested layer's file: the network's, then the layer's class name. Every type's hint name ends in a
        /// segment of lowercase hexadecimal digits (<c>GeneratedNames.HintName</c>) and a layer's class name is not one, so the
        /// two kinds cannot collide, even ignoring case.
        /// </summary>
        public static string LayerHintName(NetworkSpec spec, NetworkLayer layer) => spec.Target.HintName + "." + layer.ClassName;

        /// <summary>Writes the network's own file: everything but the nested layer classes.</summary>
        public static string Emit(NetworkSpec spec, System.Threading.CancellationToken cancellationToken = default) =>
            LayerSourceEmitter.EmitFile(
                spec.Target,
                "[Network] and layer",
                Describe(spec),
                System.Array.Empty<string>(),
                writer => EmitMembers(writer, spec),
                baseList: "global::System.IDisposable",
                cancellationToken: cancellationToken);

        /// <summary>
        /// Writes the file of one nested layer: a partial declaration of the network holding the layer's constants and its
        /// class, whose members the layer's own emitter writes (the very text a single-layer class gets, the layer contract
        /// included: the nested class is sealed rather than static so that it can implement the contract's interfaces).
        /// </summary>
        private static string EmitLayerFile(NetworkSpec spec, Plan plan, System.Threading.CancellationToken cancellationToken)
        {
            NetworkLayer layer = plan.Layer;
            return LayerSourceEmitter.EmitFile(
                spec.Target,
                "[Network] and layer",
                new[] { $"Layer {layer.Number} of network {spec.Target.Name} ({spec.ElementType}): [{layer.Kind}], {layer.Spec.Input} → {layer.Spec.Output}" }
                    .Concat(LayerSourceEmitter.DescribeKernels(layer.Spec)),
                System.Array.Empty<string>(),
                writer =>
                {
                    EmitLayerConstants(writer, plan);
                    EmitNestedLayer(writer, layer);
                },
                cancellationToken: cancellationToken);
        }

        private static void EmitNestedLayer(IndentedWriter writer, NetworkLayer layer)
        {
            if (layer.Spec is AddShortcutSpec { ProjectionConv: { } conv, ProjectionNorm: { } norm })
            {
                // The projection's two layers, each a nested class as a layer of their kind would be.
                EmitNestedClass(writer, layer.ClassName.Replace("AddShortcut", "ProjectionConv"), $"Layer {layer.Number}'s projection: 1×1 convolution, stride {conv.Stride}, no bias, {conv.Input} → {conv.Output}.", conv with { Elements = layer.Spec.Elements });
                writer.Line();
                EmitNestedClass(writer, layer.ClassName.Replace("AddShortcut", "ProjectionNorm"), $"Layer {layer.Number}'s projection: batch normalization, {norm.Input}.", norm with { Elements = layer.Spec.Elements });
                return;
            }

            EmitNestedClass(writer, layer.ClassName, $"Layer {layer.Number}: [{layer.Kind}], {layer.Spec.Input} → {layer.Spec.Output}.", layer.Spec);
        }

        private static void EmitNestedClass(IndentedWriter writer, string className, string summary, LayerSpec spec)
        {
            writer.Summary(summary);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            string? contract = LayerContract.BaseList(spec);
            string bases = contract is null ? string.Empty : " : " + contract;
            using (writer.Block($"private sealed class {className}{bases}"))
            {
                // The nested class is private: its members' documentation would be compiled by every build and read by no one,
                // and its own [GeneratedCode] covers its members.
                writer.OmitDocumentation = true;
                writer.OmitGeneratedCodeAttributes = true;
                try
                {
                    LayerSourceEmitter.EmitLayerBody(writer, spec, contract: true);
                }
                finally
                {
                    writer.OmitDocumentation = false;
                    writer.OmitGeneratedCodeAttributes = false;
                }
            }
        }

        /// <summary>Writes one layer's public constants: its output shape, and where its parameters and state lie.</summary>
        private static void EmitLayerConstants(IndentedWriter writer, Plan plan)
        {
            NetworkLayer layer = plan.Layer;
            FeatureMapShape output = layer.Spec.Output;
            string what = $"layer {layer.Number} ([{layer.Kind}])";
            ShapeConstantsEmitter.Constant(writer, layer.Prefix + "OutputHeight", output.Height, $"The output height of {what}.");
            ShapeConstantsEmitter.Constant(writer, layer.Prefix + "OutputWidth", output.Width, $"The output width of {what}.");
            ShapeConstantsEmitter.Constant(writer, layer.Prefix + "OutputChannels", output.Channels, $"The output channel count of {what}.");
            ShapeConstantsEmitter.Constant(writer, layer.Prefix + "OutputLength", output.Length, $"The number of output values per example of {what}.");
            if (layer.Spec is BatchNorm2DSpec)
            {
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "WeightsOffset", plan.WeightsOffset, $"Where the scale (γ, one per channel) of {what} starts in Parameters and Gradients.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "WeightsLength", layer.WeightsLength, $"The number of scale values of {what}, one per channel.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "BiasOffset", plan.BiasOffset, $"Where the shift (β, one per channel) of {what} starts in Parameters and Gradients.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "BiasLength", layer.BiasLength, $"The number of shift values of {what}, one per channel.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "RunningMeanOffset", plan.StateOffset, $"Where the running mean of {what} starts in RunningStatistics.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "RunningVarianceOffset", plan.StateOffset + layer.BiasLength, $"Where the running variance of {what} starts in RunningStatistics.");
            }
            else if (layer.Spec is AddShortcutSpec { ProjectionConv: { } projection })
            {
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "ProjectionWeightsOffset", plan.WeightsOffset, $"Where the projection's 1×1 weights of {what} start in Parameters and Gradients.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "ProjectionWeightsLength", projection.WeightsLength, $"The number of projection weights of {what}, laid out (1, 1, C_in, C_out).");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "ProjectionScaleOffset", plan.WeightsOffset + projection.WeightsLength, $"Where the projection's batch-normalization scale (γ) of {what} starts.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "ProjectionShiftOffset", plan.BiasOffset, $"Where the projection's batch-normalization shift (β) of {what} starts.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "RunningMeanOffset", plan.StateOffset, $"Where the projection's running mean of {what} starts in RunningStatistics.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "RunningVarianceOffset", plan.StateOffset + projection.Filters, $"Where the projection's running variance of {what} starts in RunningStatistics.");
            }
            else if (layer.HasParameters)
            {
                string layout = layer.Spec is DenseSpec ? "(inputLength, units) row-major" : "(f, f, C_in, C_out)";
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "WeightsOffset", plan.WeightsOffset, $"Where the weights of {what} start in Parameters and Gradients.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "WeightsLength", layer.WeightsLength, $"The number of weights of {what}, laid out {layout}.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "BiasOffset", plan.BiasOffset, $"Where the biases of {what} start in Parameters and Gradients.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "BiasLength", layer.BiasLength, $"The number of biases of {what}.");
                ShapeConstantsEmitter.Constant(writer, layer.Prefix + "FanIn", layer.FanIn, $"The inputs feeding each output of {what}: the scale of its He initialization.");
            }
        }

        /// <summary>Whether a layer has a source file of its own: all but a shortcut marker and an identity add, which have no kernels.</summary>
        private static bool HasOwnFile(NetworkLayer layer) => layer.Spec is not (ShortcutSpec or AddShortcutSpec { HasProjection: false });

        /// <summary>The header lines: the network's layers and the shapes between them.</summary>
        private static IEnumerable<string> Describe(NetworkSpec spec)
        {
            yield return $"Network {spec.Target.Name} ({spec.ElementType}): input {spec.Input} (NHWC)";
            foreach (NetworkLayer layer in spec.Layers)
            {
                string parameters = layer.HasParameters ? $", {layer.WeightsLength} weights + {layer.BiasLength} biases" : string.Empty;
                yield return $"  {layer.Number,2}. {layer.Kind,-20} → {layer.Spec.Output}{parameters}";
            }
        }

        /// <summary>Everything the emitter decided about one layer: its parameter slices and the buffers it reads and writes.</summary>
        private sealed class Plan
        {
            public Plan(NetworkLayer layer)
            {
                Layer = layer;
            }

            public NetworkLayer Layer { get; }

            public int WeightsOffset { get; set; }

            public int BiasOffset { get; set; }

            /// <summary>Where this layer's state (a batch normalization's running mean, then its running variance) starts in the state buffer.</summary>
            public int StateOffset { get; set; }

            /// <summary>A dropout layer's mask (its factors, written forward and read backward), else null.</summary>
            public Buffer? Mask { get; set; }

            /// <summary>An [AddShortcut]'s kept activation (the buffer its [Shortcut] marked), else null.</summary>
            public Buffer? Shortcut { get; set; }

            /// <summary>A projection's convolution output and batch-normalized output (each with its gradient), else null.</summary>
            public Buffer? ProjectionConvOut { get; set; }

            public Buffer? ProjectionNormOut { get; set; }

            /// <summary>
            /// A [Shortcut] marker's backward addend: the gradient that flowed back along its connection (the add's output
            /// gradient for an identity shortcut, the projection's input gradient otherwise), else null.
            /// </summary>
            public Buffer? ShortcutGradient { get; set; }

            /// <summary>A projection's input gradient (the values its marker adds in the backward pass), else null.</summary>
            public Buffer? ProjectionInputGradient { get; set; }

            /// <summary>Whether <see cref="ShortcutGradient"/> is a buffer's gradient field (identity) rather than its values (projection).</summary>
            public bool ShortcutGradientIsGradientField { get; set; }

            public Buffer In { get; set; } = null!;

            public Buffer Out { get; set; } = null!;
        }

        /// <summary>An activation buffer (and its gradient twin) of <see cref="Length"/> values per example.</summary>
        private sealed record Buffer(string Field, string? GradientField, int Length);

        public static void EmitMembers(IndentedWriter writer, NetworkSpec spec)
        {
            string t = spec.ElementType;
            string name = spec.Target.Name;
            List<Plan> plans = PlanLayers(spec, out List<Buffer> buffers, out int parameterCount, out int stateCount);
            bool segmented = Segments(plans).Count > 1;
            Buffer input = buffers[0];
            Plan loss = plans[plans.Count - 1];

            // ---- Constants -------------------------------------------------------------------------------------
            writer.Line("// ---- Shapes and parameter layout ----");
            writer.Line();
            ShapeConstantsEmitter.Constant(writer, "InputHeight", spec.Input.Height, "The height of one input example.");
            ShapeConstantsEmitter.Constant(writer, "InputWidth", spec.Input.Width, "The width of one input example.");
            ShapeConstantsEmitter.Constant(writer, "InputChannels", spec.Input.Channels, "The channel count of one input example.");
            ShapeConstantsEmitter.Constant(writer, "InputLength", spec.Input.Length, $"The number of values in one input example ({spec.Input.Height}·{spec.Input.Width}·{spec.Input.Channels}, NHWC).");
            ShapeConstantsEmitter.Constant(writer, "ClassCount", spec.Classes, "The number of classes: the probabilities (and logits) per example.");
            ShapeConstantsEmitter.Constant(writer, "LayerCount", plans.Count, "The number of layers, the loss included.");
            ShapeConstantsEmitter.Constant(writer, "ParameterCount", parameterCount, "The number of trainable parameters: the length of Parameters and Gradients.");
            ShapeConstantsEmitter.Constant(writer, "StateCount", stateCount, "The number of values of state besides the parameters (the batch normalizations' running means and variances): the length of RunningStatistics.");
            writer.Summary("The architecture signature: the layers and the shapes between them, in a canonical form.\nParameter files record it, and Load refuses a file saved from another architecture.");
            writer.Line($"public const string Architecture = {Literal(Signature(spec))};");
            writer.Line();
            // A layer with a file of its own (EmitFiles) declares its constants there, beside its kernels: the network's own file
            // then grows by the passes' few lines per layer, not by every layer's constants.
            foreach (Plan plan in plans)
            {
                if (!HasOwnFile(plan.Layer))
                {
                    EmitLayerConstants(writer, plan);
                }
            }

            // The nested layer classes, each written by the same emitter as a single-layer class, are in files of their own (EmitFiles).

            // ---- State -------------------------------------------------------------------------------------------
            writer.Line("// ---- Parameters and buffers, allocated once ----");
            writer.Line();
            writer.Line($"private readonly {t}[] _parameters;");
            writer.Line($"private readonly {t}[] _gradients;");
            if (stateCount > 0)
            {
                writer.Line($"private readonly {t}[] _state;");
            }
            foreach (Buffer buffer in buffers)
            {
                writer.Line($"private readonly {t}[] {buffer.Field};");
                if (buffer.GradientField is not null)
                {
                    writer.Line($"private readonly {t}[] {buffer.GradientField};");
                }
            }

            writer.Line("private int _batch;");
            writer.Line("private bool _haveForward;");
            writer.Line();
            writer.Line("// Batch parallelism (threads > 1 only; all null with one thread): the workers, each extra shard's own weight and bias");
            writer.Line("// gradients (shard 0 writes Gradients), each shard's summed loss, the labels the shards read, the one work delegate.");
            writer.Line($"private readonly {Parallel}? _parallel;");
            writer.Line($"private readonly {t}[][]? _shardGradients;");
            writer.Line("private readonly double[]? _shardLosses;");
            writer.Line("private readonly int[]? _labels;");
            writer.Line("private readonly global::System.Action<int>? _shardWork;");
            writer.Line("private int _shardSteps;");
            if (segmented)
            {
                writer.Line("private int _shardSegment; // the run of layers a Dispatch asks the shards for (RunForwardSegments, RunBackwardSegments)");
            }
            writer.Line();
            writer.Line("// The managed thread id of the public call running on this instance (0: none), and whether Dispose was called.");
            writer.Line("private int _caller;");
            writer.Line("private volatile bool _disposed;");
            writer.Line();

            // ---- Construction ------------------------------------------------------------------------------------
            writer.Summary(
                $"Creates the network with every buffer sized for batches of up to <paramref name=\"maxBatchSize\"/> examples\n" +
                "(nothing is allocated after this), and initializes the parameters from <paramref name=\"seed\"/>.");
            writer.Line("/// <param name=\"maxBatchSize\">The largest batch Forward, ComputeGradients and TrainStep accept (at least 1).</param>");
            writer.Line("/// <param name=\"seed\">The seed of the He initialization; the same seed gives the same parameters on every run.</param>");
            writer.Line("/// <param name=\"threads\">The threads a batch is split over (1 to BatchParallel.MaxThreads; default 1, this thread alone).");
            writer.Line("/// With more, Forward, Backward, ComputeGradients, TrainStep and Predict split each batch into that many contiguous shards run at");
            writer.Line("/// once (this thread runs the first); the results equal one thread's up to floating-point rounding, and for a given thread count");
            writer.Line("/// they are the same on every run. Dispose the network to stop those threads at once (dropping it lets them stop when it is collected).</param>");
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"maxBatchSize\"/> is below 1 or too large, or <paramref name=\"threads\"/> is out of range.</exception>");
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"public {name}(int maxBatchSize, ulong seed = 0, int threads = 1)"))
            {
                writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);");
                int largest = 1;
                foreach (Buffer buffer in buffers)
                {
                    largest = System.Math.Max(largest, buffer.Length);
                }

                writer.Line($"global::System.ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBatchSize, int.MaxValue / {largest});");
                writer.Line("MaxBatchSize = maxBatchSize;");
                writer.Line($"_parameters = new {t}[ParameterCount];");
                writer.Line($"_gradients = new {t}[ParameterCount];");
                if (stateCount > 0)
                {
                    writer.Line($"_state = new {t}[StateCount];");
                }

                foreach (Buffer buffer in buffers)
                {
                    writer.Line($"{buffer.Field} = new {t}[maxBatchSize * {buffer.Length}];");
                    if (buffer.GradientField is not null)
                    {
                        writer.Line($"{buffer.GradientField} = new {t}[maxBatchSize * {buffer.Length}];");
                    }
                }

                writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);");
                writer.Line($"global::System.ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, {Parallel}.MaxThreads);");
                writer.Line("Threads = threads;");
                using (writer.Block("if (threads > 1)"))
                {
                    writer.Line($"_shardGradients = new {t}[threads - 1][];");
                    using (writer.Block("for (int shard = 0; shard < _shardGradients.Length; shard++)"))
                    {
                        writer.Line($"_shardGradients[shard] = new {t}[ParameterCount];");
                    }

                    writer.Line("_shardLosses = new double[threads];");
                    writer.Line("_labels = new int[maxBatchSize];");
                    writer.Line("_shardWork = RunShard;");
                    writer.Line($"_parallel = new {Parallel}(threads);");
                }

                if (plans.Any(p => p.Mask is not null))
                {
                    writer.Line("DropoutSeed = seed;");
                }

                writer.Line("InitializeParameters(seed);");
            }

            writer.Line();
            writer.Summary("The largest batch this instance accepts.");
            writer.Line("public int MaxBatchSize { get; }");
            writer.Line();
            writer.Summary("The threads each batch is split over (1: no batch parallelism).");
            writer.Line("public int Threads { get; }");
            writer.Line();
            writer.Summary("All trainable parameters in one flat buffer; each layer's slice is given by its Layer{i}WeightsOffset and Layer{i}BiasOffset constants.\nWritable: an optimizer updates it in place.");
            writer.Line($"public global::System.Span<{t}> Parameters => _parameters;");
            writer.Line();
            writer.Summary(
                "Whether the network runs in training mode (the default): batch normalizations normalize with each batch's statistics and\n" +
                "update their running ones. In evaluation mode (false) they use the running statistics, as for inference. Every pass follows\n" +
                "it, Predict included; layers without a mode compute the same either way.");
            writer.Line("public bool Training { get; set; } = true;");
            writer.Line();
            bool hasDropout = plans.Any(p => p.Mask is not null);
            if (hasDropout)
            {
                writer.Summary("The seed of the dropout masks (the constructor's seed at first). With DropoutStep and each layer's number it fixes every mask.");
                writer.Line("public ulong DropoutSeed { get; set; }");
                writer.Line();
                writer.Summary("The training steps taken (TrainStep adds one per applied step): each step draws new dropout masks; Forward, Backward and\nComputeGradients between two steps see the same ones.");
                writer.Line("public long DropoutStep { get; set; }");
                writer.Line();
            }
            if (stateCount > 0)
            {
                writer.Summary("The batch normalizations' running means and variances (Layer{i}RunningMeanOffset, Layer{i}RunningVarianceOffset), StateCount values.\nWritable, for importing them; Save and Load carry them with the parameters.");
                writer.Line($"public global::System.Span<{t}> RunningStatistics => _state;");
                writer.Line();
            }

            writer.Summary("The gradient of the last mean loss with respect to each parameter, laid out as Parameters (written by Backward).");
            writer.Line($"public global::System.ReadOnlySpan<{t}> Gradients => _gradients;");
            writer.Line();
            writer.Summary("The gradient of the last mean loss with respect to the inputs of the last batch (written by Backward).");
            writer.Line($"public global::System.ReadOnlySpan<{t}> InputGradient => new global::System.Span<{t}>({input.GradientField}, 0, _batch * InputLength);");
            writer.Line();
            writer.Summary("The logits of the last forward batch, (batch, ClassCount).");
            writer.Line($"public global::System.ReadOnlySpan<{t}> Logits => new global::System.Span<{t}>({loss.In.Field}, 0, _batch * ClassCount);");
            writer.Line();
            writer.Summary("The probabilities of the last forward batch, (batch, ClassCount).");
            writer.Line($"public global::System.ReadOnlySpan<{t}> Probabilities => new global::System.Span<{t}>({loss.Out.Field}, 0, _batch * ClassCount);");
            writer.Line();

            // ---- Initialization ------------------------------------------------------------------------------------
            writer.Summary(stateCount > 0
                ? "Sets every weight to He normal values drawn, layer after layer, from one DeterministicRandom(seed), and every bias to zero;\n" +
                  "each batch normalization's scale to one and shift to zero, and its running mean to zero and running variance to one."
                : "Sets every weight to He normal values drawn, layer after layer, from one DeterministicRandom(seed), and every bias to zero.");
            writer.Line(Overlapping);
            using (writer.Block("public void InitializeParameters(ulong seed)"))
            {
                Guarded(writer, compute: false, () =>
                {
                    writer.Line($"var random = new {Random}(seed);");
                    writer.Line($"global::System.Span<{t}> parameters = _parameters;");
                    foreach (Plan plan in plans)
                    {
                        string p = plan.Layer.Prefix;
                        if (plan.Layer.IsHeInitialized)
                        {
                            writer.Line($"{Init}.HeNormal(parameters.Slice({p}WeightsOffset, {p}WeightsLength), {p}FanIn, random);");
                            writer.Line($"parameters.Slice({p}BiasOffset, {p}BiasLength).Clear();");
                        }
                        else if (plan.Layer.Spec is AddShortcutSpec { ProjectionConv: { } projection })
                        {
                            writer.Line($"{Init}.HeNormal(parameters.Slice({p}ProjectionWeightsOffset, {p}ProjectionWeightsLength), {projection.Input.Channels}, random);");
                            writer.Line($"parameters.Slice({p}ProjectionScaleOffset, {projection.Filters}).Fill({One(t)});");
                            writer.Line($"parameters.Slice({p}ProjectionShiftOffset, {projection.Filters}).Clear();");
                            writer.Line($"new global::System.Span<{t}>(_state, {p}RunningMeanOffset, {projection.Filters}).Clear();");
                            writer.Line($"new global::System.Span<{t}>(_state, {p}RunningVarianceOffset, {projection.Filters}).Fill({One(t)});");
                        }
                        else if (plan.Layer.Spec is BatchNorm2DSpec)
                        {
                            writer.Line($"parameters.Slice({p}WeightsOffset, {p}WeightsLength).Fill({One(t)});");
                            writer.Line($"parameters.Slice({p}BiasOffset, {p}BiasLength).Clear();");
                            writer.Line($"new global::System.Span<{t}>(_state, {p}RunningMeanOffset, {p}BiasLength).Clear();");
                            writer.Line($"new global::System.Span<{t}>(_state, {p}RunningVarianceOffset, {p}BiasLength).Fill({One(t)});");
                        }
                    }

                    writer.Line("_haveForward = false;");
                });
            }

            writer.Line();

            // ---- Forward -------------------------------------------------------------------------------------------
            writer.Summary("Runs a batch through the network and returns its class probabilities, (batch, ClassCount): a view of an internal\nbuffer, valid until the next call on this instance.");
            writer.Line("/// <param name=\"inputs\">The batch, NHWC (batch, InputHeight, InputWidth, InputChannels); 1 to MaxBatchSize examples.</param>");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">The inputs are not a whole batch of 1 to MaxBatchSize examples.</exception>");
            writer.Line(Overlapping);
            writer.Line(Disposed);
            using (writer.Block($"public global::System.ReadOnlySpan<{t}> Forward(global::System.ReadOnlySpan<{t}> inputs)"))
            {
                Guarded(writer, compute: true, () =>
                {
                    writer.Line("int batch = RunLayers(inputs);");
                    writer.Line($"{loss.Layer.ClassName}.Softmax({Slice(loss.In)}, {Slice(loss.Out)});");
                    writer.Line($"return new global::System.Span<{t}>({loss.Out.Field}, 0, batch * ClassCount);");
                });
            }

            writer.Line();
            writer.Summary("Runs a batch through the network and returns the mean cross-entropy loss of its labels; the probabilities are in Probabilities.\nPrepares Backward.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">The inputs are not a whole batch of 1 to MaxBatchSize examples, or the labels are not one per example.</exception>");
            writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">A label is not a class index.</exception>");
            writer.Line(Overlapping);
            writer.Line(Disposed);
            using (writer.Block($"public {t} Forward(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<int> labels)"))
            {
                Guarded(writer, compute: true, () =>
                {
                    using (writer.Block("if (_parallel is not null)"))
                    {
                        writer.Line("return RunShards(inputs, labels, ShardLayers | ShardLoss);");
                    }

                    writer.Line();
                    writer.Line("int batch = RunLayers(inputs);");
                    writer.Line($"{Checks}.RequireLength(labels.Length, batch, nameof(labels));");
                    writer.Line($"{t} loss = {loss.Layer.ClassName}.Forward({Slice(loss.In)}, labels, {Slice(loss.Out)});");
                    writer.Line("_haveForward = true;");
                    writer.Line("return loss;");
                });
            }

            writer.Line();
            writer.Summary("Copies the inputs in and runs every layer up to the logits; returns the batch size.");
            using (writer.Block($"private int RunLayers(global::System.ReadOnlySpan<{t}> inputs)"))
            {
                writer.Line("int batch = BatchOf(inputs.Length, nameof(inputs));");
                writer.Line("_haveForward = false;");
                writer.Line("_batch = batch;");
                writer.Line($"inputs.CopyTo({input.Field});");
                using (writer.Block("if (_parallel is not null)"))
                {
                    writer.Line(segmented ? "RunForwardSegments(batch);" : "Dispatch(ShardLayers);");
                    writer.Line("return batch;");
                }

                writer.Line();
                writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
                foreach (Plan plan in plans)
                {
                    string? call = ForwardCall(plan, shard: false);
                    if (call is not null)
                    {
                        writer.Lines(call);
                    }
                }

                writer.Line("return batch;");
            }

            writer.Line();
            writer.Summary("The first <paramref name=\"length\"/> values of a buffer.");
            writer.Line($"private static global::System.Span<{t}> Batch({t}[] buffer, int length) => new global::System.Span<{t}>(buffer, 0, length);");
            writer.Line();
            using (writer.Block("private int BatchOf(int length, string paramName)"))
            {
                writer.Line($"int batch = {Checks}.BatchSize(length, InputLength, paramName);");
                writer.Line("if (batch < 1 || batch > MaxBatchSize)");
                writer.Line("{");
                writer.Line("    throw new global::System.ArgumentException($\"Expected 1 to {MaxBatchSize} examples of {InputLength} values (this network's MaxBatchSize), but the span holds {batch}.\", paramName);");
                writer.Line("}");
                writer.Line();
                writer.Line("return batch;");
            }

            writer.Line();

            // ---- Backward ------------------------------------------------------------------------------------------
            writer.Summary("Back-propagates the mean loss of the last Forward(inputs, labels) through every layer: writes Gradients (summed over\nthe batch, overwritten) and InputGradient.");
            writer.Line("/// <param name=\"labels\">The labels the last Forward(inputs, labels) was given.</param>");
            writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">No Forward(inputs, labels) came before (since the last Forward, Predict or InitializeParameters),");
            writer.Line("/// or a call on another thread is running on this network.</exception>");
            writer.Line(Disposed);
            using (writer.Block("public void Backward(global::System.ReadOnlySpan<int> labels)"))
            {
                Guarded(writer, compute: true, () =>
                {
                    writer.Line("if (!_haveForward)");
                    writer.Line("{");
                    writer.Line("    throw new global::System.InvalidOperationException(\"Backward needs the activations of a Forward(inputs, labels) call just before it.\");");
                    writer.Line("}");
                    writer.Line();
                    writer.Line("int batch = _batch;");
                    writer.Line($"{Checks}.RequireLength(labels.Length, batch, nameof(labels));");
                    using (writer.Block("if (_parallel is not null)"))
                    {
                        writer.Line("CheckLabels(labels);");
                        writer.Line("labels.CopyTo(_labels!);");
                        writer.Line(segmented ? "RunBackwardSegments(batch);" : "Dispatch(ShardBackward);");
                        writer.Line("SumShardGradients(batch);");
                        writer.Line("return;");
                    }

                    writer.Line();
                    writer.Line($"global::System.Span<{t}> parameters = _parameters;");
                    writer.Line($"global::System.Span<{t}> gradients = _gradients;");
                    for (int i = plans.Count - 1; i >= 0; i--)
                    {
                        string? call = BackwardCall(plans[i], shard: false);
                        if (call is not null)
                        {
                            writer.Lines(call);
                        }
                    }
                });
            }

            writer.Line();
            writer.Summary("Runs Forward(inputs, labels) then Backward(labels) and returns the mean loss; Gradients then holds its gradient.");
            writer.Line(Overlapping);
            writer.Line(Disposed);
            using (writer.Block($"public {t} ComputeGradients(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<int> labels)"))
            {
                Guarded(writer, compute: true, () =>
                {
                    using (writer.Block("if (_parallel is not null)"))
                    {
                        writer.Line("return RunShards(inputs, labels, ShardLayers | ShardLoss | ShardBackward);");
                    }

                    writer.Line();
                    writer.Line($"{t} loss = Forward(inputs, labels);");
                    writer.Line("Backward(labels);");
                    writer.Line("return loss;");
                });
            }

            writer.Line();
            writer.Summary(
                "One training step on a batch: forward, backward, and the optimizer's update of Parameters. Returns the batch's mean loss\n" +
                "before the update. Allocates nothing (beyond the optimizer's own state on its first step).");
            writer.Line("/// <remarks>");
            writer.Line("/// A step never applies an update computed from NaN or infinity. When the loss is not finite, the step returns it as is;");
            writer.Line("/// when the loss is finite but a gradient is not (an overflow in the backward pass), it returns NaN. Either way Parameters");
            writer.Line("/// and the optimizer are left as they were (Gradients holds the batch's gradients, to inspect). So <c>IsFinite</c> of the");
            writer.Line("/// value returned tells whether the step was applied: check it after each step to stop or skip the batch.");
            writer.Line("/// </remarks>");
            writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"optimizer\"/> is null.</exception>");
            writer.Line(Overlapping);
            writer.Line(Disposed);
            using (writer.Block($"public {t} TrainStep(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<int> labels, global::CnnGen.IOptimizer<{t}> optimizer)"))
            {
                writer.Line("global::System.ArgumentNullException.ThrowIfNull(optimizer);");
                Guarded(writer, compute: true, () =>
                {
                    writer.Line($"{t} loss = ComputeGradients(inputs, labels);");
                    using (writer.Block($"if (!{t}.IsFinite(loss))"))
                    {
                        writer.Line("return loss;");
                    }

                    writer.Line();
                    using (writer.Block($"if (!global::CnnGen.NumericChecks.AllFinite<{t}>(_gradients))"))
                    {
                        writer.Line($"return {t}.NaN;");
                    }

                    writer.Line();
                    writer.Line("optimizer.Step(_parameters, _gradients);");
                    if (hasDropout)
                    {
                        writer.Line("DropoutStep++;");
                    }

                    writer.Line("return loss;");
                });
            }

            writer.Line();

            EmitShards(writer, spec, plans, input, loss);

            // ---- Predict -------------------------------------------------------------------------------------------
            writer.Summary(
                "Writes the most probable class of each example: the index of its largest logit, the first on a tie, or its first NaN if it\n" +
                "has one (the rule of SoftmaxCrossEntropyKernels.ArgMax, which this calls). Takes any number of examples, in chunks of MaxBatchSize.");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">The inputs are not whole examples, or <paramref name=\"predictions\"/> is not one per example.</exception>");
            writer.Line(Overlapping);
            writer.Line(Disposed);
            using (writer.Block($"public void Predict(global::System.ReadOnlySpan<{t}> inputs, global::System.Span<int> predictions)"))
            {
                Guarded(writer, compute: true, () =>
                {
                    writer.Line($"int count = {Checks}.BatchSize(inputs.Length, InputLength, nameof(inputs));");
                    writer.Line($"{Checks}.RequireLength(predictions.Length, count, nameof(predictions));");
                    using (writer.Block("for (int start = 0; start < count; start += MaxBatchSize)"))
                    {
                        writer.Line("int batch = global::System.Math.Min(MaxBatchSize, count - start);");
                        writer.Line("RunLayers(inputs.Slice(start * InputLength, batch * InputLength));");
                        writer.Line($"global::CnnGen.SoftmaxCrossEntropyKernels.ArgMax<{t}>(ClassCount, new global::System.ReadOnlySpan<{t}>({loss.In.Field}, 0, batch * ClassCount), predictions.Slice(start, batch));");
                    }
                });
            }

            writer.Line();

            // ---- Save / Load ---------------------------------------------------------------------------------------
            writer.Summary(
                "Saves the parameters to <paramref name=\"path\"/> with the Architecture signature, replacing the file atomically (through a\n" +
                "symbolic link, the file it points to), as ParameterFile.Save does.");
            writer.Line("/// <exception cref=\"global::System.IO.IOException\">Saving failed; the message names the path and the step that failed (see ParameterFile.Save).</exception>");
            writer.Line(Overlapping);
            using (writer.Block("public void Save(string path)"))
            {
                Guarded(writer, compute: false, () =>
                {
                    if (stateCount == 0)
                    {
                        writer.Line($"{File}.Save<{t}>(path, Architecture, _parameters);");
                        return;
                    }

                    // The file holds the parameters, then the running statistics.
                    writer.Line($"{t}[] values = new {t}[ParameterCount + StateCount];");
                    writer.Line("_parameters.CopyTo(values, 0);");
                    writer.Line("_state.CopyTo(values, ParameterCount);");
                    writer.Line($"{File}.Save<{t}>(path, Architecture, values);");
                });
            }

            writer.Line();
            writer.Summary("Loads parameters saved by a network of the same architecture and precision. A file of another architecture, or a truncated\nor corrupt one, is refused with an InvalidDataException that says why, and the parameters stay as they were.");
            writer.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The file is of another architecture or precision, truncated or corrupt.</exception>");
            writer.Line(Overlapping);
            using (writer.Block("public void Load(string path)"))
            {
                Guarded(writer, compute: false, () =>
                {
                    if (stateCount == 0)
                    {
                        writer.Line($"{File}.Load<{t}>(path, Architecture, _parameters);");
                    }
                    else
                    {
                        // Read whole before anything changes: a refused file leaves parameters and statistics as they were.
                        writer.Line($"{t}[] values = new {t}[ParameterCount + StateCount];");
                        writer.Line($"{File}.Load<{t}>(path, Architecture, values);");
                        writer.Line("global::System.MemoryExtensions.AsSpan(values, 0, ParameterCount).CopyTo(_parameters);");
                        writer.Line("global::System.MemoryExtensions.AsSpan(values, ParameterCount, StateCount).CopyTo(_state);");
                    }

                    writer.Line("_haveForward = false;");
                });
            }

            writer.Line();
            EmitLifetime(writer, name);
        }

        /// <summary>The exception line of every public method that a call on another thread makes throw.</summary>
        private const string Overlapping =
            "/// <exception cref=\"global::System.InvalidOperationException\">A call on another thread is running on this network.</exception>";

        /// <summary>The exception line of the methods that compute, which Dispose ends.</summary>
        private const string Disposed =
            "/// <exception cref=\"global::System.ObjectDisposedException\">This network was disposed.</exception>";

        /// <summary>
        /// Writes <paramref name="body"/> as the body of a public method, between EnterCall and ExitCall: one call at a time
        /// per instance (a call from another thread meanwhile throws before touching anything), and, when
        /// <paramref name="compute"/>, none after Dispose.
        /// </summary>
        private static void Guarded(IndentedWriter writer, bool compute, System.Action body)
        {
            writer.Line($"bool entered = EnterCall({(compute ? "true" : "false")});");
            using (writer.Block("try"))
            {
                body();
            }

            using (writer.Block("finally"))
            {
                writer.Line("ExitCall(entered);");
            }
        }

        /// <summary>Writes Dispose and the guard of every public call: EnterCall and ExitCall.</summary>
        private static void EmitLifetime(IndentedWriter writer, string name)
        {
            writer.Summary(
                "Stops the worker threads of a network built with more than one thread, and ends the calls that compute: afterwards Forward,\n" +
                "Backward, ComputeGradients, TrainStep and Predict throw ObjectDisposedException, whatever the thread count (with one thread\n" +
                "there is nothing to stop). Parameters, Gradients, InitializeParameters, Save and Load keep working. A call running on another\n" +
                "thread is not left waiting: Dispose waits for its batch-parallel work, and the call then finishes; one that starts later throws.\n" +
                "Calling Dispose again does nothing.");
            using (writer.Block("public void Dispose()"))
            {
                writer.Line("_disposed = true;");
                writer.Line("_parallel?.Dispose();");
            }

            writer.Line();
            writer.Summary(
                "Starts a public call: refuses one that computes after Dispose, and any while a call of another thread runs on this instance\n" +
                "(a network takes one call at a time); lets a call nested in one of this thread's own go ahead (an optimizer calling back).\n" +
                "Returns whether this call must end it with ExitCall.");
            using (writer.Block("private bool EnterCall(bool compute)"))
            {
                writer.Line("global::System.ObjectDisposedException.ThrowIf(compute && _disposed, this);");
                writer.Line("int thread = global::System.Environment.CurrentManagedThreadId;");
                writer.Line("int caller = global::System.Threading.Interlocked.CompareExchange(ref _caller, thread, 0);");
                writer.Line("if (caller == 0 || caller == thread)");
                writer.Line("{");
                writer.Line("    return caller == 0;");
                writer.Line("}");
                writer.Line();
                writer.Line($"throw new global::System.InvalidOperationException(\"This {name} is running a call on another thread; a network takes one call at a time.\");");
            }

            writer.Line();
            writer.Summary("Ends a public call that EnterCall started (<paramref name=\"entered\"/>); a nested call ends nothing.");
            using (writer.Block("private void ExitCall(bool entered)"))
            {
                writer.Line("if (entered)");
                writer.Line("{");
                writer.Line("    global::System.Threading.Volatile.Write(ref _caller, 0);");
                writer.Line("}");
            }
        }

        /// <summary>
        /// The batch-parallel path (used only when the network was built with more than one thread): every shard runs the
        /// same layer calls as the one-thread path on its contiguous slice of each activation and gradient buffer; the
        /// weight and bias gradients go to per-shard buffers summed afterwards in shard order, the shard losses are summed
        /// in shard order, and the loss gradient is scaled by the whole batch's 1/m.
        /// </summary>
        private static void EmitShards(IndentedWriter writer, NetworkSpec spec, List<Plan> plans, Buffer input, Plan loss)
        {
            string t = spec.ElementType;
            List<(bool WholeBatch, List<Plan> Plans)> segments = Segments(plans);
            bool segmented = segments.Count > 1;
            writer.Line("private const int ShardLayers = 1;");
            writer.Line("private const int ShardLoss = 2;");
            writer.Line("private const int ShardBackward = 4;");
            writer.Line();
            writer.Summary("The sharded Forward(inputs, labels) and ComputeGradients: checks, copies the batch in, runs the shards and combines them.");
            using (writer.Block($"private {t} RunShards(global::System.ReadOnlySpan<{t}> inputs, global::System.ReadOnlySpan<int> labels, int steps)"))
            {
                writer.Line("int batch = BatchOf(inputs.Length, nameof(inputs));");
                writer.Line($"{Checks}.RequireLength(labels.Length, batch, nameof(labels));");
                writer.Line("CheckLabels(labels);");
                writer.Line("_haveForward = false;");
                writer.Line("_batch = batch;");
                writer.Line($"inputs.CopyTo({input.Field});");
                writer.Line("labels.CopyTo(_labels!);");
                if (segmented)
                {
                    writer.Line("RunForwardSegments(batch);");
                    writer.Line("Dispatch(ShardLoss);");
                    using (writer.Block("if ((steps & ShardBackward) != 0)"))
                    {
                        writer.Line("RunBackwardSegments(batch);");
                        writer.Line("SumShardGradients(batch);");
                    }
                }
                else
                {
                    writer.Line("Dispatch(steps);");
                    using (writer.Block("if ((steps & ShardBackward) != 0)"))
                    {
                        writer.Line("SumShardGradients(batch);");
                    }
                }

                writer.Line();
                writer.Line("// The batch mean from the shards' sums, added in shard order.");
                writer.Line("double loss = 0d;");
                using (writer.Block("for (int shard = 0; shard < Threads; shard++)"))
                {
                    writer.Line("loss += _shardLosses![shard];");
                }

                writer.Line();
                writer.Line("_haveForward = true;");
                writer.Line($"return ({t})(loss / batch);");
            }

            writer.Line();
            using (writer.Block("private void Dispatch(int steps)"))
            {
                writer.Line("_shardSteps = steps;");
                writer.Line("_parallel!.Run(_shardWork!);");
            }

            if (segmented)
            {
                writer.Line();
                EmitSegmentRunners(writer, t, segments);
            }

            writer.Line();
            writer.Summary("One shard's part of the steps Dispatch asked for, on examples [start, start + count) of the batch.");
            using (writer.Block("private void RunShard(int shard)"))
            {
                writer.Line("int batch = _batch;");
                writer.Line($"int start = {Parallel}.ShardStart(shard, batch, Threads);");
                writer.Line($"int count = {Parallel}.ShardStart(shard + 1, batch, Threads) - start;");
                writer.Line("int steps = _shardSteps;");
                using (writer.Block("if ((steps & ShardLoss) != 0)"))
                {
                    writer.Line("_shardLosses![shard] = 0d;");
                }

                writer.Line();

                writer.Line("if (count == 0)");
                writer.Line("{");
                writer.Line("    return;");
                writer.Line("}");
                writer.Line();
                using (writer.Block("if ((steps & ShardLayers) != 0)"))
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
                    EmitShardedSegments(writer, segments, plansOfSegment => plansOfSegment, plan => ForwardCall(plan, shard: true));
                }

                writer.Line();
                using (writer.Block("if ((steps & ShardLoss) != 0)"))
                {
                    writer.Line($"{t} mean = {loss.Layer.ClassName}.Forward({Slice(loss.In, shard: true)}, new global::System.ReadOnlySpan<int>(_labels, start, count), {Slice(loss.Out, shard: true)});");
                    writer.Line("_shardLosses![shard] = (double)mean * count;");
                }

                writer.Line();
                using (writer.Block("if ((steps & ShardBackward) != 0)"))
                {
                    writer.Line("global::System.ReadOnlySpan<int> labels = new global::System.ReadOnlySpan<int>(_labels, start, count);");
                    writer.Line($"{t} scale = ({t})1 / batch;");
                    writer.Line($"global::System.Span<{t}> parameters = _parameters;");
                    writer.Line($"global::System.Span<{t}> gradients = shard == 0 ? _gradients : _shardGradients![shard - 1];");
                    EmitShardedSegments(writer, segments, plansOfSegment => Enumerable.Reverse(plansOfSegment), plan => BackwardCall(plan, shard: true));
                }
            }

            writer.Line();
            writer.Summary("Adds the weight and bias gradients of shards 1, 2, … (the non-empty ones) into Gradients, which shard 0 wrote, in shard order.");
            using (writer.Block("private void SumShardGradients(int batch)"))
            {
                writer.Line("int used = global::System.Math.Min(Threads, batch);");
                using (writer.Block("for (int shard = 1; shard < used; shard++)"))
                {
                    writer.Line($"{Parallel}.AddInto<{t}>(_gradients, _shardGradients![shard - 1]);");
                }
            }

            writer.Line();
            writer.Summary("The examples [start, start + count) of a buffer holding <paramref name=\"length\"/> values per example.");
            writer.Line($"private static global::System.Span<{t}> Part({t}[] buffer, int start, int count, int length) => new global::System.Span<{t}>(buffer, start * length, count * length);");
            writer.Line();
            writer.Summary("The gradient of the whole batch's mean loss with respect to one shard's logits: (p − onehot(label)) · scale, scale = 1/m of the\nwhole batch; the same arithmetic as the loss layer's Backward, which scales by the 1/m of the span it is given.");
            using (writer.Block($"private static void LossGradient(global::System.ReadOnlySpan<{t}> probabilities, global::System.ReadOnlySpan<int> labels, global::System.Span<{t}> logitsGradient, {t} scale)"))
            {
                using (writer.Block("for (int n = 0; n < labels.Length; n++)"))
                {
                    writer.Line("int label = labels[n];");
                    writer.Line($"global::System.ReadOnlySpan<{t}> p = probabilities.Slice(n * ClassCount, ClassCount);");
                    writer.Line($"global::System.Span<{t}> d = logitsGradient.Slice(n * ClassCount, ClassCount);");
                    using (writer.Block("for (int c = 0; c < ClassCount; c++)"))
                    {
                        writer.Line($"d[c] = (p[c] - (c == label ? ({t})1 : ({t})0)) * scale;");
                    }
                }
            }

            writer.Line();
            writer.Summary("Refuses a label that is not a class index before the shards see it (the loss layer would throw it on a worker).");
            using (writer.Block("private static void CheckLabels(global::System.ReadOnlySpan<int> labels)"))
            {
                using (writer.Block("for (int n = 0; n < labels.Length; n++)"))
                {
                    writer.Line("if ((uint)labels[n] >= (uint)ClassCount)");
                    writer.Line("{");
                    writer.Line("    throw new global::System.ArgumentOutOfRangeException(nameof(labels), labels[n], $\"Label {n} is {labels[n]}, but a label must be a class index from 0 to {ClassCount - 1}.\");");
                    writer.Line("}");
                }
            }

            writer.Line();
        }

        /// <summary>
        /// Writes the shard's calls of each run of layers the shards compute alone: all of them directly when the network is
        /// one run, else under a switch on the run Dispatch asked for (<c>_shardSegment</c>, its index among the runs).
        /// </summary>
        private static void EmitShardedSegments(
            IndentedWriter writer, List<(bool WholeBatch, List<Plan> Plans)> segments, System.Func<List<Plan>, IEnumerable<Plan>> order, System.Func<Plan, string?> call)
        {
            if (segments.Count == 1)
            {
                EmitCalls(writer, order(segments[0].Plans), call);
                return;
            }

            using (writer.Block("switch (_shardSegment)"))
            {
                for (int k = 0; k < segments.Count; k++)
                {
                    if (segments[k].WholeBatch)
                    {
                        continue;
                    }

                    writer.Line($"case {k}:");
                    using (writer.Indent())
                    {
                        EmitCalls(writer, order(segments[k].Plans), call);
                        writer.Line("break;");
                    }
                }
            }
        }

        private static void EmitCalls(IndentedWriter writer, IEnumerable<Plan> plans, System.Func<Plan, string?> call)
        {
            foreach (Plan plan in plans)
            {
                if (call(plan) is { } text)
                {
                    writer.Lines(text);
                }
            }
        }

        /// <summary>
        /// Writes RunForwardSegments and RunBackwardSegments: each run the shards compute alone is one Dispatch, and each
        /// whole-batch layer runs between them on the calling thread over the whole batch, as one thread would run it. A
        /// network that is one run dispatches once.
        /// </summary>
        private static void EmitSegmentRunners(IndentedWriter writer, string t, List<(bool WholeBatch, List<Plan> Plans)> segments)
        {
            writer.Summary("Runs the forward layers of the whole batch: the shards' runs dispatched, whole-batch layers on this thread.");
            using (writer.Block("private void RunForwardSegments(int batch)"))
            {
                if (segments.Count == 1)
                {
                    writer.Line("Dispatch(ShardLayers);");
                }
                else
                {
                    writer.Line($"global::System.ReadOnlySpan<{t}> parameters = _parameters;");
                    for (int k = 0; k < segments.Count; k++)
                    {
                        if (segments[k].WholeBatch)
                        {
                            EmitCalls(writer, segments[k].Plans, plan => ForwardCall(plan, shard: false));
                        }
                        else
                        {
                            writer.Line($"_shardSegment = {k};");
                            writer.Line("Dispatch(ShardLayers);");
                        }
                    }
                }
            }

            writer.Line();
            writer.Summary("Runs the backward layers of the whole batch, last first: the shards' runs dispatched, whole-batch layers on this thread.");
            using (writer.Block("private void RunBackwardSegments(int batch)"))
            {
                if (segments.Count == 1)
                {
                    writer.Line("Dispatch(ShardBackward);");
                }
                else
                {
                    writer.Line($"global::System.Span<{t}> parameters = _parameters;");
                    writer.Line($"global::System.Span<{t}> gradients = _gradients;");
                    for (int k = segments.Count - 1; k >= 0; k--)
                    {
                        if (segments[k].WholeBatch)
                        {
                            EmitCalls(writer, segments[k].Plans, plan => BackwardCall(plan, shard: false));
                        }
                        else
                        {
                            writer.Line($"_shardSegment = {k};");
                            writer.Line("Dispatch(ShardBackward);");
                        }
                    }
                }
            }
        }

        /// <summary>Gives every layer its parameter slices and buffers; ReLU runs in place and Flatten aliases its input.</summary>
        private static List<Plan> PlanLayers(NetworkSpec spec, out List<Buffer> buffers, out int parameterCount) =>
            PlanLayers(spec, out buffers, out parameterCount, out _);

        private static List<Plan> PlanLayers(NetworkSpec spec, out List<Buffer> buffers, out int parameterCount, out int stateCount)
        {
            var plans = new List<Plan>();
            buffers = new List<Buffer>();
            var current = new Buffer("_input", "_inputGradient", spec.Input.Length);
            buffers.Add(current);
            int offset = 0;
            int state = 0;
            int activations = 0;
            var markers = new Dictionary<string, Plan>(System.StringComparer.Ordinal);
            var kept = new HashSet<Buffer>();
            foreach (NetworkLayer layer in spec.Layers)
            {
                var plan = new Plan(layer) { In = current, StateOffset = state };
                state += layer.StateLength;
                if (layer.HasParameters)
                {
                    plan.WeightsOffset = offset;
                    offset += layer.WeightsLength;
                    plan.BiasOffset = offset;
                    offset += layer.BiasLength;
                }

                switch (layer.Spec)
                {
                    case ReLUSpec when kept.Contains(current):
                        // A residual connection keeps this activation for a later add: ReLU must not overwrite it.
                        activations++;
                        plan.Out = new Buffer("_activation" + activations, "_activationGradient" + activations, layer.Spec.Output.Length);
                        buffers.Add(plan.Out);
                        break;
                    case FlattenSpec:
                    case ReLUSpec:
                    case ShortcutSpec:
                        // Flatten moves no data in NHWC; ReLU runs in place, and its backward reads its own output as the
                        // mask (positive exactly where its input was). No other layer reads a buffer that ReLU overwrites.
                        // This exact aliasing (output == input, inputGradient == outputGradient) is the only overlap the
                        // generated wrappers accept; every other call below gets spans of separate buffers. A shortcut
                        // marker computes nothing: it names the activation for the add that ends its connection.
                        plan.Out = current;
                        if (layer.Spec is ShortcutSpec marker)
                        {
                            markers[marker.Name] = plan;
                            kept.Add(current);
                        }

                        break;
                    case AddShortcutSpec add:
                        activations++;
                        plan.Out = new Buffer("_activation" + activations, "_activationGradient" + activations, layer.Spec.Output.Length);
                        buffers.Add(plan.Out);
                        Plan start = markers[add.Name];
                        plan.Shortcut = start.In;
                        if (add.HasProjection)
                        {
                            activations++;
                            plan.ProjectionConvOut = new Buffer("_activation" + activations, "_activationGradient" + activations, add.Output.Length);
                            activations++;
                            plan.ProjectionNormOut = new Buffer("_activation" + activations, "_activationGradient" + activations, add.Output.Length);
                            activations++;
                            start.ShortcutGradient = new Buffer("_activation" + activations, null, add.ShortcutShape.Length);
                            buffers.Add(plan.ProjectionConvOut);
                            buffers.Add(plan.ProjectionNormOut);
                            buffers.Add(start.ShortcutGradient);
                            plan.ProjectionInputGradient = start.ShortcutGradient;
                        }
                        else
                        {
                            start.ShortcutGradient = plan.Out;
                            start.ShortcutGradientIsGradientField = true;
                        }

                        break;
                    case SoftmaxCrossEntropySpec:
                        plan.Out = new Buffer("_probabilities", null, layer.Spec.Output.Length);
                        buffers.Add(plan.Out);
                        break;
                    case DropoutSpec:
                        activations++;
                        plan.Out = new Buffer("_activation" + activations, "_activationGradient" + activations, layer.Spec.Output.Length);
                        plan.Mask = new Buffer("_mask" + layer.Number, null, layer.Spec.Output.Length);
                        buffers.Add(plan.Out);
                        buffers.Add(plan.Mask);
                        break;
                    default:
                        activations++;
                        plan.Out = new Buffer("_activation" + activations, "_activationGradient" + activations, layer.Spec.Output.Length);
                        buffers.Add(plan.Out);
                        break;
                }

                current = plan.Out;
                plans.Add(plan);
            }

            parameterCount = offset;
            stateCount = state;
            return plans;
        }

        private static string Slice(Buffer buffer, bool shard = false) =>
            shard ? $"Part({buffer.Field}, start, count, {buffer.Length})" : $"Batch({buffer.Field}, batch * {buffer.Length})";

        private static string GradientSlice(Buffer buffer, bool shard = false) =>
            shard ? $"Part({buffer.GradientField}, start, count, {buffer.Length})" : $"Batch({buffer.GradientField}, batch * {buffer.Length})";

        private static string Weights(Plan plan, string source) => $"{source}.Slice({plan.Layer.Prefix}WeightsOffset, {plan.Layer.Prefix}WeightsLength)";

        private static string Bias(Plan plan, string source) => $"{source}.Slice({plan.Layer.Prefix}BiasOffset, {plan.Layer.Prefix}BiasLength)";

        private static string One(string t) => t == "float" ? "1f" : "1d";

        /// <summary>
        /// Whether a layer runs on the calling thread over the whole batch when the batch is split over threads: a batch
        /// normalization (its training statistics span the batch), and a projection shortcut, which holds one.
        /// </summary>
        private static bool IsWholeBatch(Plan plan) => plan.Layer.Spec is BatchNorm2DSpec or AddShortcutSpec { HasProjection: true };

        /// <summary>
        /// The layers in runs: a run of layers the shards compute alone, or one whole-batch layer (<see cref="IsWholeBatch"/>).
        /// A network without whole-batch layers is one run.
        /// </summary>
        private static List<(bool WholeBatch, List<Plan> Plans)> Segments(List<Plan> plans)
        {
            var segments = new List<(bool WholeBatch, List<Plan> Plans)>();
            foreach (Plan plan in plans)
            {
                if (IsWholeBatch(plan))
                {
                    segments.Add((true, new List<Plan> { plan }));
                }
                else if (segments.Count > 0 && !segments[segments.Count - 1].WholeBatch)
                {
                    segments[segments.Count - 1].Plans.Add(plan);
                }
                else
                {
                    segments.Add((false, new List<Plan> { plan }));
                }
            }

            return segments;
        }

        private static string RunningMean(Plan plan) => $"global::System.MemoryExtensions.AsSpan(_state, {plan.Layer.Prefix}RunningMeanOffset, {plan.Layer.Prefix}BiasLength)";

        private static string RunningVariance(Plan plan) => $"global::System.MemoryExtensions.AsSpan(_state, {plan.Layer.Prefix}RunningVarianceOffset, {plan.Layer.Prefix}BiasLength)";

        /// <summary>The training-mode call, or the evaluation-mode one, as the network's Training property says.</summary>
        private static string ByMode(string training, string evaluation) =>
            $"if (Training)\n{{\n    {training}\n}}\nelse\n{{\n    {evaluation}\n}}";

        /// <summary>The projection's forward: shortcut → 1×1 convolution → batch normalization (by mode), then the sum with the main path.</summary>
        private static string ProjectionForward(Plan plan, Conv2DSpec projection, bool shard)
        {
            string p = plan.Layer.Prefix;
            string conv = plan.Layer.ClassName.Replace("AddShortcut", "ProjectionConv");
            string norm = plan.Layer.ClassName.Replace("AddShortcut", "ProjectionNorm");
            string weights = $"parameters.Slice({p}ProjectionWeightsOffset, {p}ProjectionWeightsLength)";
            string scale = $"parameters.Slice({p}ProjectionScaleOffset, {projection.Filters})";
            string shift = $"parameters.Slice({p}ProjectionShiftOffset, {projection.Filters})";
            string mean = $"global::System.MemoryExtensions.AsSpan(_state, {p}RunningMeanOffset, {projection.Filters})";
            string variance = $"global::System.MemoryExtensions.AsSpan(_state, {p}RunningVarianceOffset, {projection.Filters})";
            return $"{conv}.Forward({Slice(plan.Shortcut!, shard)}, {weights}, default, {Slice(plan.ProjectionConvOut!, shard)});\n" +
                ByMode(
                    $"{norm}.ForwardTraining({Slice(plan.ProjectionConvOut!, shard)}, {scale}, {shift}, {Slice(plan.ProjectionNormOut!, shard)}, {mean}, {variance});",
                    $"{norm}.ForwardEvaluation({Slice(plan.ProjectionConvOut!, shard)}, {scale}, {shift}, {mean}, {variance}, {Slice(plan.ProjectionNormOut!, shard)});") + "\n" +
                $"global::CnnGen.ResidualKernels.Add({Slice(plan.In, shard)}, {Slice(plan.ProjectionNormOut!, shard)}, {Slice(plan.Out, shard)});";
        }

        /// <summary>
        /// The projection's backward: the main path's gradient is the add's; the shortcut's runs back through the batch
        /// normalization and the convolution into the marker's addend (<see cref="Plan.ShortcutGradient"/>).
        /// </summary>
        private static string ProjectionBackward(Plan plan, Conv2DSpec projection, bool shard)
        {
            string p = plan.Layer.Prefix;
            string conv = plan.Layer.ClassName.Replace("AddShortcut", "ProjectionConv");
            string norm = plan.Layer.ClassName.Replace("AddShortcut", "ProjectionNorm");
            string weights = $"parameters.Slice({p}ProjectionWeightsOffset, {p}ProjectionWeightsLength)";
            string scale = $"parameters.Slice({p}ProjectionScaleOffset, {projection.Filters})";
            string mean = $"global::System.MemoryExtensions.AsSpan(_state, {p}RunningMeanOffset, {projection.Filters})";
            string variance = $"global::System.MemoryExtensions.AsSpan(_state, {p}RunningVarianceOffset, {projection.Filters})";
            string weightsGradient = $"gradients.Slice({p}ProjectionWeightsOffset, {p}ProjectionWeightsLength)";
            string scaleGradient = $"gradients.Slice({p}ProjectionScaleOffset, {projection.Filters})";
            string shiftGradient = $"gradients.Slice({p}ProjectionShiftOffset, {projection.Filters})";
            string addend = Slice(plan.ProjectionInputGradient!, shard);
            return $"{GradientSlice(plan.Out, shard)}.CopyTo({GradientSlice(plan.In, shard)});\n" +
                ByMode(
                    $"{norm}.BackwardTraining({GradientSlice(plan.Out, shard)}, {Slice(plan.ProjectionConvOut!, shard)}, {scale}, {GradientSlice(plan.ProjectionConvOut!, shard)}, {scaleGradient}, {shiftGradient});",
                    $"{norm}.BackwardEvaluation({GradientSlice(plan.Out, shard)}, {Slice(plan.ProjectionConvOut!, shard)}, {scale}, {mean}, {variance}, {GradientSlice(plan.ProjectionConvOut!, shard)}, {scaleGradient}, {shiftGradient});") + "\n" +
                $"{conv}.Backward({GradientSlice(plan.ProjectionConvOut!, shard)}, {Slice(plan.Shortcut!, shard)}, {weights}, {addend}, {weightsGradient}, default);";
        }

        private static string? ForwardCall(Plan plan, bool shard)
        {
            string c = plan.Layer.ClassName;
            return plan.Layer.Spec switch
            {
                Conv2DSpec or DenseSpec => $"{c}.Forward({Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {Bias(plan, "parameters")}, {Slice(plan.Out, shard)});",
                Pool2DSpec or ZeroPad2DSpec or ReLUSpec or ActivationSpec or GlobalPool2DSpec => $"{c}.Forward({Slice(plan.In, shard)}, {Slice(plan.Out, shard)});",
                AddShortcutSpec { HasProjection: false } => $"global::CnnGen.ResidualKernels.Add({Slice(plan.In, shard)}, {Slice(plan.Shortcut!, shard)}, {Slice(plan.Out, shard)});",
                AddShortcutSpec { ProjectionConv: { } projection } => ProjectionForward(plan, projection, shard),
                DropoutSpec dropout => ByMode(
                    $"global::CnnGen.DropoutKernels.ForwardTraining({c}.Rate, global::CnnGen.DropoutKernels.StepSeed(DropoutSeed, DropoutStep, {plan.Layer.Number}), " +
                    $"{Slice(plan.In, shard)}, {Slice(plan.Out, shard)}, {Slice(plan.Mask!, shard)}, {(shard ? $"(long)start * {dropout.Input.Length}" : "0")});",
                    $"{c}.ForwardEvaluation({Slice(plan.In, shard)}, {Slice(plan.Out, shard)});"),
                BatchNorm2DSpec => ByMode(
                    $"{c}.ForwardTraining({Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {Bias(plan, "parameters")}, {Slice(plan.Out, shard)}, {RunningMean(plan)}, {RunningVariance(plan)});",
                    $"{c}.ForwardEvaluation({Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {Bias(plan, "parameters")}, {RunningMean(plan)}, {RunningVariance(plan)}, {Slice(plan.Out, shard)});"),
                _ => null, // Flatten: the same buffer; the loss: run by the caller (with or without labels).
            };
        }

        private static string? BackwardCall(Plan plan, bool shard)
        {
            string c = plan.Layer.ClassName;
            return plan.Layer.Spec switch
            {
                // A shard scales by the whole batch's 1/m, which the loss kernel (seeing only the shard) cannot know.
                SoftmaxCrossEntropySpec => shard
                    ? $"LossGradient({Slice(plan.Out, shard)}, labels, {GradientSlice(plan.In, shard)}, scale);"
                    : $"{c}.Backward({Slice(plan.Out)}, labels, {GradientSlice(plan.In)});",
                Conv2DSpec or DenseSpec => $"{c}.Backward({GradientSlice(plan.Out, shard)}, {Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {GradientSlice(plan.In, shard)}, {Weights(plan, "gradients")}, {Bias(plan, "gradients")});",
                Pool2DSpec or ReLUSpec or ActivationSpec or GlobalPool2DSpec => $"{c}.Backward({GradientSlice(plan.Out, shard)}, {Slice(plan.In, shard)}, {GradientSlice(plan.In, shard)});",
                ZeroPad2DSpec => $"{c}.Backward({GradientSlice(plan.Out, shard)}, {GradientSlice(plan.In, shard)});",
                ShortcutSpec => plan.ShortcutGradientIsGradientField
                    ? $"global::CnnGen.ResidualKernels.AddInto({GradientSlice(plan.In, shard)}, {GradientSlice(plan.ShortcutGradient!, shard)});"
                    : $"global::CnnGen.ResidualKernels.AddInto({GradientSlice(plan.In, shard)}, {Slice(plan.ShortcutGradient!, shard)});",
                AddShortcutSpec { HasProjection: false } => $"{GradientSlice(plan.Out, shard)}.CopyTo({GradientSlice(plan.In, shard)});",
                AddShortcutSpec { ProjectionConv: { } projection } => ProjectionBackward(plan, projection, shard),
                DropoutSpec => ByMode(
                    $"{c}.Backward({GradientSlice(plan.Out, shard)}, {Slice(plan.Mask!, shard)}, {GradientSlice(plan.In, shard)});",
                    $"{c}.ForwardEvaluation({GradientSlice(plan.Out, shard)}, {GradientSlice(plan.In, shard)});"),
                BatchNorm2DSpec => ByMode(
                    $"{c}.BackwardTraining({GradientSlice(plan.Out, shard)}, {Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {GradientSlice(plan.In, shard)}, {Weights(plan, "gradients")}, {Bias(plan, "gradients")});",
                    $"{c}.BackwardEvaluation({GradientSlice(plan.Out, shard)}, {Slice(plan.In, shard)}, {Weights(plan, "parameters")}, {RunningMean(plan)}, {RunningVariance(plan)}, {GradientSlice(plan.In, shard)}, {Weights(plan, "gradients")}, {Bias(plan, "gradients")});"),
                _ => null,
            };
        }

        /// <summary>
        /// The canonical architecture signature, for example
        /// <c>in 8x8x1 | conv2d f3 s1 p1 -> 8x8x16 | relu | maxpool2d f2 s2 -> 4x4x16 | flatten -> 1x1x256 | dense -> 1x1x10 | softmax-ce 10</c>.
        /// It names every layer's kind, hyper-parameters and output shape, and not the precision (the parameter file records that).
        /// </summary>
        internal static string Signature(NetworkSpec spec)
        {
            var text = new StringBuilder();
            text.Append("cnngen-network v1 | in ").Append(Shape(spec.Input));
            foreach (NetworkLayer layer in spec.Layers)
            {
                text.Append(" | ");
                switch (layer.Spec)
                {
                    case Conv2DSpec conv:
                        text.Append($"conv2d f{conv.FilterSize} s{conv.Stride} p{conv.Pad}{(conv.HasBias ? string.Empty : " nobias")}");
                        break;
                    case Pool2DSpec pool:
                        text.Append(pool.Mode == PoolMode.Max ? "maxpool2d" : "avgpool2d").Append($" f{pool.FilterSize} s{pool.Stride}");
                        break;
                    case GlobalPool2DSpec globalPool:
                        text.Append(globalPool.Mode == PoolMode.Max ? "globalmaxpool2d" : "globalavgpool2d");
                        break;
                    case ShortcutSpec marker:
                        text.Append("shortcut ").Append(marker.Name);
                        break;
                    case AddShortcutSpec add:
                        text.Append("add ").Append(add.Name).Append(add.ProjectionConv is { } projection ? $" projection s{projection.Stride}" : string.Empty);
                        break;
                    case DropoutSpec dropout:
                        text.Append("dropout ").Append(dropout.Rate.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case BatchNorm2DSpec norm:
                        text.Append("batchnorm2d eps ").Append(norm.Epsilon.ToString("R", CultureInfo.InvariantCulture))
                            .Append(" momentum ").Append(norm.Momentum.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case ZeroPad2DSpec pad:
                        text.Append($"zeropad2d p{pad.Pad}");
                        break;
                    case ReLUSpec:
                        text.Append("relu");
                        break;
                    case ActivationSpec { Kind: ActivationKind.LeakyReLU } leaky:
                        text.Append("leakyrelu ").Append(leaky.Slope.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case ActivationSpec activation:
                        text.Append(activation.Kind.ToString().ToLowerInvariant());
                        break;
                    case FlattenSpec:
                        text.Append("flatten");
                        break;
                    case DenseSpec:
                        text.Append("dense");
                        break;
                    case SoftmaxCrossEntropySpec:
                        text.Append("softmax-ce");
                        break;
                }

                text.Append(" -> ").Append(Shape(layer.Spec.Output));
            }

            return text.ToString();
        }

        private static string Shape(FeatureMapShape shape) =>
            string.Format(CultureInfo.InvariantCulture, "{0}x{1}x{2}", shape.Height, shape.Width, shape.Channels);

        private static string Literal(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
