using System.Numerics;

namespace CnnGen.Generated.Tests.Network;

/// <summary>Odd lengths (3·5·7 = 105), so the vector loops leave a scalar tail.</summary>
[ReLU6(InputHeight = 3, InputWidth = 5, InputChannels = 7)]
public partial class OddReLU6 { }

[LeakyReLU(0.2, InputHeight = 3, InputWidth = 5, InputChannels = 7)]
public partial class OddLeakyReLU { }

/// <summary>PyTorch's default slope.</summary>
[LeakyReLU(InputHeight = 1, InputWidth = 1, InputChannels = 9)]
public partial class DefaultLeakyReLU { }

[Sigmoid(InputHeight = 3, InputWidth = 5, InputChannels = 7)]
public partial class OddSigmoid { }

[Tanh(InputHeight = 3, InputWidth = 5, InputChannels = 7)]
public partial class OddTanh { }

/// <summary>Every activation inside one network, in double, for the whole-network gradient check.</summary>
[Network(InputHeight = 6, InputWidth = 6, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 4)]
[Tanh]
[Conv2D(f: 3, pad: 1, Filters = 5)]
[LeakyReLU(0.1)]
[MaxPool2D(f: 2, stride: 2)]
[Conv2D(f: 1, Filters = 6)]
[ReLU6]
[Flatten]
[Dense(12)]
[Sigmoid]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class ActivationNet { }

public class ActivationLayerTests
{
    [Fact]
    public void Shape_and_slope_constants_follow_the_attributes()
    {
        Assert.Equal(105, OddSigmoid.InputLength);
        Assert.Equal(105, OddTanh.OutputLength);
        Assert.Equal(0.2, OddLeakyReLU.Slope);
        Assert.Equal(0.01, DefaultLeakyReLU.Slope);
        Assert.Contains("| tanh -> 6x6x4 |", ActivationNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| leakyrelu 0.1 -> 6x6x5 |", ActivationNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| relu6 -> 3x3x6 |", ActivationNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| sigmoid -> 1x1x12 |", ActivationNet.Architecture, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_layers_equal_the_generic_kernels()
    {
        Check<OddReLU6, float>(ReLU6Kernels.Forward, ReLU6Kernels.Backward);
        Check<OddReLU6, double>(ReLU6Kernels.Forward, ReLU6Kernels.Backward);
        Check<OddLeakyReLU, float>((x, y) => LeakyReLUKernels.Forward(0.2f, x, y), (g, x, d) => LeakyReLUKernels.Backward(0.2f, g, x, d));
        Check<OddLeakyReLU, double>((x, y) => LeakyReLUKernels.Forward(0.2, x, y), (g, x, d) => LeakyReLUKernels.Backward(0.2, g, x, d));
        Check<DefaultLeakyReLU, double>((x, y) => LeakyReLUKernels.Forward(0.01, x, y), (g, x, d) => LeakyReLUKernels.Backward(0.01, g, x, d));
        Check<OddSigmoid, float>(SigmoidKernels.Forward, SigmoidKernels.Backward);
        Check<OddSigmoid, double>(SigmoidKernels.Forward, SigmoidKernels.Backward);
        Check<OddTanh, float>(TanhKernels.Forward, TanhKernels.Backward);
        Check<OddTanh, double>(TanhKernels.Forward, TanhKernels.Backward);
    }

    [Fact]
    public void Generated_layers_refuse_spans_that_are_not_a_whole_batch()
    {
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => OddTanh.Forward(new float[106], new float[106])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => OddSigmoid.Forward(new double[105], new double[210])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => OddLeakyReLU.Backward(new float[105], new float[105], new float[104])).ParamName);
        float[] shared = new float[105];
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => OddReLU6.Backward(new float[105], shared, shared)).ParamName);
    }

    [Fact]
    public void A_network_with_every_activation_has_the_gradient_of_finite_differences()
    {
        var net = new ActivationNet(3, seed: 4);
        double[] inputs = NetworkTestData.Inputs<double>(3 * ActivationNet.InputLength, 31);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 4 * inputs[i] - 2; // wide enough for ReLU6's and tanh's saturation to matter
        }

        int[] labels = NetworkTestData.Labels(3, ActivationNet.ClassCount, 32);
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();

        FiniteDifferences.Check("parameter", analytic, 7, i => net.Parameters[i], (i, value) => net.Parameters[i] = value, () => net.Forward(inputs, labels));
    }

    private static void Check<TLayer, T>(Kernel<T> forward, GradientKernel<T> backward)
        where TLayer : IUnweightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = 3 * TLayer.InputLength;
        T[] input = NetworkTestData.Inputs<T>(length, 5);
        for (int i = 0; i < length; i++)
        {
            input[i] = T.CreateChecked(16) * input[i] - T.CreateChecked(8); // across ReLU6's 0 and 6
        }

        input[3] = T.NaN;
        input[length - 1] = T.NaN;
        T[] gradient = NetworkTestData.Inputs<T>(length, 6);
        T[] output = new T[length], expected = new T[length];
        T[] inputGradient = new T[length], expectedGradient = new T[length];

        TLayer.Forward(input, output);
        TLayer.Backward(gradient, input, inputGradient);
        forward(input, expected);
        backward(gradient, input, expectedGradient);

        Assert.Equal(expected, output);
        Assert.Equal(expectedGradient, inputGradient);
    }

    private delegate void Kernel<T>(ReadOnlySpan<T> input, Span<T> output);

    private delegate void GradientKernel<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);
}
