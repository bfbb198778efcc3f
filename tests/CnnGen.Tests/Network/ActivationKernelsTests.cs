using CsCheck;

namespace CnnGen.Tests.Network;

/// <summary>
/// The generic kernels of ReLU6, leaky ReLU, sigmoid and tanh against loops written here from the definitions, at every
/// length that crosses a vector width's tail (and the 256-value blocks in which sigmoid and tanh recompute their values
/// backward), in place, at the kinks and at NaN, and against finite differences in double.
/// </summary>
public class ActivationKernelsTests
{
    /// <summary>One activation: its generic kernels and its definition, value and derivative, in double.</summary>
    public sealed record Activation(
        string Name,
        Action<double[], double[]> Forward,
        Action<double[], double[], double[]> Backward,
        Action<float[], float[]> ForwardSingle,
        Action<float[], float[], float[]> BackwardSingle,
        Func<double, double> Value,
        Func<double, double> Derivative)
    {
        public override string ToString() => Name;
    }

    private const double Slope = 0.07;

    public static readonly Activation ReLU6 = new(
        "ReLU6",
        (x, y) => ReLU6Kernels.Forward<double>(x, y),
        (g, x, d) => ReLU6Kernels.Backward<double>(g, x, d),
        (x, y) => ReLU6Kernels.Forward<float>(x, y),
        (g, x, d) => ReLU6Kernels.Backward<float>(g, x, d),
        x => Math.Min(Math.Max(x, 0), 6),
        x => x > 0 && x < 6 ? 1 : 0);

    public static readonly Activation LeakyReLU = new(
        "LeakyReLU",
        (x, y) => LeakyReLUKernels.Forward<double>(Slope, x, y),
        (g, x, d) => LeakyReLUKernels.Backward<double>(Slope, g, x, d),
        (x, y) => LeakyReLUKernels.Forward<float>((float)Slope, x, y),
        (g, x, d) => LeakyReLUKernels.Backward<float>((float)Slope, g, x, d),
        x => x > 0 ? x : Slope * x,
        x => x > 0 ? 1 : Slope);

    public static readonly Activation Sigmoid = new(
        "Sigmoid",
        (x, y) => SigmoidKernels.Forward<double>(x, y),
        (g, x, d) => SigmoidKernels.Backward<double>(g, x, d),
        (x, y) => SigmoidKernels.Forward<float>(x, y),
        (g, x, d) => SigmoidKernels.Backward<float>(g, x, d),
        x => 1 / (1 + Math.Exp(-x)),
        x => Math.Exp(-x) / ((1 + Math.Exp(-x)) * (1 + Math.Exp(-x))));

    public static readonly Activation Tanh = new(
        "Tanh",
        (x, y) => TanhKernels.Forward<double>(x, y),
        (g, x, d) => TanhKernels.Backward<double>(g, x, d),
        (x, y) => TanhKernels.Forward<float>(x, y),
        (g, x, d) => TanhKernels.Backward<float>(g, x, d),
        Math.Tanh,
        x => 1 - Math.Tanh(x) * Math.Tanh(x));

    public static TheoryData<Activation> All() => new(ReLU6, LeakyReLU, Sigmoid, Tanh);

