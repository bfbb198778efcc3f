using System.Numerics;

namespace CnnGen.Generated.Tests.Network;

/// <summary>An activation of odd length, so the vector loops leave a scalar tail.</summary>
[ReLU(InputHeight = 3, InputWidth = 5, InputChannels = 7)]
public partial class OddReLU { }

[Flatten(InputHeight = 2, InputWidth = 3, InputChannels = 4)]
public partial class SmallFlatten { }

/// <summary>10 units: one 8-wide register and two scalars.</summary>
[Dense(10, InputLength = 37)]
public partial class TenUnitDense { }

/// <summary>37 units: whole registers, then a 4-wide register and a scalar.</summary>
[Dense(37, InputLength = 19)]
public partial class WideDense { }

/// <summary>70 units: the four-register loop, then narrower registers.</summary>
[Dense(70, InputLength = 5)]
public partial class WiderDense { }

[SoftmaxCrossEntropy(Classes = 10)]
public partial class TenClassLoss { }

public class SingleLayerTests
{
    [Fact]
    public void Shape_constants_follow_the_attributes()
    {
        Assert.Equal(105, OddReLU.InputLength);
        Assert.Equal(105, OddReLU.OutputLength);
        Assert.Equal((1, 1, 24), (SmallFlatten.OutputHeight, SmallFlatten.OutputWidth, SmallFlatten.OutputChannels));
        Assert.Equal(37 * 10, TenUnitDense.WeightsLength);
        Assert.Equal(10, TenUnitDense.OutputLength);
        Assert.Equal(10, TenClassLoss.Classes);
    }

    [Fact]
    public void ReLU_equals_the_generic_kernel() { ReLU<float>(); ReLU<double>(); }

