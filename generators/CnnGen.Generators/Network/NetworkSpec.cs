using CnnGen.Generators.Model;

namespace CnnGen.Generators.Network
{
    /// <summary>One layer of a network: its position (1-based), its attribute's name without "Attribute", and its spec.</summary>
    internal sealed record NetworkLayer(int Number, string Kind, LayerSpec Spec)
    {
        /// <summary>The name of the nested static class that holds this layer's kernels, for example <c>Layer1Conv2D</c>.</summary>
        public string ClassName => "Layer" + Number + Kind;

        /// <summary>The prefix of this layer's public constants on the network class, for example <c>Layer1</c>.</summary>
        public string Prefix => "Layer" + Number;

        /// <summary>The number of weights, or 0 for a layer without parameters.</summary>
        public int WeightsLength => Spec switch
        {
            Conv2DSpec conv => conv.WeightsLength,
            DenseSpec dense => dense.WeightsLength,
            BatchNorm2DSpec norm => norm.Channels,
            AddShortcutSpec { ProjectionConv: { } conv } => conv.WeightsLength + conv.Filters,
            _ => 0,
        };

        /// <summary>The number of biases, or 0 for a layer without parameters.</summary>
        public int BiasLength => Spec switch
        {
            Conv2DSpec conv => conv.BiasLength,
            DenseSpec dense => dense.Units,
            BatchNorm2DSpec norm => norm.Channels,
            AddShortcutSpec { ProjectionConv: { } conv } => conv.Filters,
            _ => 0,
        };

        /// <summary>
        /// The values of state this layer keeps besides its parameters, or 0: a batch normalization's running mean and running
        /// variance, <c>Channels</c> each. Not trained, but saved and loaded with the parameters.
        /// </summary>
        public int StateLength => Spec switch
        {
            BatchNorm2DSpec norm => 2 * norm.Channels,
            AddShortcutSpec { ProjectionConv: { } conv } => 2 * conv.Filters,
            _ => 0,
        };

        /// <summary>The fan-in of one output unit (what He initialization scales by), or 0 without parameters.</summary>
        public int FanIn => Spec switch
        {
            Conv2DSpec conv => conv.FilterSize * conv.FilterSize * conv.Input.Channels,
            DenseSpec dense => dense.Input.Length,
            AddShortcutSpec { ProjectionConv: { } conv } => conv.Input.Channels,
            _ => 0,
        };

        public bool HasParameters => WeightsLength > 0;

        /// <summary>Whether the parameters are weights and biases that He initialization draws (not a batch normalization's scale and shift).</summary>
        public bool IsHeInitialized => Spec is Conv2DSpec or DenseSpec;
    }

    /// <summary>
    /// A whole network declared on one partial class: the class, its element type, its input shape and its
    /// layers in source order, each already given the shape its predecessor produces. Only valid networks
    /// become specs; a network with errors yields diagnostics instead.
    /// </summary>
    internal sealed record NetworkSpec(TargetTypeSpec Target, bool IsDouble, FeatureMapShape Input, EquatableArray<NetworkLayer> Layers)
    {
        /// <summary>The element type's C# keyword.</summary>
        public string ElementType => IsDouble ? "double" : "float";

        /// <summary>The last layer: the loss.</summary>
        public NetworkLayer Loss => Layers[Layers.Count - 1];

        /// <summary>The number of classes: the loss layer's values per example.</summary>
        public int Classes => Loss.Spec.Input.Length;
    }

    /// <summary>What parsing one [Network] class yields: a spec when it is valid, and its diagnostics.</summary>
    internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
}