    [Fact]
    public void Sigmoid_and_tanh_give_the_same_bits_wherever_the_spans_lie_and_accept_empty_ones()
    {
        // TensorPrimitives aligns its loop to the memory it is given; the kernels go through aligned scratch so that a value's
        // bits do not depend on its address (this failed on the Vector256 tier before).
        double[] values = Enumerable.Range(0, 700).Select(i => Math.Sin(i * 0.37) * 4).ToArray();
        double[] sigmoid = new double[700], tanh = new double[700], sigmoidGradient = new double[700], tanhGradient = new double[700];
        SigmoidKernels.Forward<double>(values, sigmoid);
        TanhKernels.Forward<double>(values, tanh);
        SigmoidKernels.Backward<double>(values, values, sigmoidGradient);
        TanhKernels.Backward<double>(values, values, tanhGradient);
        for (int offset = 1; offset < 8; offset++)
        {
            double[] input = new double[700 + offset], output = new double[700 + offset], gradient = new double[700 + offset];
            values.CopyTo(input, offset);
            Span<double> x = input.AsSpan(offset), y = output.AsSpan(offset), d = gradient.AsSpan(offset);
            SigmoidKernels.Forward<double>(x, y);
            Assert.Equal(sigmoid, y.ToArray());
            TanhKernels.Forward<double>(x, y);
            Assert.Equal(tanh, y.ToArray());
            SigmoidKernels.Backward<double>(x, x, d);
            Assert.Equal(sigmoidGradient, d.ToArray());
            TanhKernels.Backward<double>(x, x, d);
            Assert.Equal(tanhGradient, d.ToArray());
        }

        SigmoidKernels.Forward<float>(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        TanhKernels.Backward<float>(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Double_kernels_match_the_definition_at_every_length_and_in_place(Activation activation)
    {
        // Lengths up to 600 cross every width's tail and two of sigmoid's and tanh's 256-value blocks.
        Gen.Select(Gen.Int[0, 600], Gen.ULong).Sample(t =>
        {
            (int length, ulong seed) = t;
            var random = new DeterministicRandom(seed);
            double[] x = Array.ConvertAll(GradientCheck.Random(length, random), v => 8 * v); // both sides of ReLU6's 6
            double[] g = GradientCheck.Random(length, random);
            var y = new double[length];
            var d = new double[length];
            activation.Forward(x, y);
            activation.Backward(g, x, d);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(activation.Value(x[i]), y[i], 1e-15);
                Assert.Equal(g[i] * activation.Derivative(x[i]), d[i], 1e-15);
            }

            double[] inPlace = (double[])x.Clone();
            activation.Forward(inPlace, inPlace);
            Assert.Equal(y, inPlace);
            double[] gradientInPlace = (double[])g.Clone();
            activation.Backward(gradientInPlace, x, gradientInPlace);
            Assert.Equal(d, gradientInPlace);
        }, iter: 60);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Float_kernels_match_the_definition_within_float_rounding(Activation activation)
    {
        var random = new DeterministicRandom(7);
        float[] x = Array.ConvertAll(GradientCheck.Random(531, random), v => (float)(8 * v));
        float[] g = Array.ConvertAll(GradientCheck.Random(531, random), v => (float)v);
        var y = new float[x.Length];
        var d = new float[x.Length];
        activation.ForwardSingle(x, y);
        activation.BackwardSingle(g, x, d);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(activation.Value(x[i]), y[i], 2e-7 * Math.Max(1, Math.Abs(activation.Value(x[i]))));
            Assert.Equal(g[i] * activation.Derivative(x[i]), d[i], 4e-7);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Backward_matches_finite_differences(Activation activation)
    {
        var random = new DeterministicRandom(11);
        double[] x = Array.ConvertAll(GradientCheck.Random(300, random), v => 8 * v);
        for (int i = 0; i < x.Length; i++)
        {
            // Stay clear of the kinks at 0 and 6, where the derivative is undefined.
            if (Math.Abs(x[i]) < 0.01 || Math.Abs(x[i] - 6) < 0.01)
            {
                x[i] = 0.5;
            }
        }

        double[] weights = GradientCheck.Random(x.Length, random);
        var y = new double[x.Length];
        double Loss()
        {
            activation.Forward(x, y);
            return GradientCheck.WeightedSum(y, weights);
        }

        double[] numeric = GradientCheck.Numeric(x, Loss);
        var analytic = new double[x.Length];
        activation.Backward(weights, x, analytic);
        GradientCheck.AssertClose(analytic, numeric, "dX");
    }

    [Fact]
    public void The_kinks_follow_PyTorch_and_NaN_stays_NaN()
    {
        double[] x = [0.0, 6.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        double[] g = [1, 1, 1, 1, 1, 1];
        var y = new double[x.Length];
        var d = new double[x.Length];

        ReLU6Kernels.Forward<double>(x, y);
        ReLU6Kernels.Backward<double>(g, x, d);
        Assert.Equal([0.0, 6.0, 0.0, double.NaN, 6.0, 0.0], y);
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0, 0.0], d); // the gradient passes strictly between 0 and 6

        LeakyReLUKernels.Forward<double>(0.5, x, y);
        LeakyReLUKernels.Backward<double>(0.5, g, x, d);
        Assert.Equal([0.0, 6.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity], y);
        Assert.Equal([0.5, 1.0, 0.5, 0.5, 1.0, 0.5], d); // at 0 the slope's side, as PyTorch

        SigmoidKernels.Forward<double>(x, y);
        Assert.Equal(0.5, y[0]);
        Assert.Equal(1 / (1 + Math.Exp(-6)), y[1], 1e-15);
        Assert.True(double.IsNaN(y[3]));
        Assert.Equal([1.0, 0.0], y[4..]);
        TanhKernels.Forward<double>(x, y);
        Assert.Equal(0.0, y[0]);
        Assert.Equal(Math.Tanh(6), y[1], 1e-15);
        Assert.True(double.IsNaN(y[3]));
        Assert.Equal([1.0, -1.0], y[4..]);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Spans_of_the_wrong_length_or_partly_overlapping_are_refused(Activation activation)
    {
        var x = new double[8];
        var g = new double[8];
        var ex = Assert.Throws<ArgumentException>(() => activation.Forward(x, new double[7]));
        Assert.Equal("output", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => activation.Backward(g, new double[7], new double[8]));
        Assert.Equal("input", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => activation.Backward(g, x, new double[9]));
        Assert.Equal("inputGradient", ex.ParamName);

        double[] buffer = new double[12];
        ex = Assert.Throws<ArgumentException>(() => ForwardOnSpans(activation, buffer.AsSpan(0, 8), buffer.AsSpan(4, 8)));
        Assert.Equal("output", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => BackwardOnSpans(activation, g, buffer.AsSpan(0, 8), buffer.AsSpan(0, 8)));
        Assert.Equal("inputGradient", ex.ParamName); // may be the output gradient, never the input
    }

    [Fact]
    public void A_slope_that_is_not_finite_is_refused()
    {
        var x = new float[4];
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeakyReLUKernels.Forward<float>(float.NaN, x, x));
        Assert.Equal("slope", ex.ParamName);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeakyReLUKernels.Backward<double>(double.PositiveInfinity, new double[4], new double[4], new double[4]));
        Assert.Equal("slope", ex.ParamName);
    }

    private static void ForwardOnSpans(Activation activation, Span<double> input, Span<double> output)
    {
        switch (activation.Name)
        {
            case "ReLU6": ReLU6Kernels.Forward<double>(input, output); break;
            case "LeakyReLU": LeakyReLUKernels.Forward<double>(Slope, input, output); break;
            case "Sigmoid": SigmoidKernels.Forward<double>(input, output); break;
            default: TanhKernels.Forward<double>(input, output); break;
        }
    }

    private static void BackwardOnSpans(Activation activation, Span<double> outputGradient, Span<double> input, Span<double> inputGradient)
    {
        switch (activation.Name)
        {
            case "ReLU6": ReLU6Kernels.Backward<double>(outputGradient, input, inputGradient); break;
            case "LeakyReLU": LeakyReLUKernels.Backward<double>(Slope, outputGradient, input, inputGradient); break;
            case "Sigmoid": SigmoidKernels.Backward<double>(outputGradient, input, inputGradient); break;
            default: TanhKernels.Backward<double>(outputGradient, input, inputGradient); break;
        }
    }
}
