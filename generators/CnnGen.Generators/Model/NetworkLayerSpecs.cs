namespace CnnGen.Generators.Model
{
    /// <summary>The rectified linear unit, <c>[ReLU]</c>: element-wise <c>max(x, 0)</c>; the output has the input's shape.</summary>
    internal sealed record ReLUSpec(TargetTypeSpec Target, FeatureMapShape InputShape) : LayerSpec(Target)
    {
        public override FeatureMapShape Input => InputShape;

        public override FeatureMapShape Output => InputShape;
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
