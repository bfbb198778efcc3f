namespace CnnGen.Tests.Network;

/// <summary>
/// The generic global pooling kernels against loops written here from the definitions, at channel counts that cross
/// every vector width's blocks and tails, with ties, signed zeros, NaN and infinities, and against finite differences.
/// </summary>
public class GlobalPoolKernelsTests
{
    /// <summary>(height, width, channels): one pixel, one channel, and channel counts around 4, 8, 16 and 64 lanes.</summary>
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 1, 19 }, { 3, 1, 1 }, { 2, 3, 3 }, { 5, 5, 4 }, { 4, 3, 7 }, { 3, 3, 8 }, { 2, 5, 15 },
        { 7, 7, 16 }, { 3, 2, 17 }, { 2, 2, 33 }, { 3, 3, 63 }, { 2, 3, 64 }, { 7, 7, 65 }, { 1, 9, 130 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Average_pooling_is_the_mean_over_the_pixels_in_pixel_order(int height, int width, int channels)
    {
        var geometry = new GlobalPool2DGeometry(height, width, channels);
        const int batch = 3;
        double[] input = Values(batch * geometry.InputLength, 11);
        double[] output = new double[batch * channels];
        GlobalAvgPool2DKernels.Forward<double>(geometry, input, output);

        float[] inputSingle = input.Select(v => (float)v).ToArray();
        float[] outputSingle = new float[batch * channels];
        GlobalAvgPool2DKernels.Forward<float>(geometry, inputSingle, outputSingle);

        int pixels = height * width;
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                double sum = 0;
                float sumSingle = 0;
                for (int p = 0; p < pixels; p++)
                {
                    sum += input[(n * pixels + p) * channels + c];
                    sumSingle += inputSingle[(n * pixels + p) * channels + c];
                }

                Assert.Equal(sum / pixels, output[n * channels + c]);
                Assert.Equal(sumSingle / pixels, outputSingle[n * channels + c]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Average_pooling_backward_spreads_each_gradient_evenly(int height, int width, int channels)
    {
        var geometry = new GlobalPool2DGeometry(height, width, channels);
        const int batch = 2;
        double[] gradient = Values(batch * channels, 12);
        double[] inputGradient = Values(batch * geometry.InputLength, 13); // overwritten, not accumulated
        GlobalAvgPool2DKernels.Backward<double>(geometry, gradient, new double[batch * geometry.InputLength], inputGradient);

        int pixels = height * width;
        for (int n = 0; n < batch; n++)
        {
            for (int p = 0; p < pixels; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    Assert.Equal(gradient[n * channels + c] / pixels, inputGradient[(n * pixels + p) * channels + c]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Max_pooling_keeps_the_first_maximum_and_sends_it_the_gradient(int height, int width, int channels)
    {
        var geometry = new GlobalPool2DGeometry(height, width, channels);
        const int batch = 3;
        int pixels = height * width;

        // Few distinct values, so most channels tie; a few signed zeros, NaNs and infinities in chosen places.
        double[] input = Values(batch * geometry.InputLength, 14).Select(v => Math.Round(v * 2) / 2).ToArray();
        input[0] = double.NaN;
        if (input.Length > 5)
        {
            input[^1] = double.NaN;
            input[input.Length / 2] = double.PositiveInfinity;
            input[input.Length / 3] = -0.0;
        }

        double[] output = new double[batch * channels];
        double[] gradient = Values(batch * channels, 15);
        double[] inputGradient = Values(batch * geometry.InputLength, 16);
        GlobalMaxPool2DKernels.Forward<double>(geometry, input, output);
        GlobalMaxPool2DKernels.Backward<double>(geometry, gradient, input, inputGradient);

        float[] inputSingle = input.Select(v => (float)v).ToArray();
        float[] outputSingle = new float[batch * channels];
        float[] inputGradientSingle = new float[batch * geometry.InputLength];
        GlobalMaxPool2DKernels.Forward<float>(geometry, inputSingle, outputSingle);
        GlobalMaxPool2DKernels.Backward<float>(geometry, gradient.Select(v => (float)v).ToArray(), inputSingle, inputGradientSingle);

        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                // The definition: walk the pixels, a value takes over when greater, or when NaN over a number.
                int bestAt = 0;
                double best = input[n * pixels * channels + c];
                for (int p = 1; p < pixels; p++)
                {
                    double v = input[(n * pixels + p) * channels + c];
                    if (v > best || (double.IsNaN(v) && !double.IsNaN(best)))
                    {
                        (best, bestAt) = (v, p);
                    }
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(best), BitConverter.DoubleToInt64Bits(output[n * channels + c]));
                Assert.Equal(BitConverter.SingleToInt32Bits((float)best), BitConverter.SingleToInt32Bits(outputSingle[n * channels + c]));
                for (int p = 0; p < pixels; p++)
                {
                    int at = (n * pixels + p) * channels + c;
                    Assert.Equal(p == bestAt ? gradient[n * channels + c] : 0.0, inputGradient[at]);
                    Assert.Equal(p == bestAt ? (float)gradient[n * channels + c] : 0f, inputGradientSingle[at]);
                }
            }
        }
    }

    [Fact]
    public void Average_pooling_backward_matches_finite_differences_of_a_weighted_sum()
    {
        var geometry = new GlobalPool2DGeometry(3, 4, 5);
        double[] input = Values(2 * geometry.InputLength, 21);
        double[] weights = Values(2 * geometry.Channels, 22);
        double Loss(double[] x)
        {
            double[] y = new double[weights.Length];
            GlobalAvgPool2DKernels.Forward<double>(geometry, x, y);
            return y.Select((v, i) => v * weights[i]).Sum();
        }

        double[] analytic = new double[input.Length];
        GlobalAvgPool2DKernels.Backward<double>(geometry, weights, input, analytic);
        const double h = 1e-6;
        for (int i = 0; i < input.Length; i++)
        {
            double saved = input[i];
            input[i] = saved + h;
            double plus = Loss(input);
            input[i] = saved - h;
            double minus = Loss(input);
            input[i] = saved;
            Assert.Equal((plus - minus) / (2 * h), analytic[i], 1e-8);
        }
    }

    [Fact]
    public void Bad_geometries_and_spans_throw_naming_the_parameter()
    {
        Assert.Equal("inputHeight", Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalPool2DGeometry(0, 3, 3)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalPool2DGeometry(3, 3, -1)).ParamName);
        Assert.Throws<ArgumentException>(() => new GlobalPool2DGeometry(50_000, 50_000, 4));

        var geometry = new GlobalPool2DGeometry(2, 2, 3);
        Assert.Equal("geometry", Assert.Throws<ArgumentException>(() => GlobalAvgPool2DKernels.Forward<float>(default, new float[12], new float[3])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => GlobalAvgPool2DKernels.Forward<float>(geometry, new float[13], new float[3])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => GlobalMaxPool2DKernels.Forward<float>(geometry, new float[24], new float[3])).ParamName);
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => GlobalMaxPool2DKernels.Backward<double>(geometry, new double[4], new double[12], new double[12])).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => GlobalAvgPool2DKernels.Backward<double>(geometry, new double[3], new double[12], new double[11])).ParamName);

        double[] shared = new double[12];
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => GlobalMaxPool2DKernels.Backward<double>(geometry, new double[3], shared, shared)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => GlobalAvgPool2DKernels.Forward<double>(geometry, shared, shared.AsSpan(0, 3))).ParamName);
        GlobalAvgPool2DKernels.Forward<double>(geometry, Array.Empty<double>(), Array.Empty<double>());
    }

    private static double[] Values(int count, int seed)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 4 - 2).ToArray();
    }
}
