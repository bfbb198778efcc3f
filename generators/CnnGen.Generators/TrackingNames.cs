namespace CnnGen.Generators
{
    /// <summary>
    /// Names of the incremental pipeline's steps. The tests read these to assert that each step's output
    /// is cached across edits that do not concern it.
    /// </summary>
    internal static class TrackingNames
    {
        public const string Conv2DLayers = nameof(Conv2DLayers);
        public const string MaxPool2DLayers = nameof(MaxPool2DLayers);
        public const string AvgPool2DLayers = nameof(AvgPool2DLayers);
        public const string ZeroPad2DLayers = nameof(ZeroPad2DLayers);
        public const string Networks = nameof(Networks);
        public const string NetworkSpecs = nameof(NetworkSpecs);
        public const string ReLULayers = nameof(ReLULayers);
        public const string ReLU6Layers = nameof(ReLU6Layers);
        public const string BatchNorm2DLayers = nameof(BatchNorm2DLayers);
        public const string DropoutLayers = nameof(DropoutLayers);
        public const string ResidualMarkers = nameof(ResidualMarkers);
        public const string GlobalAvgPool2DLayers = nameof(GlobalAvgPool2DLayers);
        public const string GlobalMaxPool2DLayers = nameof(GlobalMaxPool2DLayers);
        public const string LeakyReLULayers = nameof(LeakyReLULayers);
        public const string SigmoidLayers = nameof(SigmoidLayers);
        public const string TanhLayers = nameof(TanhLayers);
        public const string FlattenLayers = nameof(FlattenLayers);
        public const string DenseLayers = nameof(DenseLayers);
        public const string SoftmaxCrossEntropyLayers = nameof(SoftmaxCrossEntropyLayers);
        public const string Specs = nameof(Specs);
        public const string Diagnostics = nameof(Diagnostics);
    }
}
