using System.Numerics;
using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>A 3×3 convolution without bias, as before a batch normalization.</summary>
[Conv2D(f: 3, pad: 1, Bias = false, InputHeight = 7, InputWidth = 6, InputChannels = 5, Filters = 12)]
public partial class UnbiasedConv { }

/// <summary>A strided one with 1×1 filters, as on a residual shortcut.</summary>
[Conv2D(f: 1, stride: 2, Bias = false, InputHeight = 8, InputWidth = 8, InputChannels = 16, Filters = 32)]
public partial class UnbiasedProjection { }

/// <summary>conv (no bias) → batch norm, the pair ResNets are made of; the bias would be the shift's twin.</summary>
[Network(InputHeight = 5, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 4, Bias = false)]
[BatchNorm2D]
[Tanh]
[GlobalAvgPool2D]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class UnbiasedNet { }

public class ConvWithoutBiasTests
{
    [Fact]
    public void Without_bias_the_layer_has_no_bias_values()
    {
        Assert.Equal(0, UnbiasedConv.BiasLength);
        Assert.Equal(0, UnbiasedNet.Layer1BiasLength);
        Assert.Equal(2 * 9 * 4 + 2 * 4 + 4 * 3 + 3, UnbiasedNet.ParameterCount);
        Assert.Contains("conv2d f3 s1 p1 nobias -> 5x5x4", UnbiasedNet.Architecture, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_and_backward_equal_the_generic_kernels_with_a_zero_bias()
    {
        Check<UnbiasedConv, float>(1);
        Check<UnbiasedConv, double>(1);
        Check<UnbiasedProjection, float>(2);
        Check<UnbiasedProjection, double>(2);
    }

    [Fact]
    public void Two_threads_give_one_threads_numbers()
    {
        const int batch = 4;
        float[] input = NetworkTestData.Inputs<float>(batch * UnbiasedProjection.InputLength, 11), weights = NetworkTestData.Inputs<float>(UnbiasedProjection.WeightsLength, 12);
        float[] one = new float[batch * UnbiasedProjection.OutputLength], two = new float[one.Length];
        using var parallel = new BatchParallel(2);
        UnbiasedProjection.Forward(input, weights, ReadOnlySpan<float>.Empty, one);
        UnbiasedProjection.Forward(input, weights, ReadOnlySpan<float>.Empty, two, parallel);
        Assert.Equal(one, two);

        float[] gradient = NetworkTestData.Inputs<float>(one.Length, 13);
        float[] dx1 = new float[input.Length], dx2 = new float[input.Length], dw1 = new float[weights.Length], dw2 = new float[weights.Length];
        UnbiasedProjection.Backward(gradient, input, weights, dx1, dw1, Span<float>.Empty);
        UnbiasedProjection.Backward(gradient, input, weights, dx2, dw2, Span<float>.Empty, parallel);
        Assert.Equal(dx1, dx2);
        AssertClose(dw1, dw2);
    }

    [Fact]
    public void A_bias_span_with_values_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => UnbiasedConv.Forward(new float[UnbiasedConv.InputLength], new float[UnbiasedConv.WeightsLength], new float[12], new float[UnbiasedConv.OutputLength]));
        Assert.Equal("bias", error.ParamName);
    }

    [Fact]
    public void A_network_without_conv_bias_has_the_gradient_of_finite_differences()
    {
        using var net = new UnbiasedNet(3, seed: 3);
        double[] inputs = NetworkTestData.Inputs<double>(3 * UnbiasedNet.InputLength, 4);
        int[] labels = NetworkTestData.Labels(3, UnbiasedNet.ClassCount, 5);
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();
        FiniteDifferences.Check("parameter", analytic, 1, i => net.Parameters[i], (i, value) => net.Parameters[i] = value, () => net.Forward(inputs, labels));
    }

    private static void Check<TLayer, T>(int batch)
        where TLayer : IWeightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geometry = new Conv2DGeometry(TLayer.InputHeight, TLayer.InputWidth, TLayer.InputChannels, TLayer.OutputChannels, FilterSize<TLayer>(), Stride<TLayer>(), Pad<TLayer>());
        T[] input = NetworkTestData.Inputs<T>(batch * TLayer.InputLength, 8), weights = NetworkTestData.Inputs<T>(TLayer.WeightsLength, 9);
        T[] zeros = new T[TLayer.OutputChannels];
        T[] output = new T[batch * TLayer.OutputLength], expected = new T[output.Length];
        TLayer.Forward(input, weights, ReadOnlySpan<T>.Empty, output);
        Conv2DKernels.Forward<T>(geometry, input, weights, zeros, expected);
        AssertClose(expected, output);

        T[] gradient = NetworkTestData.Inputs<T>(output.Length, 10);
        T[] dx = new T[input.Length], dw = new T[weights.Length], dxExpected = new T[input.Length], dwExpected = new T[weights.Length], db = new T[zeros.Length];
        TLayer.Backward(gradient, input, weights, dx, dw, Span<T>.Empty);
        Conv2DKernels.Backward<T>(geometry, gradient, input, weights, dxExpected, dwExpected, db);
        AssertClose(dxExpected, dx);
        AssertClose(dwExpected, dw);
    }

    /// <summary>The generated and generic kernels sum in different orders: equal within the element type's rounding.</summary>
    private static void AssertClose<T>(T[] expected, T[] actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T tolerance = T.CreateChecked(typeof(T) == typeof(float) ? 1e-4 : 1e-12);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(T.Abs(expected[i] - actual[i]) <= tolerance * (T.One + T.Abs(expected[i])), $"{i}: {expected[i]} vs {actual[i]}");
        }
    }

    private static int FilterSize<TLayer>() => (int)typeof(TLayer).GetField("FilterSize")!.GetValue(null)!;

    private static int Stride<TLayer>() => (int)typeof(TLayer).GetField("Stride")!.GetValue(null)!;

    private static int Pad<TLayer>() => (int)typeof(TLayer).GetField("Pad")!.GetValue(null)!;
}