    [Fact]
    public void Flatten_copies_in_both_directions()
    {
        float[] input = NetworkTestData.Inputs<float>(3 * 24, 1);
        float[] output = new float[3 * 24];
        SmallFlatten.Forward(input, output);
        Assert.Equal(input, output);
        float[] back = new float[3 * 24];
        SmallFlatten.Backward(output, back);
        Assert.Equal(input, back);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => SmallFlatten.Forward(input, new float[24])).ParamName);
    }

    [Fact]
    public void Dense_equals_the_generic_kernel()
    {
        Dense<float>(37, 10, TenUnitDense.Forward, TenUnitDense.Backward, 1e-5);
        Dense<double>(37, 10, TenUnitDense.Forward, TenUnitDense.Backward, 1e-12);
        Dense<float>(19, 37, WideDense.Forward, WideDense.Backward, 1e-5);
        Dense<double>(19, 37, WideDense.Forward, WideDense.Backward, 1e-12);
        Dense<float>(5, 70, WiderDense.Forward, WiderDense.Backward, 1e-5);
        Dense<double>(5, 70, WiderDense.Forward, WiderDense.Backward, 1e-12);
    }

    [Fact]
    public void Dense_names_the_span_of_the_wrong_length()
    {
        float[] w = new float[TenUnitDense.WeightsLength], b = new float[10];
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => TenUnitDense.Forward(new float[38], w, b, new float[10])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => TenUnitDense.Forward(new float[37], new float[3], b, new float[10])).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => TenUnitDense.Forward(new float[37], w, new float[9], new float[10])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => TenUnitDense.Forward(new float[37], w, b, new float[20])).ParamName);
    }

    [Fact]
    public void Softmax_cross_entropy_equals_the_generic_kernel()
    {
        float[] logits = NetworkTestData.Inputs<float>(6 * 10, 3);
        logits[7] = 80f; // a large logit must not overflow
        int[] labels = NetworkTestData.Labels(6, 10, 4);
        float[] p = new float[60], q = new float[60], d = new float[60], e = new float[60];
        float loss = TenClassLoss.Forward(logits, labels, p);
        float expected = SoftmaxCrossEntropyKernels.Forward<float>(10, logits, labels, q);
        Assert.Equal(expected, loss, 1e-5f);
        Assert.True(float.IsFinite(loss));
        Assert.True(NetworkTestData.MaxRelativeDifference<float>(p, q) < 1e-6);
        TenClassLoss.Backward(p, labels, d);
        SoftmaxCrossEntropyKernels.Backward<float>(10, q, labels, e);
        Assert.True(NetworkTestData.MaxRelativeDifference<float>(d, e) < 1e-6);

        TenClassLoss.Softmax(logits, d);
        Assert.True(NetworkTestData.MaxRelativeDifference<float>(d, q) < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => TenClassLoss.Forward(logits, new[] { 0, 1, 2, 3, 4, 10 }, p));
    }

    private static void ReLU<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = NetworkTestData.Inputs<T>(4 * 105, 7);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] -= T.CreateChecked(0.5);
        }

        // NaN in a vector's lanes and in the scalar tail: the output keeps it, the gradient is zero there.
        input[3] = T.NaN;
        input[input.Length - 1] = T.NaN;

        T[] output = new T[input.Length], expected = new T[input.Length];
        T[] gradient = NetworkTestData.Inputs<T>(input.Length, 8);
        T[] inputGradient = new T[input.Length], expectedGradient = new T[input.Length];
        if (typeof(T) == typeof(float))
        {
            OddReLU.Forward((float[])(object)input, (float[])(object)output);
            OddReLU.Backward((float[])(object)gradient, (float[])(object)input, (float[])(object)inputGradient);
        }
        else
        {
            OddReLU.Forward((double[])(object)input, (double[])(object)output);
            OddReLU.Backward((double[])(object)gradient, (double[])(object)input, (double[])(object)inputGradient);
        }

        ReLUKernels.Forward<T>(input, expected);
        ReLUKernels.Backward<T>(gradient, input, expectedGradient);
        Assert.Equal(expected, output);
        Assert.Equal(expectedGradient, inputGradient);
        Assert.True(T.IsNaN(output[3]) && T.IsNaN(output[^1]));
        Assert.Equal(T.Zero, inputGradient[3]);
        Assert.Equal(T.Zero, inputGradient[^1]);
    }

    private delegate void DenseForward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

    private delegate void DenseBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient);

    private static void Dense<T>(int inputLength, int units, DenseForward<T> forward, DenseBackward<T> backward, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int batch = 3;
        var geometry = new DenseGeometry(inputLength, units);
        T[] x = NetworkTestData.Inputs<T>(batch * inputLength, 1);
        T[] w = NetworkTestData.Inputs<T>(inputLength * units, 2);
        T[] b = NetworkTestData.Inputs<T>(units, 3);
        T[] g = NetworkTestData.Inputs<T>(batch * units, 4);
        T[] y = new T[batch * units], yExpected = new T[batch * units];
        forward(x, w, b, y);
        DenseKernels.Forward<T>(geometry, x, w, b, yExpected);
        Assert.True(NetworkTestData.MaxRelativeDifference<T>(y, yExpected) < tolerance);

        T[] dx = new T[x.Length], dw = new T[w.Length], db = new T[b.Length];
        T[] dxExpected = new T[x.Length], dwExpected = new T[w.Length], dbExpected = new T[b.Length];
        dw.AsSpan().Fill(T.CreateChecked(99)); // overwritten, not accumulated
        backward(g, x, w, dx, dw, db);
        DenseKernels.Backward<T>(geometry, g, x, w, dxExpected, dwExpected, dbExpected);
        Assert.True(NetworkTestData.MaxRelativeDifference<T>(dx, dxExpected) < tolerance);
        Assert.True(NetworkTestData.MaxRelativeDifference<T>(dw, dwExpected) < tolerance);
        Assert.True(NetworkTestData.MaxRelativeDifference<T>(db, dbExpected) < tolerance);
    }
}
