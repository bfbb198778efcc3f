namespace CnnGen.Generated.Tests.Layers;

/// <summary>The notebook's convolution: conv_forward(A_prev (2,5,7,4), W (3,3,4,8), pad 1, stride 2).</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
public partial class SeedConv { }

/// <summary>The notebook's max pool, stride 2: pool_forward(A_prev (2,5,5,3), f 3, stride 2).</summary>
[MaxPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
public partial class SeedMaxPool { }
