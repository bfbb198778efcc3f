namespace CnnGen.Generated.Tests.Architectures;

/// <summary>
/// torchvision's ResNet-18 on 224×224×3 images, declared on one class: a 7×7 stride-2 stem, four stages of two basic
/// blocks (64, 128, 256 and 512 channels; each later stage starts at stride 2 with a 1×1 projection shortcut), global
/// average pooling and a 1000-way classifier. Convolutions before a batch normalization have no bias, as in torchvision.
/// The stem's 3×3 stride-2 max pool pads by 1: after a ReLU every value is at least 0, so zero padding cannot win a max
/// and <c>[ZeroPad2D(1)]</c> followed by <c>[MaxPool2D]</c> computes what a padded max pool computes.
/// </summary>
[Network(InputHeight = 224, InputWidth = 224, InputChannels = 3)]
[Conv2D(f: 7, stride: 2, pad: 3, Filters = 64, Bias = false)]
[BatchNorm2D]
[ReLU]
[ZeroPad2D(1)]
[MaxPool2D(f: 3, stride: 2)]
// Stage 1: 56×56×64.
[Shortcut("1a")]
[Conv2D(f: 3, pad: 1, Filters = 64, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 64, Bias = false), BatchNorm2D]
[AddShortcut("1a"), ReLU]
[Shortcut("1b")]
[Conv2D(f: 3, pad: 1, Filters = 64, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 64, Bias = false), BatchNorm2D]
[AddShortcut("1b"), ReLU]
// Stage 2: 28×28×128.
[Shortcut("2a")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 128, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 128, Bias = false), BatchNorm2D]
[AddShortcut("2a", Projection = true), ReLU]
[Shortcut("2b")]
[Conv2D(f: 3, pad: 1, Filters = 128, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 128, Bias = false), BatchNorm2D]
[AddShortcut("2b"), ReLU]
// Stage 3: 14×14×256.
[Shortcut("3a")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 256, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 256, Bias = false), BatchNorm2D]
[AddShortcut("3a", Projection = true), ReLU]
[Shortcut("3b")]
[Conv2D(f: 3, pad: 1, Filters = 256, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 256, Bias = false), BatchNorm2D]
[AddShortcut("3b"), ReLU]
// Stage 4: 7×7×512.
[Shortcut("4a")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 512, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 512, Bias = false), BatchNorm2D]
[AddShortcut("4a", Projection = true), ReLU]
[Shortcut("4b")]
[Conv2D(f: 3, pad: 1, Filters = 512, Bias = false), BatchNorm2D, ReLU]
[Conv2D(f: 3, pad: 1, Filters = 512, Bias = false), BatchNorm2D]
[AddShortcut("4b"), ReLU]
[GlobalAvgPool2D]
[Dense(1000)]
[SoftmaxCrossEntropy]
public partial class ResNet18 { }

public class ResNet18Tests
{
    [Fact]
    public void The_parameter_count_is_torchvisions()
    {
        // torchvision's resnet18().parameters(): weights, batch-norm scales and shifts, and the classifier's bias.
        Assert.Equal(11_689_512, ResNet18.ParameterCount);

        // The batch normalizations' running means and variances (20 layers, 4,800 channels): PyTorch's buffers without its
        // 20 num_batches_tracked counters, which CnnGen does not keep.
        Assert.Equal(2 * 4_800, ResNet18.StateCount);
        Assert.Equal(1000, ResNet18.ClassCount);
    }

    [Fact]
    public void The_shapes_are_torchvisions()
    {
        Assert.Contains("in 224x224x3 | conv2d f7 s2 p3 nobias -> 112x112x64 |", ResNet18.Architecture, StringComparison.Ordinal);
        Assert.Contains("| maxpool2d f3 s2 -> 56x56x64 |", ResNet18.Architecture, StringComparison.Ordinal);
        Assert.Contains("| add 2a projection s2 -> 28x28x128 |", ResNet18.Architecture, StringComparison.Ordinal);
        Assert.Contains("| add 3a projection s2 -> 14x14x256 |", ResNet18.Architecture, StringComparison.Ordinal);
        Assert.Contains("| add 4a projection s2 -> 7x7x512 |", ResNet18.Architecture, StringComparison.Ordinal);
        Assert.Contains("| globalavgpool2d -> 1x1x512 | dense -> 1x1x1000 |", ResNet18.Architecture, StringComparison.Ordinal);
    }

    [Fact]
    public void One_image_runs_forward_in_evaluation_mode()
    {
        using var net = new ResNet18(1, seed: 1) { Training = false };
        float[] image = Network.NetworkTestData.Inputs<float>(ResNet18.InputLength, 2);
        float[] probabilities = net.Forward(image).ToArray();
        Assert.Equal(1000, probabilities.Length);
        Assert.All(probabilities, p => Assert.True(float.IsFinite(p) && p >= 0));
        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 4);
    }
}
