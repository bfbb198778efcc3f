namespace CnnGen.Benchmarks.Layers;

// The layers the suite measures, declared the way a user of CnnGen declares them. The generator gives each
// class its shape constants, its static Forward/Backward kernels and the layer contract (IParallelWeightedLayer<T>,
// IParallelUnweightedLayer<T>) the suites call them through. The suites read the shapes back through that contract
// and the window from the generated FilterSize, Stride and Pad, so each shape is written down exactly once.

/// <summary>The notebook's convolution: input 5×7×4, eight 3×3 filters, stride 2, pad 1 (batch 2 in the suite).</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
public partial class NotebookConv { }

/// <summary>The notebook's max pool: input 5×5×3, 3×3 windows, stride 2.</summary>
[MaxPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class NotebookMaxPoolStride2 { }

/// <summary>The notebook's max pool: input 5×5×3, 3×3 windows, stride 1.</summary>
[MaxPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class NotebookMaxPoolStride1 { }

/// <summary>The notebook's average pool: input 5×5×3, 3×3 windows, stride 2.</summary>
[AvgPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class NotebookAvgPoolStride2 { }

/// <summary>The notebook's average pool: input 5×5×3, 3×3 windows, stride 1.</summary>
[AvgPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class NotebookAvgPoolStride1 { }

/// <summary>A mid-network layer: 32×32×16 → 32×32×32, 3×3, stride 1, pad 1 (batch 32: 0.302 GFLOP forward).</summary>
[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 32, InputWidth = 32, InputChannels = 16, Filters = 32)]
public partial class MidConv { }

/// <summary>A first layer on grey images: 28×28×1 → 28×28×8, 5×5, stride 1, pad 2.</summary>
[Conv2D(f: 5, stride: 1, pad: 2, InputHeight = 28, InputWidth = 28, InputChannels = 1, Filters = 8)]
public partial class FirstConv { }

/// <summary>A down-sampling layer: 56×56×64 → 28×28×64, 3×3, stride 2, pad 1.</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 64)]
public partial class StridedConv { }

/// <summary>A batch normalization after ResNet-18's first stage: 56×56×64 (batch 8 in the suite).</summary>
[BatchNorm2D(InputHeight = 56, InputWidth = 56, InputChannels = 64)]
public partial class StageNorm { }

/// <summary>ResNet-18's head: global average pooling of 7×7×512 (batch 32 in the suite).</summary>
[GlobalAvgPool2D(InputHeight = 7, InputWidth = 7, InputChannels = 512)]
public partial class HeadPool { }
