namespace CnnGen.Generated.Tests.Contract;

// Small layers of every kind, for the span-overlap contract of the generated public wrappers.

/// <summary>3×3×2 → 2×2×2: 18 inputs, 8 outputs, 16 weights, 2 biases per example.</summary>
[Conv2D(f: 2, InputHeight = 3, InputWidth = 3, InputChannels = 2, Filters = 2)]
public partial class OverlapConv { }

[MaxPool2D(f: 2, stride: 2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
public partial class OverlapMaxPool { }

[AvgPool2D(f: 2, stride: 2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
public partial class OverlapAvgPool { }

[ZeroPad2D(1, InputHeight = 2, InputWidth = 2, InputChannels = 1)]
public partial class OverlapZeroPad { }

[Dense(3, InputLength = 4)]
public partial class OverlapDense { }

[ReLU(InputChannels = 6)]
public partial class OverlapReLU { }

[Flatten(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
public partial class OverlapFlatten { }

[SoftmaxCrossEntropy(Classes = 3)]
public partial class OverlapLoss { }

/// <summary>
/// A network that leans on every buffer reuse the network emitter does: ReLU first (in place on the copied inputs),
/// ReLU after a pool, Flatten handing its buffer on, and Dense → ReLU → Dense.
/// </summary>
[Network(InputHeight = 4, InputWidth = 4, InputChannels = 2, Precision = NetworkPrecision.Double)]
[ReLU]
[ZeroPad2D(1)]
[Conv2D(f: 3, Filters = 3)]
[AvgPool2D(f: 2, stride: 2)]
[ReLU]
[Flatten]
[Dense(5)]
[ReLU]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class BufferReuseNet { }
