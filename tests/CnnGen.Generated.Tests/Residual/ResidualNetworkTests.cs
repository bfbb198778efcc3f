using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Residual;

/// <summary>Two basic blocks, the second downsampling with a projection, in double (tanh, smooth for finite differences).</summary>
[Network(InputHeight = 6, InputWidth = 6, InputChannels = 3, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 4, Bias = false)]
[BatchNorm2D]
[Tanh]
[Shortcut("a")]
[Conv2D(f: 3, pad: 1, Filters = 4, Bias = false)]
[BatchNorm2D]
[Tanh]
[Conv2D(f: 3, pad: 1, Filters = 4, Bias = false)]
[BatchNorm2D]
[AddShortcut("a")]
[Tanh]
[Shortcut("b")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 8, Bias = false)]
[BatchNorm2D]
[Tanh]
[Conv2D(f: 3, pad: 1, Filters = 8, Bias = false)]
[BatchNorm2D]
[AddShortcut("b", Projection = true)]
[Tanh]
[GlobalAvgPool2D]
[Dense(5)]
[SoftmaxCrossEntropy]
public partial class ResidualNet { }

/// <summary>relu(x) + x: the ReLU right after the marker must not overwrite the kept activation.</summary>
[Network(InputHeight = 3, InputWidth = 3, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 2)]
[Shortcut("kept")]
[ReLU]
[AddShortcut("kept")]
[Flatten]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class KeptNet { }

