using CnnGen;

namespace Digits;

/// <summary>
/// A small convolutional network for 8×8 grey-scale digits. The CnnGen generator turns these attributes into the
/// class's constants, buffers, Forward, Backward, TrainStep, Predict, Save and Load, with every layer's kernel
/// specialized to the shapes that flow from the 8×8×1 input.
/// </summary>
[Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
[Conv2D(f: 3, pad: 1, Filters = 16)]   // 8×8×1  → 8×8×16
[ReLU]
[MaxPool2D(f: 2, stride: 2)]           // → 4×4×16
[Conv2D(f: 3, pad: 1, Filters = 32)]   // → 4×4×32
[ReLU]
[MaxPool2D(f: 2, stride: 2)]           // → 2×2×32
[Flatten]                              // → 128
[Dense(10)]                            // → 10 logits
[SoftmaxCrossEntropy]
public partial class DigitsNet { }
