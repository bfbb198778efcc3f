using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Normalization;

/// <summary>Two batch normalizations (one after each convolution), global average pooling and a classifier, in double.</summary>
[Network(InputHeight = 6, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 6)]
[BatchNorm2D]
[Tanh]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 9)]
[BatchNorm2D(Epsilon = 1e-3, Momentum = 0.2)]
[GlobalAvgPool2D]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class NormalizedNet { }

/// <summary>The same architecture in float, for the save and load round trip.</summary>
[Network(InputHeight = 6, InputWidth = 5, InputChannels = 2)]
[Conv2D(f: 3, pad: 1, Filters = 6)]
[BatchNorm2D]
[Tanh]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 9)]
[BatchNorm2D(Epsilon = 1e-3, Momentum = 0.2)]
[GlobalAvgPool2D]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class NormalizedSingleNet { }

public class BatchNormNetworkTests
{
    private const int Batch = 3;

    [Fact]
    public void Constants_count_scale_and_shift_as_parameters_and_the_running_statistics_as_state()
    {
        Assert.Equal(2 * 9 * 6 + 6 + 2 * 6 + 6 * 9 * 9 + 9 + 2 * 9 + 9 * 4 + 4, NormalizedNet.ParameterCount);
        Assert.Equal(2 * 6 + 2 * 9, NormalizedNet.StateCount);
        Assert.Contains("| batchnorm2d eps 1E-05 momentum 0.1 -> 6x5x6 |", NormalizedNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| batchnorm2d eps 0.001 momentum 0.2 -> 3x3x9 |", NormalizedNet.Architecture, StringComparison.Ordinal);

        using var net = new NormalizedNet(Batch, seed: 1);
        Assert.True(net.Training);
        Assert.All(net.Parameters.Slice(NormalizedNet.Layer2WeightsOffset, 6).ToArray(), v => Assert.Equal(1.0, v));
        Assert.All(net.Parameters.Slice(NormalizedNet.Layer2BiasOffset, 6).ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(net.RunningStatistics.Slice(NormalizedNet.Layer5RunningMeanOffset, 9).ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(net.RunningStatistics.Slice(NormalizedNet.Layer5RunningVarianceOffset, 9).ToArray(), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Training_mode_equals_the_generic_kernels_composed_and_updates_the_running_statistics()
    {
        using var net = new NormalizedNet(Batch, seed: 2);
        Randomize(net.Parameters, 3);
        double[] inputs = NetworkTestData.Inputs<double>(Batch * NormalizedNet.InputLength, 4);
        double[] statistics = net.RunningStatistics.ToArray();
        double[] probabilities = net.Forward(inputs).ToArray();

        double[] expected = Compose(net.Parameters.ToArray(), statistics, inputs, training: true);
        Assert.Equal(expected, probabilities, new Tolerance(1e-12));
        Assert.Equal(statistics, net.RunningStatistics.ToArray(), new Tolerance(1e-12));
        Assert.NotEqual(new NormalizedNet(Batch, seed: 2).RunningStatistics.ToArray(), statistics);
    }

    [Fact]
    public void Evaluation_mode_uses_and_keeps_the_running_statistics()
    {
        using var net = new NormalizedNet(Batch, seed: 5);
        Randomize(net.Parameters, 6);
        double[] inputs = NetworkTestData.Inputs<double>(Batch * NormalizedNet.InputLength, 7);
        net.Forward(inputs);
        net.Forward(NetworkTestData.Inputs<double>(Batch * NormalizedNet.InputLength, 8));
        double[] statistics = net.RunningStatistics.ToArray();

        net.Training = false;
        double[] probabilities = net.Forward(inputs).ToArray();
        Assert.Equal(statistics, net.RunningStatistics.ToArray());
        Assert.Equal(Compose(net.Parameters.ToArray(), statistics.ToArray(), inputs, training: false), probabilities, new Tolerance(1e-12));

        // One example at a time gives the same in evaluation mode: nothing depends on the rest of the batch.
        int[] together = new int[Batch], alone = new int[1];
        net.Predict(inputs, together);
        net.Predict(inputs.AsSpan(NormalizedNet.InputLength, NormalizedNet.InputLength), alone);
        Assert.Equal(together[1], alone[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Gradients_are_those_of_finite_differences_in_either_mode(bool training)
    {
        using var net = new NormalizedNet(Batch, seed: 9);
        Randomize(net.Parameters, 10);
        double[] inputs = NetworkTestData.Inputs<double>(Batch * NormalizedNet.InputLength, 11);
        int[] labels = NetworkTestData.Labels(Batch, NormalizedNet.ClassCount, 12);
        net.Forward(NetworkTestData.Inputs<double>(Batch * NormalizedNet.InputLength, 13), labels); // running statistics away from 0 and 1
        net.Training = training;
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();

        FiniteDifferences.Check($"training {training}, parameter", analytic, 2, i => net.Parameters[i], (i, value) => net.Parameters[i] = value, () => net.Forward(inputs, labels));
    }

    [Fact]
    public void Save_and_load_carry_the_running_statistics()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cnngen-bn-{Guid.NewGuid():N}.bin");
        try
        {
            using var trained = new NormalizedSingleNet(Batch, seed: 14);
            trained.Forward(NetworkTestData.Inputs<float>(Batch * NormalizedSingleNet.InputLength, 15));
            trained.Save(path);

            using var restored = new NormalizedSingleNet(Batch, seed: 16);
            restored.Load(path);
            Assert.Equal(trained.Parameters.ToArray(), restored.Parameters.ToArray());
            Assert.Equal(trained.RunningStatistics.ToArray(), restored.RunningStatistics.ToArray());

            // A file of another architecture leaves both as they were.
            using var other = new NormalizedNet(Batch, seed: 17);
            double[] parameters = other.Parameters.ToArray(), statistics = other.RunningStatistics.ToArray();
            Assert.Throws<InvalidDataException>(() => other.Load(path));
            Assert.Equal(parameters, other.Parameters.ToArray());
            Assert.Equal(statistics, other.RunningStatistics.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_threads_compute_what_one_thread_does(bool training)
    {
        // The batch normalizations run on the calling thread over the whole batch, between the shards' runs.
        using var one = new NormalizedNet(7, seed: 18);
        using var two = new NormalizedNet(7, seed: 18, threads: 2);
        double[] inputs = NetworkTestData.Inputs<double>(7 * NormalizedNet.InputLength, 19);
        int[] labels = NetworkTestData.Labels(7, NormalizedNet.ClassCount, 20);
        one.Forward(NetworkTestData.Inputs<double>(7 * NormalizedNet.InputLength, 21));
        two.Forward(NetworkTestData.Inputs<double>(7 * NormalizedNet.InputLength, 21));
        one.Training = training;
        two.Training = training;

        Assert.Equal(one.ComputeGradients(inputs, labels), two.ComputeGradients(inputs, labels), 12);
        Assert.Equal(one.Probabilities.ToArray(), two.Probabilities.ToArray(), new Tolerance(1e-12));
        Assert.Equal(one.Gradients.ToArray(), two.Gradients.ToArray(), new Tolerance(1e-10));
        Assert.Equal(one.InputGradient.ToArray(), two.InputGradient.ToArray(), new Tolerance(1e-10));
        Assert.Equal(one.RunningStatistics.ToArray(), two.RunningStatistics.ToArray(), new Tolerance(1e-12));

        int[] predictionsOne = new int[7], predictionsTwo = new int[7];
        one.Predict(inputs, predictionsOne);
        two.Predict(inputs, predictionsTwo);
        Assert.Equal(predictionsOne, predictionsTwo);
    }

    /// <summary>The network's forward pass from the generic kernels; updates <paramref name="statistics"/> in training mode.</summary>
    private static double[] Compose(double[] parameters, double[] statistics, double[] inputs, bool training)
    {
        var conv1 = new Conv2DGeometry(6, 5, 2, filters: 6, filterSize: 3, pad: 1);
        var norm1 = new BatchNorm2DGeometry(6, 5, 6);
        var conv2 = new Conv2DGeometry(6, 5, 6, filters: 9, filterSize: 3, stride: 2, pad: 1);
        var norm2 = new BatchNorm2DGeometry(3, 3, 9, epsilon: 1e-3, momentum: 0.2);
        var pool = new GlobalPool2DGeometry(3, 3, 9);
        var dense = new DenseGeometry(9, 4);
        Span<double> p = parameters;
        Span<double> s = statistics;

        double[] a1 = new double[Batch * conv1.OutputLength], b1 = new double[a1.Length], t1 = new double[a1.Length];
        Conv2DKernels.Forward<double>(conv1, inputs, p.Slice(NormalizedNet.Layer1WeightsOffset, NormalizedNet.Layer1WeightsLength), p.Slice(NormalizedNet.Layer1BiasOffset, 6), a1);
        Normalize(norm1, a1, p.Slice(NormalizedNet.Layer2WeightsOffset, 6), p.Slice(NormalizedNet.Layer2BiasOffset, 6), s.Slice(NormalizedNet.Layer2RunningMeanOffset, 6), s.Slice(NormalizedNet.Layer2RunningVarianceOffset, 6), b1, training);
        TanhKernels.Forward<double>(b1, t1);

        double[] a2 = new double[Batch * conv2.OutputLength], b2 = new double[a2.Length];
        Conv2DKernels.Forward<double>(conv2, t1, p.Slice(NormalizedNet.Layer4WeightsOffset, NormalizedNet.Layer4WeightsLength), p.Slice(NormalizedNet.Layer4BiasOffset, 9), a2);
        Normalize(norm2, a2, p.Slice(NormalizedNet.Layer5WeightsOffset, 9), p.Slice(NormalizedNet.Layer5BiasOffset, 9), s.Slice(NormalizedNet.Layer5RunningMeanOffset, 9), s.Slice(NormalizedNet.Layer5RunningVarianceOffset, 9), b2, training);

        double[] pooled = new double[Batch * 9], logits = new double[Batch * 4], probabilities = new double[Batch * 4];
        GlobalAvgPool2DKernels.Forward<double>(pool, b2, pooled);
        DenseKernels.Forward<double>(dense, pooled, p.Slice(NormalizedNet.Layer7WeightsOffset, 36), p.Slice(NormalizedNet.Layer7BiasOffset, 4), logits);
        SoftmaxCrossEntropyKernels.Softmax<double>(4, logits, probabilities);
        return probabilities;
    }

    private static void Normalize(in BatchNorm2DGeometry geometry, double[] input, Span<double> scale, Span<double> shift, Span<double> mean, Span<double> variance, double[] output, bool training)
    {
        if (training)
        {
            BatchNorm2DKernels.ForwardTraining<double>(geometry, input, scale, shift, output, mean, variance);
        }
        else
        {
            BatchNorm2DKernels.ForwardEvaluation<double>(geometry, input, scale, shift, mean, variance, output);
        }
    }

    /// <summary>Scale and shift away from 1 and 0, so that a mistake in either shows.</summary>
    private static void Randomize(Span<double> parameters, ulong seed)
    {
        double[] values = NetworkTestData.Inputs<double>(parameters.Length, seed);
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 0.5 * parameters[i] + 0.8 * values[i] - 0.4;
        }
    }

    private sealed class Tolerance(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= relative * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

        public int GetHashCode(double obj) => 0;
    }
}
