namespace CnnGen.Generated.Tests.Network;

/// <summary>The sample's digits network, in float (the default precision).</summary>
[Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
[Conv2D(f: 3, pad: 1, Filters = 16)]
[ReLU]
[MaxPool2D(f: 2, stride: 2)]
[Conv2D(f: 3, pad: 1, Filters = 32)]
[ReLU]
[MaxPool2D(f: 2, stride: 2)]
[Flatten]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class DigitsNet { }

/// <summary>The same architecture in double, for gradient checks.</summary>
[Network(InputHeight = 8, InputWidth = 8, InputChannels = 1, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 16)]
[ReLU]
[MaxPool2D(f: 2, stride: 2)]
[Conv2D(f: 3, pad: 1, Filters = 32)]
[ReLU]
[MaxPool2D(f: 2, stride: 2)]
[Flatten]
[Dense(10)]
[SoftmaxCrossEntropy]
public partial class DigitsNetDouble { }
