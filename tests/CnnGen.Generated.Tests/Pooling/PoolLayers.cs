namespace CnnGen.Generated.Tests.Pooling;

/// <summary>The notebook's average pool, stride 2: pool_forward(A_prev (2,5,5,3), f 3, stride 2, mode "average").</summary>
[AvgPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class SeedAvgPool { }

/// <summary>The notebook's max pool, stride 1: pool_forward(A_prev (2,5,5,3), f 3, stride 1).</summary>
[MaxPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class SeedMaxPoolStride1 { }

/// <summary>The notebook's average pool, stride 1.</summary>
[AvgPool2D(f: 3, stride: 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class SeedAvgPoolStride1 { }

/// <summary>Zero padding by 2 of the notebook's 5×7×4 activations.</summary>
[ZeroPad2D(2, InputHeight = 5, InputWidth = 7, InputChannels = 4)]
public partial class SeedZeroPad { }
