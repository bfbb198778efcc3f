namespace CnnGen.Generators.Model
{
    /// <summary>The shape of one example of an NHWC activation: height, width, channels.</summary>
    internal readonly record struct FeatureMapShape(int Height, int Width, int Channels)
    {
        /// <summary>The number of values in one example.</summary>
        public int Length => Height * Width * Channels;

        public override string ToString() => $"{Height}×{Width}×{Channels}";
    }

    /// <summary>A layer declared by one attribute, validated and ready to emit. Holds no Roslyn objects.</summary>
    internal abstract record LayerSpec(TargetTypeSpec Target)
    {
        /// <summary>The input shape of one example.</summary>
        public abstract FeatureMapShape Input { get; }

        /// <summary>The output shape of one example.</summary>
        public abstract FeatureMapShape Output { get; }

        /// <summary>
        /// The element types the layer's members are emitted for: both for a layer class; only the network's for a layer
        /// nested in a network, which computes in that one type (the other would be half of the network's text, unused).
        /// </summary>
        public ElementTypeSet Elements { get; init; } = ElementTypeSet.Both;

        /// <summary>Whether members for the element type written <paramref name="keyword"/> (<c>float</c> or <c>double</c>) are emitted.</summary>
        public bool Emits(string keyword) =>
            (Elements & (keyword == "float" ? ElementTypeSet.Single : ElementTypeSet.Double)) != 0;
    }

    /// <summary>The element types a layer is emitted for.</summary>
    [System.Flags]
    internal enum ElementTypeSet
    {
        /// <summary><c>float</c>.</summary>
        Single = 1,

        /// <summary><c>double</c>.</summary>
        Double = 2,

        /// <summary><c>float</c> and <c>double</c>.</summary>
        Both = Single | Double,
    }

    /// <summary>A 2-D convolution: <c>[Conv2D(f, stride, pad, InputHeight, InputWidth, InputChannels, Filters)]</c>.</summary>
    internal sealed record Conv2DSpec(
        TargetTypeSpec Target,
        FeatureMapShape InputShape,
        int Filters,
        int FilterSize,
        int Stride,
        int Pad,
        bool HasBias = true) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        /// <summary>The number of biases: one per filter, or none for <c>Bias = false</c> (a convolution before a batch normalization).</summary>
        public int BiasLength => HasBias ? Filters : 0;

        public override FeatureMapShape Output => new(
            LayerGeometry.OutputSize(InputShape.Height, FilterSize, Stride, Pad),
            LayerGeometry.OutputSize(InputShape.Width, FilterSize, Stride, Pad),
            Filters);

        /// <summary>The number of weights: f·f·C_in·C_out.</summary>
        public int WeightsLength => FilterSize * FilterSize * InputShape.Channels * Filters;
    }

    /// <summary>Which reduction a pooling layer applies over its window.</summary>
    internal enum PoolMode
    {
        Max,
        Average,
    }

    /// <summary>A 2-D pooling layer: <c>[MaxPool2D(f, stride, ...)]</c> or <c>[AvgPool2D(f, stride, ...)]</c>.</summary>
    internal sealed record Pool2DSpec(
        TargetTypeSpec Target,
        PoolMode Mode,
        FeatureMapShape InputShape,
        int FilterSize,
        int Stride) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => new(
            LayerGeometry.OutputSize(InputShape.Height, FilterSize, Stride, 0),
            LayerGeometry.OutputSize(InputShape.Width, FilterSize, Stride, 0),
            InputShape.Channels);
    }

    /// <summary>A zero-padding layer: <c>[ZeroPad2D(pad, ...)]</c>.</summary>
    internal sealed record ZeroPad2DSpec(
        TargetTypeSpec Target,
        FeatureMapShape InputShape,
        int Pad) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => new(InputShape.Height + 2 * Pad, InputShape.Width + 2 * Pad, InputShape.Channels);
    }
}
