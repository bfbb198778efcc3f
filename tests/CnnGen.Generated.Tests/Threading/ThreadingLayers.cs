namespace CnnGen.Generated.Tests.Threading;

// The layers the batch-parallel overloads are tested on, each chosen for a different emitted code path.

/// <summary>The notebook's convolution: strided and padded, a flipped filter small enough for the stack.</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
public partial class ShardedNotebookConv { }

/// <summary>One input channel: the input gradient reduces across C_out lanes instead of running over C_in.</summary>
[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 6, InputWidth = 6, InputChannels = 1, Filters = 16)]
public partial class ShardedNarrowConv { }

/// <summary>A flipped filter too big for the stack (9216 weights): the single-thread overload rents it from the array pool.</summary>
[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 4, InputWidth = 4, InputChannels = 32, Filters = 32)]
public partial class ShardedWideConv { }

/// <summary>Stride 3 without padding drops the last input row and column; odd channel counts leave scalar tails.</summary>
[Conv2D(f: 2, stride: 3, pad: 0, InputHeight = 8, InputWidth = 7, InputChannels = 3, Filters = 5)]
public partial class ShardedStridedConv { }

/// <summary>The notebook's max pool, stride 2.</summary>
[MaxPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class ShardedMaxPool { }

/// <summary>An average pool whose windows overlap (stride 1), so its backward adds several gradients into one input.</summary>
[AvgPool2D(f: 2, stride: 1, InputHeight = 6, InputWidth = 6, InputChannels = 5)]
public partial class ShardedAvgPool { }

/// <summary>Zero padding by 2.</summary>
[ZeroPad2D(2, InputHeight = 5, InputWidth = 7, InputChannels = 4)]
public partial class ShardedZeroPad { }
