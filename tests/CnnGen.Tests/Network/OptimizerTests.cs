namespace CnnGen.Tests.Network;

public class OptimizerTests
{
    // The quadratic loss ½·Σ a_i·θ_i² with a = (1, 3) has gradient a_i·θ_i; θ starts at (1, −2).
    private static readonly double[] Curvature = [1, 3];

    private static double[] Gradient(double[] theta) => [Curvature[0] * theta[0], Curvature[1] * theta[1]];

    [Fact]
    public void Sgd_momentum_matches_hand_computed_steps()
    {
        var optimizer = new SgdMomentum<double>(learningRate: 0.1, momentum: 0.9);
        double[] theta = [1, -2];

        // Step 1: g = (1, −6), v = g, θ = θ − 0.1·v = (0.9, −1.4).
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(0.9, theta[0], 15);
        Assert.Equal(-1.4, theta[1], 15);

        // Step 2: g = (0.9, −4.2), v = 0.9·(1, −6) + g = (1.8, −9.6), θ = (0.9 − 0.18, −1.4 + 0.96) = (0.72, −0.44).
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(0.72, theta[0], 15);
        Assert.Equal(-0.44, theta[1], 15);
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Sgd_weight_decay_adds_the_L2_gradient()
    {
        var optimizer = new SgdMomentum<double>(0.1, 0.9, weightDecay: 0.01);
        double[] theta = [1, -2];

        // Step 1: g' = (1 + 0.01, −6 − 0.02) = (1.01, −6.02), θ = (0.899, −1.398).
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(0.899, theta[0], 15);
        Assert.Equal(-1.398, theta[1], 15);

        // Step 2: g' = (0.899 + 0.00899, −4.194 − 0.01398) = (0.90799, −4.20798),
        // v = 0.9·(1.01, −6.02) + g' = (1.81699, −9.62598), θ = (0.717301, −0.435402).
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(0.717301, theta[0], 14);
        Assert.Equal(-0.435402, theta[1], 14);
    }

    [Fact]
    public void Adam_matches_hand_computed_steps()
    {
        var optimizer = new Adam<double>(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        double[] theta = [1, -2];

        // Step 1: m̂ = g and v̂ = g², so each parameter moves by lr·g/(|g| + ε):
        // θ = (1 − 0.1/(1 + 1e-8), −2 + 0.1·6/(6 + 1e-8)).
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(1 - 0.1 / (1 + 1e-8), theta[0], 15);
        Assert.Equal(-2 + 0.1 * 6 / (6 + 1e-8), theta[1], 15);

        // Step 2: g = (θ0, 3·θ1); m = 0.9·0.1·g1 + 0.1·g2, v = 0.999·0.001·g1² + 0.001·g2²,
        // θ −= 0.1·(m/0.19)/(√(v/0.001999) + ε).
        double[] g1 = [1, -6];
        double[] g2 = [1 - 0.1 / (1 + 1e-8), 3 * (-2 + 0.1 * 6 / (6 + 1e-8))];
        double[] before = [g2[0], g2[1] / 3];
        for (int i = 0; i < 2; i++)
        {
            double m = 0.9 * 0.1 * g1[i] + 0.1 * g2[i];
            double v = 0.999 * 0.001 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i];
            before[i] -= 0.1 * (m / (1 - 0.81)) / (Math.Sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        }

        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(before[0], theta[0], 14);
        Assert.Equal(before[1], theta[1], 14);

        // The same values, worked out independently to 16 digits.
        Assert.Equal(0.8004122297123382, theta[0], 14);
        Assert.Equal(-1.800166485947237, theta[1], 14);
    }

    [Fact]
    public void Vectorized_steps_agree_with_the_scalar_formulas_on_long_buffers()
    {
        // 1,000 + 3 values run through every SIMD width and the scalar tail.
        const int n = 1003;
        var random = new DeterministicRandom(5);
        float[] theta = Array.ConvertAll(GradientCheck.Random(n, random), v => (float)v);
        float[] gradient = Array.ConvertAll(GradientCheck.Random(n, random), v => (float)v);
        float[] adamTheta = (float[])theta.Clone();
        float[] sgdTheta = (float[])theta.Clone();
        var adam = new Adam<float>(0.01f);
        var sgd = new SgdMomentum<float>(0.05f, 0.5f, 0.001f);
        adam.Step(adamTheta, gradient);
        sgd.Step(sgdTheta, gradient);
        for (int i = 0; i < n; i++)
        {
            double g = gradient[i];
            double adamExpected = theta[i] - 0.01 * (0.1 * g / 0.1) / (Math.Sqrt(0.001 * g * g / 0.001) + 1e-8);
            Assert.Equal(adamExpected, adamTheta[i], 1e-6);
            double sgdExpected = theta[i] - 0.05 * (g + 0.001 * theta[i]);
            Assert.Equal(sgdExpected, sgdTheta[i], 1e-6);
        }
    }

    [Fact]
    public void Optimizers_minimize_a_quadratic()
    {
        foreach (IOptimizer<double> optimizer in new IOptimizer<double>[] { new SgdMomentum<double>(0.05, 0.9), new Adam<double>(0.05) })
        {
            double[] theta = [1, -2];
            for (int step = 0; step < 500; step++)
            {
                optimizer.Step(theta, Gradient(theta));
            }

            Assert.True(Math.Abs(theta[0]) < 1e-3 && Math.Abs(theta[1]) < 1e-3, $"{optimizer.GetType().Name} ended at ({theta[0]}, {theta[1]}).");
        }
    }

    [Fact]
    public void State_is_bound_to_the_first_parameter_count_and_reset_forgets_it()
    {
        var optimizer = new Adam<double>(0.1);
        Assert.Null(optimizer.ParameterCount);
        double[] theta = [1, -2];
        optimizer.Step(theta, Gradient(theta));
        Assert.Equal(2, optimizer.ParameterCount);

        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[3], new double[3]));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("bound to 2 parameters", e.Message, StringComparison.Ordinal);
        Assert.Equal("gradients", Assert.Throws<ArgumentException>(() => optimizer.Step(new double[2], new double[3])).ParamName);

        optimizer.Reset();
        Assert.Equal(0, optimizer.StepCount);
        double[] fresh = [1, -2];
        optimizer.Step(fresh, Gradient(fresh));
        Assert.Equal(1 - 0.1 / (1 + 1e-8), fresh[0], 15);
    }

    [Fact]
    public void Steps_do_not_allocate()
    {
        var random = new DeterministicRandom(9);
        double[] theta = GradientCheck.Random(4096, random);
        double[] gradient = GradientCheck.Random(4096, random);
        var adam = new Adam<double>(0.001);
        var sgd = new SgdMomentum<double>(0.01, 0.9);
        adam.Step(theta, gradient);
        sgd.Step(theta, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            adam.Step(theta, gradient);
            sgd.Step(theta, gradient);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Hyperparameters_out_of_range_are_refused()
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<double>(-0.1, 0.9)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<double>(0.1, 1.0)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum<double>(0.1, 0.9, -1)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(float.NaN)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(0.1f, 1f, 0.999f, 1e-8f)).ParamName);
        Assert.Equal("beta2", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(0.1f, 0.9f, -0.1f, 1e-8f)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<float>(0.1f, 0.9f, 0.999f, 0f)).ParamName);
        var sgd = new SgdMomentum<double>(0.1, 0.9);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.PositiveInfinity);
    }
}
