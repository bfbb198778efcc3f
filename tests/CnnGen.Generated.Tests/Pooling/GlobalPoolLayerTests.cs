using System.Numerics;
using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>ResNet-18's head: 7×7×512 (32 Vector512 floats, 64 doubles, in blocks of four).</summary>
[GlobalAvgPool2D(InputHeight = 7, InputWidth = 7, InputChannels = 512)]
public partial class ResNetHeadAverage { }

/// <summary>Three channels: scalars only.</summary>
[GlobalAvgPool2D(InputHeight = 3, InputWidth = 5, InputChannels = 3)]
public partial class ThreeChannelAverage { }

/// <summary>One pixel: the identity.</summary>
[GlobalAvgPool2D(InputHeight = 1, InputWidth = 1, InputChannels = 9)]
public partial class OnePixelAverage { }

/// <summary>71 channels: four-vector blocks, single vectors of narrower widths and a scalar tail in both element types.</summary>
[GlobalAvgPool2D(InputHeight = 4, InputWidth = 6, InputChannels = 71)]
public partial class OddAverage { }

[GlobalMaxPool2D(InputHeight = 7, InputWidth = 7, InputChannels = 512)]
public partial class ResNetHeadMax { }

[GlobalMaxPool2D(InputHeight = 3, InputWidth = 5, InputChannels = 3)]
public partial class ThreeChannelMax { }

[GlobalMaxPool2D(InputHeight = 4, InputWidth = 6, InputChannels = 71)]
public partial class OddMax { }

/// <summary>A small residual-free classifier head in double: convolutions, global average pooling straight into a dense layer.</summary>
[Network(InputHeight = 6, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 6)]
[ReLU]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 9)]
[GlobalAvgPool2D]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class GlobalAverageNet { }

/// <summary>The same with global max pooling.</summary>
[Network(InputHeight = 6, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 6)]
[Tanh]
[GlobalMaxPool2D]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class GlobalMaxNet { }

public class GlobalPoolLayerTests
{
    [Fact]
    public void Shape_constants_follow_the_attributes_and_networks()
    {
        Assert.Equal(49, ResNetHeadAverage.Pixels);
        Assert.Equal(512, ResNetHeadAverage.OutputLength);
        Assert.Equal((1, 1, 71), (OddMax.OutputHeight, OddMax.OutputWidth, OddMax.OutputChannels));
        Assert.Contains("| globalavgpool2d -> 1x1x9 | dense -> 1x1x4 |", GlobalAverageNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| globalmaxpool2d -> 1x1x6 |", GlobalMaxNet.Architecture, StringComparison.Ordinal);
        Assert.Equal(2 * 3 * 3 * 6 + 6 + 6 * 3 * 3 * 9 + 9 + 9 * 4 + 4, GlobalAverageNet.ParameterCount);
    }

    [Fact]
    public void Generated_layers_equal_the_generic_kernels()
    {
        Check<ResNetHeadAverage, float>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<ResNetHeadAverage, double>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<ThreeChannelAverage, float>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<OnePixelAverage, double>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<OddAverage, float>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<OddAverage, double>(GlobalAvgPool2DKernels.Forward, GlobalAvgPool2DKernels.Backward);
        Check<ResNetHeadMax, float>(GlobalMaxPool2DKernels.Forward, GlobalMaxPool2DKernels.Backward);
        Check<ResNetHeadMax, double>(GlobalMaxPool2DKernels.Forward, GlobalMaxPool2DKernels.Backward);
        Check<ThreeChannelMax, double>(GlobalMaxPool2DKernels.Forward, GlobalMaxPool2DKernels.Backward);
        Check<OddMax, float>(GlobalMaxPool2DKernels.Forward, GlobalMaxPool2DKernels.Backward);
        Check<OddMax, double>(GlobalMaxPool2DKernels.Forward, GlobalMaxPool2DKernels.Backward);
    }

    [Fact]
    public void Generated_layers_refuse_spans_that_are_not_a_whole_batch()
    {
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => OddAverage.Forward(new float[1705], new float[71])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => OddMax.Forward(new double[1704], new double[70])).ParamName);
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => OddMax.Backward(new float[72], new float[1704], new float[1704])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => ThreeChannelAverage.Backward(new double[3], new double[45], new double[44])).ParamName);
        float[] shared = new float[45];
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => ThreeChannelMax.Backward(new float[3], shared, shared)).ParamName);
    }

    [Fact]
    public void Networks_with_global_pooling_have_the_gradient_of_finite_differences()
    {
        var average = new GlobalAverageNet(3, seed: 5);
        CheckGradient(
            nameof(GlobalAverageNet), GlobalAverageNet.InputLength, GlobalAverageNet.ClassCount, (x, y) => average.ComputeGradients(x, y),
            () => average.Gradients.ToArray(), (i, value) => average.Parameters[i] = value, i => average.Parameters[i], (x, y) => average.Forward(x, y));
        var max = new GlobalMaxNet(3, seed: 6);
        CheckGradient(
            nameof(GlobalMaxNet), GlobalMaxNet.InputLength, GlobalMaxNet.ClassCount, (x, y) => max.ComputeGradients(x, y),
            () => max.Gradients.ToArray(), (i, value) => max.Parameters[i] = value, i => max.Parameters[i], (x, y) => max.Forward(x, y));
    }

    private static void CheckGradient(
        string name,
        int inputLength,
        int classes,
        Action<double[], int[]> computeGradients,
        Func<double[]> gradients,
        Action<int, double> set,
        Func<int, double> get,
        Func<double[], int[], double> loss)
    {
        double[] inputs = NetworkTestData.Inputs<double>(3 * inputLength, 41);
        int[] labels = NetworkTestData.Labels(3, classes, 42);
        computeGradients(inputs, labels);
        double[] analytic = gradients();

        FiniteDifferences.Check($"{name} parameter", analytic, 3, get, set, () => loss(inputs, labels));
    }

    private static void Check<TLayer, T>(Kernel<T> forward, GradientKernel<T> backward)
        where TLayer : IUnweightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geometry = new GlobalPool2DGeometry(TLayer.InputHeight, TLayer.InputWidth, TLayer.InputChannels);
        const int batch = 3;
        T[] input = NetworkTestData.Inputs<T>(batch * TLayer.InputLength, 7);
        input[2] = T.NaN;
        input[^5] = T.NegativeInfinity;
        T[] gradient = NetworkTestData.Inputs<T>(batch * TLayer.OutputLength, 8);
        T[] output = new T[batch * TLayer.OutputLength], expected = new T[output.Length];
        T[] inputGradient = new T[input.Length], expectedGradient = new T[input.Length];

        TLayer.Forward(input, output);
        TLayer.Backward(gradient, input, inputGradient);
        forward(geometry, input, expected);
        backward(geometry, gradient, input, expectedGradient);

        Assert.Equal(expected, output);
        Assert.Equal(expectedGradient, inputGradient);
    }

    private delegate void Kernel<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output);

    private delegate void GradientKernel<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);
}
