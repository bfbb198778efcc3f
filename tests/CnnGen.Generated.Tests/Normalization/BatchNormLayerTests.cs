using System.Numerics;
using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Normalization;

/// <summary>Six channels: a Vector128 and a scalar tail in float; three Vector128 doubles.</summary>
[BatchNorm2D(InputHeight = 4, InputWidth = 3, InputChannels = 6)]
public partial class SmallNorm { }

/// <summary>71 channels and PyTorch-style constants other than the defaults.</summary>
[BatchNorm2D(Epsilon = 1e-3, Momentum = 0.3, InputHeight = 3, InputWidth = 3, InputChannels = 71)]
public partial class OddNorm { }

/// <summary>1,100 channels: scratch from the array pool rather than the stack.</summary>
[BatchNorm2D(InputHeight = 2, InputWidth = 1, InputChannels = 1100)]
public partial class WideNorm { }

/// <summary>One pixel: statistics over the batch alone.</summary>
[BatchNorm2D(InputHeight = 1, InputWidth = 1, InputChannels = 16)]
public partial class FlatNorm { }

public class BatchNormLayerTests
{
    [Fact]
    public void Constants_follow_the_attribute()
    {
        Assert.Equal((1e-5, 0.1), (SmallNorm.Epsilon, SmallNorm.Momentum));
        Assert.Equal((1e-3, 0.3), (OddNorm.Epsilon, OddNorm.Momentum));
        Assert.Equal(12, SmallNorm.Pixels);
        Assert.Equal(SmallNorm.InputLength, SmallNorm.OutputLength);
    }

    [Fact]
    public void Generated_layers_equal_the_generic_kernels()
    {
        Check<SmallNorm, float>(3);
        Check<SmallNorm, double>(2);
        Check<OddNorm, float>(2);
        Check<OddNorm, double>(4);
        Check<WideNorm, float>(3);
        Check<WideNorm, double>(2);
        Check<FlatNorm, float>(5);
        Check<FlatNorm, double>(2);
    }

    [Fact]
    public void Bad_spans_and_one_value_per_channel_throw_naming_the_parameter()
    {
        float[] channels = new float[16];
        var one = Assert.Throws<ArgumentException>(() => FlatNorm.ForwardTraining(new float[16], channels, channels, new float[16], new float[16], new float[16]));
        Assert.Equal("input", one.ParamName);
        Assert.Contains("at least 2 values per channel", one.Message, StringComparison.Ordinal);
        Assert.Equal("scale", Assert.Throws<ArgumentException>(() => SmallNorm.ForwardEvaluation(new double[72], new double[5], new double[6], new double[6], new double[6], new double[72])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => SmallNorm.ForwardEvaluation(new double[72], new double[6], new double[6], new double[6], new double[6], new double[71])).ParamName);
        double[] shared = new double[72];
        Assert.Equal("inputGradient", Assert.Throws<ArgumentException>(() => SmallNorm.BackwardTraining(shared, new double[72], new double[6], shared, new double[6], new double[6])).ParamName);
        double[] statistics = new double[6];
        Assert.Equal("runningMean", Assert.Throws<ArgumentException>(() => SmallNorm.ForwardTraining(new double[72], new double[6], new double[6], new double[72], statistics, statistics)).ParamName);

        // An empty batch leaves the running statistics alone.
        double[] mean = { 1, 2, 3, 4, 5, 6 }, variance = { 1, 1, 1, 1, 1, 1 };
        SmallNorm.ForwardTraining(Array.Empty<double>(), new double[6], new double[6], Array.Empty<double>(), mean, variance);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, mean);
    }

    private static void Check<TLayer, T>(int batch)
        where TLayer : IBatchNormLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = TLayer.InputChannels;
        var geometry = new BatchNorm2DGeometry(TLayer.InputHeight, TLayer.InputWidth, channels, Constant<TLayer>("Epsilon"), Constant<TLayer>("Momentum"));
        T[] input = NetworkTestData.Inputs<T>(batch * TLayer.InputLength, 3);
        T[] scale = NetworkTestData.Inputs<T>(channels, 4), shift = NetworkTestData.Inputs<T>(channels, 5);
        T[] gradient = NetworkTestData.Inputs<T>(input.Length, 6);
        T[] mean = NetworkTestData.Inputs<T>(channels, 7);
        T[] variance = NetworkTestData.Inputs<T>(channels, 8).Select(v => v * v + T.One).ToArray();

        T[] mean1 = mean.ToArray(), variance1 = variance.ToArray(), mean2 = mean.ToArray(), variance2 = variance.ToArray();
        T[] output1 = new T[input.Length], output2 = new T[input.Length];
        TLayer.ForwardTraining(input, scale, shift, output1, mean1, variance1);
        BatchNorm2DKernels.ForwardTraining<T>(geometry, input, scale, shift, output2, mean2, variance2);
        Assert.Equal(output2, output1);
        Assert.Equal(mean2, mean1);
        Assert.Equal(variance2, variance1);

        TLayer.ForwardEvaluation(input, scale, shift, mean, variance, output1);
        BatchNorm2DKernels.ForwardEvaluation<T>(geometry, input, scale, shift, mean, variance, output2);
        Assert.Equal(output2, output1);

        T[] dx1 = new T[input.Length], dx2 = new T[input.Length];
        T[] dScale1 = new T[channels], dScale2 = new T[channels], dShift1 = new T[channels], dShift2 = new T[channels];
        TLayer.BackwardTraining(gradient, input, scale, dx1, dScale1, dShift1);
        BatchNorm2DKernels.BackwardTraining<T>(geometry, gradient, input, scale, dx2, dScale2, dShift2);
        Assert.Equal(dx2, dx1);
        Assert.Equal(dScale2, dScale1);
        Assert.Equal(dShift2, dShift1);

        TLayer.BackwardEvaluation(gradient, input, scale, mean, variance, dx1, dScale1, dShift1);
        BatchNorm2DKernels.BackwardEvaluation<T>(geometry, gradient, input, scale, mean, variance, dx2, dScale2, dShift2);
        Assert.Equal(dx2, dx1);
        Assert.Equal(dScale2, dScale1);
        Assert.Equal(dShift2, dShift1);
    }

    private static double Constant<TLayer>(string name) => (double)typeof(TLayer).GetField(name)!.GetValue(null)!;
}