/// <summary>x ↦ conv(x) + BN(conv1×1, stride 2 (x)) on the network's input itself.</summary>
[Network(InputHeight = 5, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Shortcut("input")]
[Conv2D(f: 3, stride: 2, pad: 1, Filters = 6, Bias = false)]
[AddShortcut("input", Projection = true)]
[Flatten]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class ProjectedNet { }

public class ResidualNetworkTests
{
    [Fact]
    public void Constants_and_signature_name_the_connections()
    {
        Assert.Contains("| shortcut a -> 6x6x4 |", ResidualNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| add a -> 6x6x4 |", ResidualNet.Architecture, StringComparison.Ordinal);
        Assert.Contains("| add b projection s2 -> 3x3x8 |", ResidualNet.Architecture, StringComparison.Ordinal);
        Assert.Equal(4 * 8, ResidualNet.Layer18ProjectionWeightsLength);
        Assert.Equal(
            3 * 9 * 4 + 8 + (4 * 9 * 4 + 8) * 2 + 4 * 9 * 8 + 16 + 8 * 9 * 8 + 16 + (4 * 8 + 16) + 8 * 5 + 5,
            ResidualNet.ParameterCount);
        Assert.Equal(2 * (4 + 4 + 4 + 8 + 8 + 8), ResidualNet.StateCount);
    }

    [Fact]
    public void An_identity_shortcut_adds_the_kept_activation()
    {
        using var net = new KeptNet(2, seed: 1);
        double[] inputs = NetworkTestData.Inputs<double>(2 * KeptNet.InputLength, 2);
        double[] probabilities = net.Forward(inputs).ToArray();

        Span<double> p = net.Parameters;
        var conv = new Conv2DGeometry(3, 3, 2, filters: 2, filterSize: 3, pad: 1);
        double[] convolved = new double[2 * conv.OutputLength], rectified = new double[convolved.Length], sum = new double[convolved.Length];
        Conv2DKernels.Forward<double>(conv, inputs, p.Slice(KeptNet.Layer1WeightsOffset, KeptNet.Layer1WeightsLength), p.Slice(KeptNet.Layer1BiasOffset, 2), convolved);
        ReLUKernels.Forward<double>(convolved, rectified);
        ResidualKernels.Add<double>(rectified, convolved, sum);
        Assert.Equal(Classify(sum, p.Slice(KeptNet.Layer6WeightsOffset, 18 * 3), p.Slice(KeptNet.Layer6BiasOffset, 3), 18), probabilities, new Tolerance(1e-12));
        Assert.Contains(convolved, v => v < 0); // the ReLU had something to overwrite
    }

    [Fact]
    public void A_projection_adds_the_normalized_strided_1x1_convolution_of_the_kept_activation()
    {
        using var net = new ProjectedNet(3, seed: 3);
        double[] inputs = NetworkTestData.Inputs<double>(3 * ProjectedNet.InputLength, 4);
        Span<double> p = net.Parameters;
        double[] values = NetworkTestData.Inputs<double>(p.Length, 5);
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = values[i] - 0.5; // scale and shift away from 1 and 0
        }

        double[] statistics = net.RunningStatistics.ToArray();
        double[] probabilities = net.Forward(inputs).ToArray();

        var main = new Conv2DGeometry(5, 5, 2, filters: 6, filterSize: 3, stride: 2, pad: 1);
        var projection = new Conv2DGeometry(5, 5, 2, filters: 6, filterSize: 1, stride: 2);
        var norm = new BatchNorm2DGeometry(3, 3, 6);
        double[] a = new double[3 * main.OutputLength], b = new double[a.Length], c = new double[a.Length], sum = new double[a.Length];
        Conv2DKernels.Forward<double>(main, inputs, p.Slice(ProjectedNet.Layer2WeightsOffset, ProjectedNet.Layer2WeightsLength), new double[6], a);
        Conv2DKernels.Forward<double>(projection, inputs, p.Slice(ProjectedNet.Layer3ProjectionWeightsOffset, 12), new double[6], b);
        Span<double> s = statistics;
        BatchNorm2DKernels.ForwardTraining<double>(norm, b, p.Slice(ProjectedNet.Layer3ProjectionScaleOffset, 6), p.Slice(ProjectedNet.Layer3ProjectionShiftOffset, 6), c, s.Slice(ProjectedNet.Layer3RunningMeanOffset, 6), s.Slice(ProjectedNet.Layer3RunningVarianceOffset, 6));
        ResidualKernels.Add<double>(a, c, sum);
        Assert.Equal(Classify(sum, p.Slice(ProjectedNet.Layer5WeightsOffset, 54 * 3), p.Slice(ProjectedNet.Layer5BiasOffset, 3), 54), probabilities, new Tolerance(1e-12));
        Assert.Equal(statistics, net.RunningStatistics.ToArray(), new Tolerance(1e-12));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_residual_network_has_the_gradient_of_finite_differences(bool training)
    {
        using var net = new ResidualNet(3, seed: 6);
        double[] inputs = NetworkTestData.Inputs<double>(3 * ResidualNet.InputLength, 7);
        int[] labels = NetworkTestData.Labels(3, ResidualNet.ClassCount, 8);
        net.Forward(NetworkTestData.Inputs<double>(3 * ResidualNet.InputLength, 9), labels);
        net.Training = training;
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();
        FiniteDifferences.Check($"training {training}, parameter", analytic, 5, i => net.Parameters[i], (i, value) => net.Parameters[i] = value, () => net.Forward(inputs, labels));

        // The input gradient too: it takes the first block's shortcut.
        FiniteDifferences.Check($"training {training}, input", net.InputGradient.ToArray(), 7, i => inputs[i], (i, value) => inputs[i] = value, () => net.Forward(inputs, labels));
    }

    [Fact]
    public void Two_threads_compute_what_one_thread_does()
    {
        using var one = new ResidualNet(5, seed: 13);
        using var two = new ResidualNet(5, seed: 13, threads: 2);
        double[] inputs = NetworkTestData.Inputs<double>(5 * ResidualNet.InputLength, 14);
        int[] labels = NetworkTestData.Labels(5, ResidualNet.ClassCount, 15);
        var sgdOne = new SgdMomentum<double>(0.05, 0.9, 1e-4);
        var sgdTwo = new SgdMomentum<double>(0.05, 0.9, 1e-4);
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(one.TrainStep(inputs, labels, sgdOne), two.TrainStep(inputs, labels, sgdTwo), 10);
        }

        Assert.Equal(one.Parameters.ToArray(), two.Parameters.ToArray(), new Tolerance(1e-9));
        Assert.Equal(one.RunningStatistics.ToArray(), two.RunningStatistics.ToArray(), new Tolerance(1e-9));
        Assert.Equal(one.InputGradient.ToArray(), two.InputGradient.ToArray(), new Tolerance(1e-9));
    }

    [Fact]
    public void Save_and_load_carry_the_projection_statistics()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cnngen-residual-{Guid.NewGuid():N}.bin");
        try
        {
            using var trained = new ResidualNet(2, seed: 10);
            trained.Forward(NetworkTestData.Inputs<double>(2 * ResidualNet.InputLength, 11));
            trained.Save(path);
            using var restored = new ResidualNet(2, seed: 12);
            restored.Load(path);
            Assert.Equal(trained.Parameters.ToArray(), restored.Parameters.ToArray());
            Assert.Equal(trained.RunningStatistics.ToArray(), restored.RunningStatistics.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double[] Classify(double[] features, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, int length)
    {
        int batch = features.Length / length;
        double[] logits = new double[batch * 3], probabilities = new double[batch * 3];
        DenseKernels.Forward<double>(new DenseGeometry(length, 3), features, weights, bias, logits);
        SoftmaxCrossEntropyKernels.Softmax<double>(3, logits, probabilities);
        return probabilities;
    }

    private sealed class Tolerance(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= relative * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

        public int GetHashCode(double obj) => 0;
    }
}
