namespace CnnGen.Tests.Network;

/// <summary>
/// The generic batch normalization kernels against PyTorch's <c>BatchNorm2d</c> conventions written here as plain loops
/// in double (biased variance to normalize, unbiased for the running estimate, momentum weighting the batch), at channel
/// counts across the vector widths' tails; their gradients against finite differences; folding into a convolution.
/// </summary>
public class BatchNorm2DKernelsTests
{
    /// <summary>(batch, height, width, channels).</summary>
    public static TheoryData<int, int, int, int> Shapes() => new()
    {
        { 4, 1, 1, 3 }, { 3, 2, 3, 5 }, { 2, 4, 4, 16 }, { 2, 3, 3, 33 }, { 2, 2, 2, 64 }, { 1, 1, 2, 130 }, { 5, 3, 1, 7 },
    };

    [Fact]
    public void A_hand_computed_channel_follows_pytorchs_conventions()
    {
        // One channel, four values: μ = 2.5, biased σ² = 1.25, unbiased 5/3.
        var geometry = new BatchNorm2DGeometry(2, 2, 1, epsilon: 1e-5, momentum: 0.1);
        double[] input = { 1, 2, 3, 4 }, output = new double[4];
        double[] runningMean = { 0 }, runningVariance = { 1 };
        BatchNorm2DKernels.ForwardTraining<double>(geometry, input, new[] { 2.0 }, new[] { 0.5 }, output, runningMean, runningVariance);

        double deviation = Math.Sqrt(1.25 + 1e-5);
        Assert.Equal(new[] { 2 * -1.5 / deviation + 0.5, 2 * -0.5 / deviation + 0.5, 2 * 0.5 / deviation + 0.5, 2 * 1.5 / deviation + 0.5 }, output, new Tolerance(1e-15));
        Assert.Equal(0.25, runningMean[0], 15);
        Assert.Equal(0.9 + 0.1 * 5.0 / 3.0, runningVariance[0], 15);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_forward_normalizes_with_the_batch_and_updates_the_running_statistics(int batch, int height, int width, int channels)
    {
        var geometry = new BatchNorm2DGeometry(height, width, channels, epsilon: 1e-3, momentum: 0.25);
        int rows = batch * height * width;
        double[] input = Values(rows * channels, 1, offset: 3), scale = Values(channels, 2), shift = Values(channels, 3);
        double[] runningMean = Values(channels, 4), runningVariance = Values(channels, 5).Select(v => v * v + 0.5).ToArray();
        double[] expectedMean = runningMean.ToArray(), expectedVariance = runningVariance.ToArray();
        double[] output = new double[input.Length];
        BatchNorm2DKernels.ForwardTraining<double>(geometry, input, scale, shift, output, runningMean, runningVariance);

        float[] outputSingle = new float[input.Length];
        float[] runningMeanSingle = Single(expectedMean), runningVarianceSingle = Single(expectedVariance);
        BatchNorm2DKernels.ForwardTraining<float>(geometry, Single(input), Single(scale), Single(shift), outputSingle, runningMeanSingle, runningVarianceSingle);

        for (int c = 0; c < channels; c++)
        {
            double mean = Enumerable.Range(0, rows).Average(r => input[r * channels + c]);
            double variance = Enumerable.Range(0, rows).Average(r => Math.Pow(input[r * channels + c] - mean, 2));
            for (int r = 0; r < rows; r++)
            {
                double expected = scale[c] * (input[r * channels + c] - mean) / Math.Sqrt(variance + 1e-3) + shift[c];
                Assert.Equal(expected, output[r * channels + c], 1e-12);
                Assert.Equal(expected, outputSingle[r * channels + c], 2e-5 * (1 + Math.Abs(expected)));
            }

            expectedMean[c] = 0.75 * expectedMean[c] + 0.25 * mean;
            expectedVariance[c] = 0.75 * expectedVariance[c] + 0.25 * variance * rows / (rows - 1);
        }

        Assert.Equal(expectedMean, runningMean, new Tolerance(1e-13));
        Assert.Equal(expectedVariance, runningVariance, new Tolerance(1e-13));
        Assert.Equal(expectedMean, runningMeanSingle.Select(v => (double)v), new Tolerance(1e-5));
        Assert.Equal(expectedVariance, runningVarianceSingle.Select(v => (double)v), new Tolerance(1e-5));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Evaluation_forward_normalizes_with_the_running_statistics(int batch, int height, int width, int channels)
    {
        var geometry = new BatchNorm2DGeometry(height, width, channels);
        double[] input = Values(batch * height * width * channels, 6), scale = Values(channels, 7), shift = Values(channels, 8);
        double[] runningMean = Values(channels, 9), runningVariance = Values(channels, 10).Select(v => v * v + 0.1).ToArray();
        double[] output = new double[input.Length];
        BatchNorm2DKernels.ForwardEvaluation<double>(geometry, input, scale, shift, runningMean, runningVariance, output);
        for (int i = 0; i < input.Length; i++)
        {
            int c = i % channels;
            Assert.Equal(scale[c] * (input[i] - runningMean[c]) / Math.Sqrt(runningVariance[c] + 1e-5) + shift[c], output[i], 1e-13);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Training_backward_is_the_gradient_of_the_training_forward(int batch, int height, int width, int channels)
    {
        var geometry = new BatchNorm2DGeometry(height, width, channels, epsilon: 1e-2);
        double[] input = Values(batch * height * width * channels, 11, offset: 2), scale = Values(channels, 12), shift = Values(channels, 13);
        double[] weights = Values(input.Length, 14);
        double Loss(double[] x, double[] g, double[] b)
        {
            double[] y = new double[x.Length];
            BatchNorm2DKernels.ForwardTraining<double>(geometry, x, g, b, y, new double[channels], new double[channels]);
            return y.Select((v, i) => v * weights[i]).Sum();
        }

        double[] inputGradient = new double[input.Length], scaleGradient = new double[channels], shiftGradient = new double[channels];
        BatchNorm2DKernels.BackwardTraining<double>(geometry, weights, input, scale, inputGradient, scaleGradient, shiftGradient);
        AssertGradient(input, inputGradient, x => Loss(x, scale, shift));
        AssertGradient(scale, scaleGradient, g => Loss(input, g, shift));
        AssertGradient(shift, shiftGradient, b => Loss(input, scale, b));

        // Float agrees with double within float's rounding.
        float[] inputGradientSingle = new float[input.Length], scaleGradientSingle = new float[channels], shiftGradientSingle = new float[channels];
        BatchNorm2DKernels.BackwardTraining<float>(geometry, Single(weights), Single(input), Single(scale), inputGradientSingle, scaleGradientSingle, shiftGradientSingle);
        Assert.Equal(inputGradient, inputGradientSingle.Select(v => (double)v), new Tolerance(1e-4));
        Assert.Equal(scaleGradient, scaleGradientSingle.Select(v => (double)v), new Tolerance(1e-4));
    }

    [Fact]
    public void Evaluation_backward_is_the_gradient_of_the_evaluation_forward()
    {
        var geometry = new BatchNorm2DGeometry(3, 2, 9);
        double[] input = Values(2 * geometry.InputLength, 15), scale = Values(9, 16), shift = Values(9, 17);
        double[] runningMean = Values(9, 18), runningVariance = Values(9, 19).Select(v => v * v + 0.2).ToArray();
        double[] weights = Values(input.Length, 20);
        double Loss(double[] x, double[] g, double[] b)
        {
            double[] y = new double[x.Length];
            BatchNorm2DKernels.ForwardEvaluation<double>(geometry, x, g, b, runningMean, runningVariance, y);
            return y.Select((v, i) => v * weights[i]).Sum();
        }

        double[] inputGradient = new double[input.Length], scaleGradient = new double[9], shiftGradient = new double[9];
        BatchNorm2DKernels.BackwardEvaluation<double>(geometry, weights, input, scale, runningMean, runningVariance, inputGradient, scaleGradient, shiftGradient);
        AssertGradient(input, inputGradient, x => Loss(x, scale, shift));
        AssertGradient(scale, scaleGradient, g => Loss(input, g, shift));
        AssertGradient(shift, shiftGradient, b => Loss(input, scale, b));
    }

    [Fact]
    public void Folding_into_the_convolution_before_gives_the_same_inference_outputs()
    {
        var conv = new Conv2DGeometry(6, 5, 3, filters: 11, filterSize: 3, stride: 1, pad: 1);
        var norm = new BatchNorm2DGeometry(conv.OutputHeight, conv.OutputWidth, 11);
        double[] input = Values(2 * conv.InputLength, 21), weights = Values(conv.WeightsLength, 22), bias = Values(11, 23);
        double[] scale = Values(11, 24), shift = Values(11, 25), runningMean = Values(11, 26);
        double[] runningVariance = Values(11, 27).Select(v => v * v + 0.05).ToArray();

        double[] convolved = new double[2 * conv.OutputLength], normalized = new double[convolved.Length];
        Conv2DKernels.Forward<double>(conv, input, weights, bias, convolved);
        BatchNorm2DKernels.ForwardEvaluation<double>(norm, convolved, scale, shift, runningMean, runningVariance, normalized);

        double[] foldedWeights = new double[weights.Length], foldedBias = new double[11], folded = new double[convolved.Length];
        BatchNorm2DKernels.FoldInto<double>(norm, scale, shift, runningMean, runningVariance, weights, bias, foldedWeights, foldedBias);
        Conv2DKernels.Forward<double>(conv, input, foldedWeights, foldedBias, folded);
        Assert.Equal(normalized, folded, new Tolerance(1e-12));

        // In place, in float: within 1e-5 relative of the unfolded float pass.
        float[] weightsSingle = Single(weights), biasSingle = Single(bias), foldedSingle = new float[folded.Length];
        float[] convolvedSingle = new float[folded.Length], normalizedSingle = new float[folded.Length];
        Conv2DKernels.Forward<float>(conv, Single(input), weightsSingle, biasSingle, convolvedSingle);
        BatchNorm2DKernels.ForwardEvaluation<float>(norm, convolvedSingle, Single(scale), Single(shift), Single(runningMean), Single(runningVariance), normalizedSingle);
        BatchNorm2DKernels.FoldInto<float>(norm, Single(scale), Single(shift), Single(runningMean), Single(runningVariance), weightsSingle, biasSingle, weightsSingle, biasSingle);
        Conv2DKernels.Forward<float>(conv, Single(input), weightsSingle, biasSingle, foldedSingle);
        for (int i = 0; i < folded.Length; i++)
        {
            Assert.True(Math.Abs(foldedSingle[i] - normalizedSingle[i]) <= 1e-5 * Math.Max(1, Math.Abs(normalizedSingle[i])), $"{i}: {foldedSingle[i]} vs {normalizedSingle[i]}");
        }
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_parameter()
    {
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2DGeometry(2, 2, 2, epsilon: 0)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2DGeometry(2, 2, 2, epsilon: double.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2DGeometry(2, 2, 2, epsilon: 1e-50)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2DGeometry(2, 2, 2, momentum: 1.5)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2DGeometry(2, 2, 0)).ParamName);

        var geometry = new BatchNorm2DGeometry(1, 1, 2);
        double[] two = new double[2];
        var single = Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardTraining<double>(geometry, two, two, new double[2], new double[2], new double[2], new double[2]));
        Assert.Equal("input", single.ParamName);
        Assert.Contains("at least 2 values per channel", single.Message, StringComparison.Ordinal);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.BackwardTraining<double>(geometry, two, two, two, new double[2], new double[2], new double[2])).ParamName);

        double[] input = new double[4], scale = { 1, 1 }, shift = new double[2], mean = new double[2], variance = { 1, 1 };
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardEvaluation<double>(geometry, input, new double[3], shift, mean, variance, new double[4])).ParamName);
        Assert.Equal("runningVariance", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardTraining<double>(geometry, input, scale, shift, new double[4], mean, new double[1])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardTraining<double>(geometry, input, scale, shift, input, mean, variance)).ParamName);
        Assert.Equal("runningMean", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardTraining<double>(geometry, input, scale, shift, new double[4], input.AsSpan(0, 2), variance)).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.BackwardTraining<double>(geometry, input, new double[4], scale, input, new double[2], new double[2])).ParamName);
        Assert.Equal("geometry", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.ForwardEvaluation<double>(default, input, scale, shift, mean, variance, new double[4])).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.FoldInto<double>(geometry, scale, shift, mean, variance, new double[6], new double[3], new double[6], new double[2])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => BatchNorm2DKernels.FoldInto<double>(geometry, scale, shift, mean, variance, new double[5], new double[2], new double[5], new double[2])).ParamName);
    }

    private static void AssertGradient(double[] at, double[] analytic, Func<double[], double> loss)
    {
        const double h = 1e-6;
        for (int i = 0; i < at.Length; i++)
        {
            double saved = at[i];
            at[i] = saved + h;
            double plus = loss(at);
            at[i] = saved - h;
            double minus = loss(at);
            at[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-7 + 1e-5 * Math.Abs(numeric), $"{i}: analytic {analytic[i]:R}, numeric {numeric:R}");
        }
    }

    private static double[] Values(int count, int seed, double offset = 0)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1 + offset).ToArray();
    }

    private static float[] Single(double[] values) => values.Select(v => (float)v).ToArray();

    /// <summary>Compares doubles within a relative tolerance (absolute below one).</summary>
    private sealed class Tolerance(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= relative * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

        public int GetHashCode(double obj) => 0;
    }
}
