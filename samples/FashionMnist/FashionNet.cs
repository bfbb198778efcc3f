using CnnGen;

namespace FashionMnistSample;

/// <summary>
/// A small residual network for 28×28 grey-scale Fashion-MNIST images: a 3×3 stem, three basic residual blocks of 32,
/// 64 and 128 channels (the last two halving the resolution, with projection shortcuts), global average pooling and a
/// dense classifier. The CnnGen generator turns these attributes into the class's constants, buffers, TrainStep,
/// Predict, Save and Load, with every layer specialized to the shapes that flow from the 28×28×1 input.
/// </summary>
/// <remarks>
/// The convolutions before a batch normalization have no bias: the normalization subtracts the mean, which would cancel it.
/// </remarks>
[Network(InputHeight = 28, InputWidth = 28, InputChannels = 1)]
[Conv2D(f: 3, pad: 1, Filters = 32, Bias = false)]              // 28×28×1 → 28×28×32
[BatchNorm2D]
[ReLU]
// Block 1: identity shortcut, 28×28×32.
[Shortcut("b1")]
[Conv2D(f: 3, pad: 1, Filters = 32, Bias = false)]
[BatchNorm2D]
[ReLU]
[Conv2D(f: 3, pad: 1, Filters = 32, Bias = false)]
[BatchNorm2D]
[AddShortcut("b1")]
[ReLU]
// Block 2: 28×28×32 → 14×14×64, the shortcut projected (1×1 convolution, stride 2, and a batch normalization).
[Shortcut("b2")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 64, Bias = false)]
[BatchNorm2D]
[ReLU]
[Conv2D(f: 3, pad: 1, Filters = 64, Bias = false)]
[BatchNorm2D]
[AddShortcut("b2", Projection = true)]
[ReLU]
// Block 3: 14×14×64 → 7×7×128, projected likewise.
[Shortcut("b3")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 128, Bias = false)]
[BatchNorm2D]
[ReLU]
[Conv2D(f: 3, pad: 1, Filters = 128, Bias = false)]
[BatchNorm2D]
[AddShortcut("b3", Projection = true)]
[ReLU]
[GlobalAvgPool2D]                                                // → 128
[Dense(10)]                                                      // → 10 logits
[SoftmaxCrossEntropy]
public partial class FashionNet { }
