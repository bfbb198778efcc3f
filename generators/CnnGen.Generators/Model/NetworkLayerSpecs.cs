namespace CnnGen.Generators.Model
{
    /// <summary>The rectified linear unit, <c>[ReLU]</c>: element-wise <c>max(x, 0)</c>; the output has the input's shape.</summary>
    internal sealed record ReLUSpec(TargetTypeSpec Target, FeatureMapShape InputShape) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;
    }

    /// <summary>The element-wise activations besides ReLU, each an attribute of its own.</summary>
    internal enum ActivationKind
    {
        /// <summary><c>[ReLU6]</c>: <c>min(max(x, 0), 6)</c>.</summary>
        ReLU6,

        /// <summary><c>[LeakyReLU(slope)]</c>: <c>x &gt; 0 ? x : slope · x</c>.</summary>
        LeakyReLU,

        /// <summary><c>[Sigmoid]</c>: <c>1 / (1 + e^−x)</c>.</summary>
        Sigmoid,

        /// <summary><c>[Tanh]</c>: <c>tanh(x)</c>.</summary>
        Tanh,
    }

    /// <summary>
    /// An element-wise activation other than ReLU (<see cref="ActivationKind"/>); the output has the input's shape.
    /// <see cref="Slope"/> is the leaky ReLU's, 0 for the others.
    /// </summary>
    internal sealed record ActivationSpec(TargetTypeSpec Target, FeatureMapShape InputShape, ActivationKind Kind, double Slope) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;
    }

    /// <summary>
    /// Global pooling, <c>[GlobalAvgPool2D]</c> or <c>[GlobalMaxPool2D]</c>: each channel pooled over every pixel of the
    /// example, so the output is 1×1×C.
    /// </summary>
    internal sealed record GlobalPool2DSpec(TargetTypeSpec Target, FeatureMapShape InputShape, PoolMode Mode) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => new(1, 1, InputShape.Channels);

        /// <summary>The pixels each channel pools over, H·W.</summary>
        public int Pixels => InputShape.Height * InputShape.Width;

        /// <summary>The attribute's name without its suffix: <c>GlobalAvgPool2D</c> or <c>GlobalMaxPool2D</c>.</summary>
        public string Kind => Mode == PoolMode.Max ? "GlobalMaxPool2D" : "GlobalAvgPool2D";
    }

    /// <summary>
    /// 2-D batch normalization, <c>[BatchNorm2D]</c>: per channel, with a learnable scale and shift (γ, β) and running
    /// statistics (mean, variance); the output has the input's shape.
    /// </summary>
    internal sealed record BatchNorm2DSpec(TargetTypeSpec Target, FeatureMapShape InputShape, double Epsilon, double Momentum) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;

        /// <summary>The channel count: the length of γ, β and each running statistic.</summary>
        public int Channels => InputShape.Channels;

        /// <summary>The pixels of one example, H·W.</summary>
        public int Pixels => InputShape.Height * InputShape.Width;
    }

    /// <summary>
    /// Dropout, <c>[Dropout(rate)]</c>: in training, values zeroed with probability <see cref="Rate"/> and the others scaled
    /// by 1 / (1 − rate); in evaluation, the identity. The output has the input's shape.
    /// </summary>
    internal sealed record DropoutSpec(TargetTypeSpec Target, FeatureMapShape InputShape, double Rate) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;
    }

    /// <summary>
    /// <c>[Shortcut(name)]</c> in a network: marks the activation here as the start of a residual connection. It computes
    /// nothing; its output is its input.
    /// </summary>
    internal sealed record ShortcutSpec(TargetTypeSpec Target, FeatureMapShape InputShape, string Name) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;
    }

    /// <summary>
    /// <c>[AddShortcut(name)]</c> in a network: the activation here plus the one kept at layer <see cref="ShortcutLayer"/>
    /// (of shape <see cref="ShortcutShape"/>), through <see cref="ProjectionConv"/> and <see cref="ProjectionNorm"/> when
    /// they are set (a 1×1 convolution without bias and a batch normalization). The output has the input's shape.
    /// </summary>
    internal sealed record AddShortcutSpec(
        TargetTypeSpec Target,
        FeatureMapShape InputShape,
        string Name,
        int ShortcutLayer,
        FeatureMapShape ShortcutShape,
        Conv2DSpec? ProjectionConv,
        BatchNorm2DSpec? ProjectionNorm) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;

        public bool HasProjection => ProjectionConv is not null;
    }

    /// <summary>
    /// <c>[Flatten]</c>: reads an NHWC example as one vector. In NHWC the values are already in that order,
    /// so the layer is the identity on the flat span and only the shape changes to 1×1×(H·W·C).
    /// </summary>
    internal sealed record FlattenSpec(TargetTypeSpec Target, FeatureMapShape InputShape) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => new(1, 1, InputShape.Length);
    }

    /// <summary>
    /// A fully connected layer, <c>[Dense(units)]</c>: <c>y = x·W + b</c> with <c>W</c> laid out
    /// (inputLength, units) row-major. Any input shape is read as a flat vector of its NHWC values.
    /// </summary>
    internal sealed record DenseSpec(TargetTypeSpec Target, FeatureMapShape InputShape, int Units) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => new(1, 1, Units);

        /// <summary>The number of weights: inputLength·units.</summary>
        public int WeightsLength => InputShape.Length * Units;
    }

    /// <summary>
    /// The fused softmax and cross-entropy loss, <c>[SoftmaxCrossEntropy]</c>: each example's values are the
    /// logits of <c>Classes</c> classes; the output is their probabilities.
    /// </summary>
    internal sealed record SoftmaxCrossEntropySpec(TargetTypeSpec Target, FeatureMapShape InputShape) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;

        /// <summary>The number of classes: every value of one example is one logit.</summary>
        public int Classes => InputShape.Length;
    }
}
