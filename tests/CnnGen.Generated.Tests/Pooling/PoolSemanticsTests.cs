using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>Gradient checks, ties and NaN, empty batches and span-length errors of the generated pooling layers.</summary>
public class PoolSemanticsTests
{
    private static PoolCase Case(string name) => Array.Find(PoolMatrix.Cases, c => c.Name == name)!;

    public static TheoryData<string> GradientCases() => new() { "AvgF3S2Wide3", "AvgF2S1C1", "AvgF5S3C33", "MaxF3S2Wide17", "MaxF2S1C17", "MaxF5S1C1", "MaxF4S3C33", "MaxF3S1C1" };

    /// <summary>
    /// Central differences of L(x) = Σ dy·y(x). Average pooling is linear and max pooling, away from ties, is linear near
    /// x, so with h smaller than the least gap between distinct inputs the difference quotient is exact but for rounding.
    /// </summary>
    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Backward_matches_finite_differences(string name)
    {
        PoolCase layer = Case(name);
        var random = new Random(17);
        int n = layer.InputLength;

        // Tie-free inputs: a shuffled ladder 0.01 apart, so no window holds two equal values.
        double[] x = Enumerable.Range(0, n).Select(i => (i - (n / 2)) * 0.01).OrderBy(_ => random.Next()).ToArray();
        double[] dy = PoolDifferentialTests.Values(random, layer.OutputLength);
        var dx = new double[n];
        layer.BackwardDouble(dy, x, dx);

        const double h = 1e-4;
        var y = new double[layer.OutputLength];
        for (int i = 0; i < n; i++)
        {
            double saved = x[i];
            x[i] = saved + h;
            layer.ForwardDouble(x, y);
            double plus = Dot(dy, y);
            x[i] = saved - h;
            layer.ForwardDouble(x, y);
            double minus = Dot(dy, y);
            x[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - dx[i]) <= 1e-8 * Math.Max(1, Math.Abs(dx[i])), $"input {i}: numeric {numeric:R}, analytic {dx[i]:R}");
        }
    }

    [Fact]
    public void Max_pool_sends_a_tied_window_gradient_to_its_first_maximum()
    {
        // All values equal: every window is one big tie, so each output's gradient lands on its window's top-left tap.
        PoolCase layer = Case("MaxF3S2Wide17");
        var x = Enumerable.Repeat(0.5, layer.InputLength).ToArray();
        var dy = Enumerable.Range(1, layer.OutputLength).Select(v => (double)v).ToArray();
        var dx = new double[x.Length];
        layer.BackwardDouble(dy, x, dx);

        var expected = new double[x.Length];
        for (int oh = 0; oh < layer.OH; oh++)
        {
            for (int ow = 0; ow < layer.OW; ow++)
            {
                for (int c = 0; c < layer.C; c++)
                {
                    expected[ReferencePool.Index(0, oh * layer.S, ow * layer.S, c, layer.H, layer.W, layer.C)] += dy[ReferencePool.Index(0, oh, ow, c, layer.OH, layer.OW, layer.C)];
                }
            }
        }

        Assert.Equal(expected, dx);
    }

    [Fact]
    public void Max_pool_breaks_a_partial_tie_by_row_major_order_in_every_lane()
    {
        // One window (f 3, stride 3, 1×1 output), 17 channels: channel c puts its maximum 7 at taps c % 9 and (c + 4) % 9.
        PoolCase layer = Case("MaxF3S2Wide17");
        var x = new double[layer.InputLength];
        for (int c = 0; c < layer.C; c++)
        {
            foreach (int tap in new[] { c % 9, (c + 4) % 9 })
            {
                x[ReferencePool.Index(0, tap / 3, tap % 3, c, layer.H, layer.W, layer.C)] = 7;
            }
        }

        var dy = new double[layer.OutputLength];
        for (int c = 0; c < layer.C; c++)
        {
            dy[c] = 1; // only output (0, 0)
        }

        var dx = new double[x.Length];
        layer.BackwardDouble(dy, x, dx);
        for (int c = 0; c < layer.C; c++)
        {
            int first = Math.Min(c % 9, (c + 4) % 9);
            for (int tap = 0; tap < 9; tap++)
            {
                double got = dx[ReferencePool.Index(0, tap / 3, tap % 3, c, layer.H, layer.W, layer.C)];
                Assert.Equal(tap == first ? 1.0 : 0.0, got);
            }
        }
    }

    [Theory]
    [InlineData("MaxF3S2Wide17")]
    [InlineData("MaxF3S2Wide3")]
    [InlineData("MaxF5S1C1")]
    [InlineData("MaxF4S1C17")]
    [InlineData("MaxF1S1C1")]
    public void A_NaN_in_a_window_makes_that_output_NaN_in_both_precisions(string name)
    {
        PoolCase layer = Case(name);
        var random = new Random(5);
        double[] x = PoolDifferentialTests.Values(random, layer.InputLength);
        int poisoned = ReferencePool.Index(0, layer.H / 2, layer.W / 2, layer.C - 1, layer.H, layer.W, layer.C);
        x[poisoned] = double.NaN;

        var expected = new double[layer.OutputLength];
        ReferencePool.Forward(layer, x, expected);
        Assert.Contains(expected, double.IsNaN);

        var y = new double[layer.OutputLength];
        layer.ForwardDouble(x, y);
        var yf = new float[layer.OutputLength];
        layer.ForwardFloat(x.Select(v => (float)v).ToArray(), yf);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(double.IsNaN(expected[i]), double.IsNaN(y[i]));
            Assert.Equal(double.IsNaN(expected[i]), float.IsNaN(yf[i]));
        }

        // The backward pass sends no gradient through a window that holds NaN (no maximum compares equal to NaN).
        double[] dy = Enumerable.Repeat(1.0, layer.OutputLength).ToArray();
        var dx = new double[x.Length];
        var expectedDx = new double[x.Length];
        layer.BackwardDouble(dy, x, dx);
        ReferencePool.Backward(layer, dy, x, expectedDx);
        Assert.Equal(expectedDx, dx);
    }

    [Fact]
    public void An_empty_batch_is_a_no_op()
    {
        SeedMaxPool.Forward(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        SeedMaxPool.Backward(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, Span<double>.Empty);
        SeedAvgPool.Forward(ReadOnlySpan<float>.Empty, Span<float>.Empty);
        SeedAvgPool.Backward(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty);
        SeedZeroPad.Forward(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        SeedZeroPad.Backward(ReadOnlySpan<double>.Empty, Span<double>.Empty);
    }

    [Fact]
    public void Spans_that_do_not_fit_throw_naming_the_parameter()
    {
        // input not whole examples
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => SeedMaxPool.Forward(new double[76], new double[12])).ParamName);
        // output not the input's batch
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => SeedMaxPool.Forward(new double[150], new double[12])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => SeedAvgPool.Forward(new float[75], new float[13])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => SeedAvgPool.Backward(new double[12], new double[74], new double[74])).ParamName);
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => SeedMaxPool.Backward(new double[11], new double[75], new double[75])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => SeedMaxPool.Backward(new float[12], new float[75], new float[150])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => SeedZeroPad.Forward(new double[1], new double[SeedZeroPad.OutputLength])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => SeedZeroPad.Forward(new double[SeedZeroPad.InputLength], new double[1])).ParamName);
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => SeedZeroPad.Backward(new double[1], new double[SeedZeroPad.InputLength])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => SeedZeroPad.Backward(new float[SeedZeroPad.OutputLength], new float[1])).ParamName);
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
