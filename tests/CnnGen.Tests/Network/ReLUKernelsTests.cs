using CsCheck;

namespace CnnGen.Tests.Network;

public class ReLUKernelsTests
{
    [Fact]
    public void Forward_clamps_negatives_and_keeps_positives()
    {
        double[] input = [-2.0, -0.0, 0.0, 1e-300, 3.5, double.NegativeInfinity, double.PositiveInfinity];
        var output = new double[input.Length];
        ReLUKernels.Forward<double>(input, output);
        Assert.Equal([0.0, 0.0, 0.0, 1e-300, 3.5, 0.0, double.PositiveInfinity], output);
        Assert.False(double.IsNegative(output[1]), "ReLU(-0) should be +0.");
    }

    [Fact]
    public void Backward_passes_gradient_only_where_input_was_positive()
    {
        double[] input = [-1.0, 0.0, -0.0, 2.0, double.NaN, 1e-300];
        double[] gradient = [10, 20, 30, 40, 50, 60];
        var result = new double[input.Length];
        ReLUKernels.Backward<double>(gradient, input, result);
        Assert.Equal([0.0, 0.0, 0.0, 40.0, 0.0, 60.0], result);
    }

    [Fact]
    public void Backward_matches_finite_differences()
    {
        var random = new DeterministicRandom(1);
        double[] x = GradientCheck.Random(37, random);
        for (int i = 0; i < x.Length; i++)
        {
            // Stay clear of the kink at 0, where the derivative is undefined.
            if (Math.Abs(x[i]) < 0.01)
            {
                x[i] = 0.5;
            }
        }

        double[] weights = GradientCheck.Random(x.Length, random);
        var y = new double[x.Length];
        double Loss()
        {
            ReLUKernels.Forward<double>(x, y);
            return GradientCheck.WeightedSum(y, weights);
        }

        double[] numeric = GradientCheck.Numeric(x, Loss);
        var analytic = new double[x.Length];
        ReLUKernels.Backward<double>(weights, x, analytic);
        GradientCheck.AssertClose(analytic, numeric, "dX");
    }

    [Fact]
    public void Kernels_match_scalar_definition_for_every_length_and_work_in_place()
    {
        // Lengths 0..70 cross every SIMD width's tail for float and double.
        Gen.Select(Gen.Int[0, 70], Gen.ULong).Sample(t =>
        {
            (int length, ulong seed) = t;
            var random = new DeterministicRandom(seed);
            float[] x = Array.ConvertAll(GradientCheck.Random(length, random), v => (float)v);
            float[] g = Array.ConvertAll(GradientCheck.Random(length, random), v => (float)v);
            var y = new float[length];
            var dx = new float[length];
            ReLUKernels.Forward<float>(x, y);
            ReLUKernels.Backward<float>(g, x, dx);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(Math.Max(x[i], 0f), y[i]);
                Assert.Equal(x[i] > 0 ? g[i] : 0f, dx[i]);
            }

            float[] inPlace = (float[])x.Clone();
            ReLUKernels.Forward<float>(inPlace, inPlace);
            Assert.Equal(y, inPlace);
            float[] gradientInPlace = (float[])g.Clone();
            ReLUKernels.Backward<float>(gradientInPlace, x, gradientInPlace);
            Assert.Equal(dx, gradientInPlace);
        }, iter: 200);
    }

    [Fact]
    public void Wrong_lengths_are_refused_naming_the_parameter()
    {
        var e1 = Assert.Throws<ArgumentException>(() => ReLUKernels.Forward<double>(new double[4], new double[3]));
        Assert.Equal("output", e1.ParamName);
        Assert.Contains("Expected a span of 4 values, but it has 3", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => ReLUKernels.Backward<double>(new double[4], new double[5], new double[4]));
        Assert.Equal("input", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => ReLUKernels.Backward<double>(new double[4], new double[4], new double[2]));
        Assert.Equal("inputGradient", e3.ParamName);
    }

    [Fact]
    public void Empty_batch_is_a_no_op()
    {
        ReLUKernels.Forward<float>([], []);
        ReLUKernels.Backward<float>([], [], []);
    }
}

public class FlattenKernelsTests
{
    [Fact]
    public void Flatten_is_the_identity_on_the_flat_span()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        var y = new double[6];
        FlattenKernels.Forward<double>(x, y);
        Assert.Equal(x, y);
        var dx = new double[6];
        FlattenKernels.Backward<double>(y, dx);
        Assert.Equal(x, dx);
    }

    [Fact]
    public void Wrong_lengths_are_refused_naming_the_parameter()
    {
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => FlattenKernels.Forward<float>(new float[4], new float[5])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => FlattenKernels.Backward<float>(new float[4], new float[5])).ParamName);
    }
}
