namespace CnnGen.Tests.Network;

/// <summary>Dropout's masks: their values, their rate, their determinism and their independence from how a batch is split.</summary>
public class DropoutKernelsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Masks_zero_about_the_rate_and_scale_the_rest(double rate)
    {
        const int n = 200_000;
        double[] input = Enumerable.Range(0, n).Select(i => 1.0 + i % 7).ToArray();
        double[] output = new double[n], mask = new double[n];
        DropoutKernels.ForwardTraining<double>(rate, 42, input, output, mask);

        double scale = 1 / (1 - rate);
        int zeros = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(mask[i] == 0 || mask[i] == scale, $"{i}: {mask[i]}");
            Assert.Equal(input[i] * mask[i], output[i]);
            zeros += mask[i] == 0 ? 1 : 0;
        }

        // A binomial count's standard deviation is √(n·p·(1−p)) ≤ 224 here: five of them is 0.56 % of n.
        Assert.InRange(zeros / (double)n, rate - 0.0056, rate + 0.0056);
    }

    [Fact]
    public void The_same_seed_gives_the_same_mask_and_a_split_batch_draws_the_whole_ones()
    {
        float[] input = Enumerable.Range(0, 1000).Select(i => (float)i).ToArray();
        float[] whole = new float[1000], again = new float[1000], other = new float[1000], output = new float[1000];
        DropoutKernels.ForwardTraining<float>(0.3, 7, input, output, whole);
        DropoutKernels.ForwardTraining<float>(0.3, 7, input, output, again);
        DropoutKernels.ForwardTraining<float>(0.3, 8, input, output, other);
        Assert.Equal(whole, again);
        Assert.NotEqual(whole, other);

        float[] first = new float[377], second = new float[623];
        DropoutKernels.ForwardTraining<float>(0.3, 7, input.AsSpan(0, 377), new float[377], first, firstIndex: 0);
        DropoutKernels.ForwardTraining<float>(0.3, 7, input.AsSpan(377), new float[623], second, firstIndex: 377);
        Assert.Equal(whole, first.Concat(second).ToArray());

        Assert.NotEqual(DropoutKernels.StepSeed(7, 0, 1), DropoutKernels.StepSeed(7, 1, 1));
        Assert.NotEqual(DropoutKernels.StepSeed(7, 0, 1), DropoutKernels.StepSeed(7, 0, 2));
    }

    [Fact]
    public void Backward_multiplies_by_the_mask_and_evaluation_is_the_identity()
    {
        double[] input = { 1, 2, 3, 4, 5, 6, 7, 8 }, output = new double[8], mask = new double[8];
        DropoutKernels.ForwardTraining<double>(0.5, 3, input, output, mask);
        double[] gradient = { 8, 7, 6, 5, 4, 3, 2, 1 }, inputGradient = new double[8];
        DropoutKernels.Backward<double>(gradient, mask, inputGradient);
        Assert.Equal(gradient.Select((g, i) => g * mask[i]), inputGradient);

        DropoutKernels.ForwardEvaluation<double>(input, output);
        Assert.Equal(input, output);

        // In place.
        DropoutKernels.Backward<double>(gradient, mask, gradient);
        Assert.Equal(inputGradient, gradient);
    }

    [Fact]
    public void Bad_arguments_throw_naming_the_parameter()
    {
        double[] x = new double[4];
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernels.ForwardTraining<double>(1.0, 0, x, new double[4], new double[4])).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernels.ForwardTraining<double>(double.NaN, 0, x, new double[4], new double[4])).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => DropoutKernels.ForwardTraining<double>(0.5, 0, x, new double[4], new double[3])).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => DropoutKernels.ForwardTraining<double>(0.5, 0, x, new double[4], x)).ParamName);
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => DropoutKernels.Backward<double>(x, new double[4], new double[5])).ParamName);
        Assert.Equal("firstIndex", Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernels.ForwardTraining<double>(0.5, 0, x, new double[4], new double[4], -1)).ParamName);
    }
}
