namespace CnnGen.Tests.Network;

public class LearningRateScheduleTests
{
    [Fact]
    public void Constant_schedule_gives_its_rate_at_every_step()
    {
        var schedule = new ConstantLearningRate(0.003);
        Assert.Equal(0.003, schedule.Rate);
        foreach (long step in new long[] { 0, 1, 17, 1_000_000_000_000 })
        {
            Assert.Equal(0.003, schedule.LearningRate(step));
        }
    }

    [Fact]
    public void Step_decay_multiplies_by_gamma_at_each_boundary()
    {
        var schedule = new StepDecayLearningRate(baseRate: 0.1, stepSize: 3, gamma: 0.5);
        double[] expected = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125];
        Assert.Equal(expected, Enumerable.Range(0, 10).Select(s => schedule.LearningRate(s)));
        Assert.Equal(0.1 * Math.Pow(0.5, 10), schedule.LearningRate(30));
        Assert.Equal(0.1 * Math.Pow(0.5, 10), schedule.LearningRate(32));
        Assert.Equal(0.1 * Math.Pow(0.5, 11), schedule.LearningRate(33));

        var flat = new StepDecayLearningRate(0.2, stepSize: 1, gamma: 1);
        Assert.Equal(0.2, flat.LearningRate(1000));
    }

    [Fact]
    public void Cosine_goes_from_the_base_rate_through_the_midpoint_to_the_minimum()
    {
        const double baseRate = 0.1, minRate = 0.001;
        var schedule = new CosineLearningRate(baseRate, minRate, totalSteps: 100);
        Assert.Equal(baseRate, schedule.LearningRate(0));
        Assert.Equal((baseRate + minRate) / 2, schedule.LearningRate(50), 1e-15);
        Assert.Equal(minRate, schedule.LearningRate(100));
        Assert.Equal(minRate, schedule.LearningRate(10_000));

        // A quarter of the way: cos(π/4) = √2/2.
        Assert.Equal(minRate + (baseRate - minRate) * (1 + Math.Sqrt(0.5)) / 2, schedule.LearningRate(25), 1e-15);

        // Symmetric about the midpoint, and never rising.
        Assert.Equal(baseRate + minRate, schedule.LearningRate(20) + schedule.LearningRate(80), 1e-15);
        double[] rates = [.. Enumerable.Range(0, 101).Select(s => schedule.LearningRate(s))];
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.Second} follows {pair.First}."));
    }

    [Fact]
    public void Cosine_warmup_ramps_linearly_to_the_base_rate()
    {
        var schedule = new CosineLearningRate(baseRate: 0.1, minRate: 0, totalSteps: 104, warmupSteps: 4);
        double[] warmup = [.. Enumerable.Range(0, 5).Select(s => schedule.LearningRate(s))];
        Assert.Equal([0.02, 0.04, 0.06, 0.08, 0.1], warmup, (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.All(warmup.Zip(warmup.Skip(1)), pair => Assert.Equal(0.02, pair.Second - pair.First, 1e-15));
        Assert.Equal(0.1, schedule.LearningRate(4));

        // The cosine then spans the 100 steps after the warmup.
        Assert.Equal(0.05, schedule.LearningRate(54), 1e-15);
        Assert.Equal(0.1 * (1 + Math.Cos(Math.PI * 0.3)) / 2, schedule.LearningRate(34), 1e-15);
        Assert.Equal(0.0, schedule.LearningRate(104));
    }

    [Fact]
    public void A_schedule_drives_an_optimizers_learning_rate_per_epoch()
    {
        // Plain SGD (momentum 0) on the gradient 1 moves θ by exactly the rate of each epoch's step.
        ILearningRateSchedule schedule = new StepDecayLearningRate(0.5, stepSize: 2, gamma: 0.5);
        var sgd = new SgdMomentum<double>(learningRate: 1, momentum: 0);
        double[] theta = [0];
        for (long epoch = 0; epoch < 5; epoch++)
        {
            sgd.LearningRate = schedule.LearningRate(epoch);
            sgd.Step(theta, [1.0]);
        }

        Assert.Equal(-(0.5 + 0.5 + 0.25 + 0.25 + 0.125), theta[0]);
    }

    [Fact]
    public void Arguments_out_of_range_are_refused()
    {
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate(-1)).ParamName);
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate(double.NaN)).ParamName);
        Assert.Equal("baseRate", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecayLearningRate(double.PositiveInfinity, 1, 0.5)).ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecayLearningRate(0.1, 0, 0.5)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecayLearningRate(0.1, 1, 0)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecayLearningRate(0.1, 1, 1.5)).ParamName);
        Assert.Equal("baseRate", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(-0.1, 0, 10)).ParamName);
        Assert.Equal("minRate", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1, -0.01, 10)).ParamName);
        Assert.Equal("minRate", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1, 0.2, 10)).ParamName);
        Assert.Equal("totalSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1, 0, 0)).ParamName);
        Assert.Equal("warmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1, 0, 10, 10)).ParamName);
        Assert.Equal("warmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineLearningRate(0.1, 0, 10, -1)).ParamName);

        foreach (ILearningRateSchedule schedule in new ILearningRateSchedule[]
        {
            new ConstantLearningRate(0.1), new StepDecayLearningRate(0.1, 1, 0.5), new CosineLearningRate(0.1, 0, 10, 2),
        })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRate(-1));
            Assert.Equal("step", e.ParamName);
            Assert.Equal(-1L, e.ActualValue);
        }
    }
}
