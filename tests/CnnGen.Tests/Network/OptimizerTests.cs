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

    // 19 doubles run through every SIMD width (8 + 8, then 2) and the scalar tail (1).
    private const int ReferenceLength = 19;

    private static double[] ReferenceStart() => [.. Enumerable.Range(0, ReferenceLength).Select(i => ((i * 7) % 11 - 5) / 3.0)];

    /// <summary>
    /// The gradient of ½·Σ c_i·(θ_i − μ_i)² with curvatures c_i from 0.5 to 5 and minima μ_i of 1, 0.5 and 0. (With
    /// all μ_i = 0, L2 decay would only rescale each gradient, which Adam nearly ignores.)
    /// </summary>
    private static double[] ReferenceGradient(double[] theta) => [.. theta.Select((t, i) => (0.5 + (i % 10) / 2.0) * (t - (1 - (i % 3) / 2.0)))];

    /// <summary>The learning rate of step <paramref name="step"/> (from 0), changed every step as a schedule would.</summary>
    private static double ReferenceRate(int step) => 0.1 / (1 + step);

    /// <summary>Adam with weight decay as its formulas read, one parameter at a time, in double.</summary>
    private static double[] ReferenceAdam(int steps, double beta1, double beta2, double epsilon, double weightDecay, WeightDecayMode mode)
    {
        double[] theta = ReferenceStart();
        double[] m = new double[theta.Length];
        double[] v = new double[theta.Length];
        for (int step = 0; step < steps; step++)
        {
            int t = step + 1;
            double rate = ReferenceRate(step);
            double[] gradient = ReferenceGradient(theta);
            for (int i = 0; i < theta.Length; i++)
            {
                double g = mode == WeightDecayMode.L2 ? gradient[i] + weightDecay * theta[i] : gradient[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                if (mode == WeightDecayMode.Decoupled)
                {
                    theta[i] -= rate * weightDecay * theta[i];
                }

                theta[i] -= rate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        }

        return theta;
    }

    private static double[] RunAdam(Adam<double> adam, int steps)
    {
        double[] theta = ReferenceStart();
        for (int step = 0; step < steps; step++)
        {
            adam.LearningRate = ReferenceRate(step);
            adam.Step(theta, ReferenceGradient(theta));
        }

        return theta;
    }

    [Theory]
    [InlineData(WeightDecayMode.L2)]
    [InlineData(WeightDecayMode.Decoupled)]
    public void Adam_weight_decay_matches_the_scalar_formulas(WeightDecayMode mode)
    {
        const int steps = 6;
        var adam = new Adam<double>(0.1, 0.8, 0.99, 1e-6, weightDecay: 0.3, mode);
        Assert.Equal((0.3, mode), (adam.WeightDecay, adam.WeightDecayMode));
        double[] actual = RunAdam(adam, steps);
        double[] expected = ReferenceAdam(steps, 0.8, 0.99, 1e-6, 0.3, mode);
        double[] withoutDecay = ReferenceAdam(steps, 0.8, 0.99, 1e-6, 0, mode);
        for (int i = 0; i < ReferenceLength; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-13);
        }

        // The decay moved the parameters far beyond the tolerance, so the comparison above could tell it was missing.
        Assert.True(expected.Zip(withoutDecay).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Adam_weight_decay_first_steps_by_hand()
    {
        // θ = 1, g = 1, lr = 0.1, wd = 0.5. L2: g' = 1.5 and Adam's first step is lr·g'/(|g'| + ε), nearly lr whatever
        // the decay. Decoupled: θ·(1 − 0.05) − lr·g/(|g| + ε).
        double[] l2 = [1];
        new Adam<double>(0.1, 0.9, 0.999, 1e-8, 0.5, WeightDecayMode.L2).Step(l2, [1.0]);
        Assert.Equal(1 - 0.1 * 1.5 / (1.5 + 1e-8), l2[0], 15);

        double[] decoupled = [1];
        new Adam<double>(0.1, 0.9, 0.999, 1e-8, 0.5, WeightDecayMode.Decoupled).Step(decoupled, [1.0]);
        Assert.Equal(0.95 - 0.1 / (1 + 1e-8), decoupled[0], 15);

        // The default mode is L2, as in PyTorch's Adam.
        Assert.Equal(WeightDecayMode.L2, new Adam<double>(0.1, 0.9, 0.999, 1e-8, 0.5).WeightDecayMode);
    }

    [Fact]
    public void Adam_without_weight_decay_gives_exactly_the_plain_results_in_either_mode()
    {
        // 1,003 floats (every SIMD width and the tail) over several steps; bit for bit the same as the plain constructor.
        const int n = 1003;
        var random = new DeterministicRandom(17);
        float[] start = Array.ConvertAll(GradientCheck.Random(n, random), v => (float)v);
        float[][] gradients = [.. Enumerable.Range(0, 4).Select(_ => Array.ConvertAll(GradientCheck.Random(n, random), v => (float)v))];
        Adam<float>[] optimizers =
        [
            new Adam<float>(0.01f, 0.9f, 0.999f, 1e-8f),
            new Adam<float>(0.01f, 0.9f, 0.999f, 1e-8f, 0f, WeightDecayMode.L2),
            new Adam<float>(0.01f, 0.9f, 0.999f, 1e-8f, 0f, WeightDecayMode.Decoupled),
        ];
        float[][] results = [.. optimizers.Select(optimizer =>
        {
            float[] theta = (float[])start.Clone();
            foreach (float[] gradient in gradients)
            {
                optimizer.Step(theta, gradient);
            }

            return theta;
        })];

        Assert.Equal(0f, optimizers[0].WeightDecay);
        Assert.NotEqual(start, results[0]);
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);

        // And the plain steps are still Adam's formulas.
        double[] expected = ReferenceAdam(5, 0.8, 0.99, 1e-6, 0, WeightDecayMode.L2);
        double[] actual = RunAdam(new Adam<double>(0.1, 0.8, 0.99, 1e-6), 5);
        for (int i = 0; i < ReferenceLength; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-13);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void Sgd_weight_decay_matches_the_scalar_formulas(double weightDecay)
    {
        const int steps = 6;
        double[] theta = ReferenceStart();
        double[] expected = ReferenceStart();
        double[] velocity = new double[ReferenceLength];
        var sgd = new SgdMomentum<double>(0.1, 0.9, weightDecay);
        for (int step = 0; step < steps; step++)
        {
            sgd.LearningRate = ReferenceRate(step);
            sgd.Step(theta, ReferenceGradient(theta));

            double[] gradient = ReferenceGradient(expected);
            for (int i = 0; i < ReferenceLength; i++)
            {
                velocity[i] = 0.9 * velocity[i] + gradient[i] + weightDecay * expected[i];
                expected[i] -= ReferenceRate(step) * velocity[i];
            }
        }

        for (int i = 0; i < ReferenceLength; i++)
        {
            Assert.Equal(expected[i], theta[i], 1e-13);
        }

        Assert.NotEqual(ReferenceStart(), theta);
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
        foreach (double decay in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(0.1, 0.9, 0.999, 1e-8, decay)).ParamName);
        }

        Assert.Equal("weightDecayMode", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>(0.1, 0.9, 0.999, 1e-8, 0.1, (WeightDecayMode)2)).ParamName);
        var sgd = new SgdMomentum<double>(0.1, 0.9);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.PositiveInfinity);
        var adam = new Adam<double>(0.1);
        adam.LearningRate = 0.02;
        Assert.Equal(0.02, adam.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = -0.02);
    }
}
