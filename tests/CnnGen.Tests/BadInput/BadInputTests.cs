using System.Numerics.Tensors;

namespace CnnGen.Tests.BadInput;

/// <summary>
/// Every kind of bad input gets an <see cref="ArgumentException"/> (or subclass) that names the parameter and
/// states what was expected versus what was given; never an IndexOutOfRangeException or wrong numbers.
/// </summary>
public class BadInputTests
{
    private static readonly Conv2DGeometry Conv = new(4, 4, 2, 3, filterSize: 3, stride: 1, pad: 1); // in 32, out 48, W 54
    private static readonly Pool2DGeometry Pool = new(4, 4, 2, filterSize: 2, stride: 2); // in 32, out 8
    private static readonly ZeroPad2DGeometry Pad = new(2, 2, 1, 1); // in 4, out 16

    private static readonly Dictionary<string, (Action Act, Type Exception, string Param)> Cases = new()
    {
        // Geometry construction.
        ["Conv2DGeometry height 0"] = (() => _ = new Conv2DGeometry(0, 4, 2, 3, 3), typeof(ArgumentOutOfRangeException), "inputHeight"),
        ["Conv2DGeometry width -1"] = (() => _ = new Conv2DGeometry(4, -1, 2, 3, 3), typeof(ArgumentOutOfRangeException), "inputWidth"),
        ["Conv2DGeometry channels 0"] = (() => _ = new Conv2DGeometry(4, 4, 0, 3, 3), typeof(ArgumentOutOfRangeException), "inputChannels"),
        ["Conv2DGeometry filters 0"] = (() => _ = new Conv2DGeometry(4, 4, 2, 0, 3), typeof(ArgumentOutOfRangeException), "filters"),
        ["Conv2DGeometry filterSize 0"] = (() => _ = new Conv2DGeometry(4, 4, 2, 3, 0), typeof(ArgumentOutOfRangeException), "filterSize"),
        ["Conv2DGeometry stride 0"] = (() => _ = new Conv2DGeometry(4, 4, 2, 3, 3, stride: 0), typeof(ArgumentOutOfRangeException), "stride"),
        ["Conv2DGeometry pad -1"] = (() => _ = new Conv2DGeometry(4, 4, 2, 3, 3, pad: -1), typeof(ArgumentOutOfRangeException), "pad"),
        ["Conv2DGeometry filter larger than padded input"] = (() => _ = new Conv2DGeometry(2, 2, 1, 1, 5, pad: 1), typeof(ArgumentException), "filterSize"),
        ["Conv2DGeometry too large"] = (() => _ = new Conv2DGeometry(65536, 65536, 2, 1, 1), typeof(ArgumentException), "inputChannels"),
        ["Pool2DGeometry height 0"] = (() => _ = new Pool2DGeometry(0, 4, 2, 2), typeof(ArgumentOutOfRangeException), "inputHeight"),
        ["Pool2DGeometry channels 0"] = (() => _ = new Pool2DGeometry(4, 4, 0, 2), typeof(ArgumentOutOfRangeException), "channels"),
        ["Pool2DGeometry filterSize 0"] = (() => _ = new Pool2DGeometry(4, 4, 2, 0), typeof(ArgumentOutOfRangeException), "filterSize"),
        ["Pool2DGeometry stride 0"] = (() => _ = new Pool2DGeometry(4, 4, 2, 2, 0), typeof(ArgumentOutOfRangeException), "stride"),
        ["Pool2DGeometry window larger than input"] = (() => _ = new Pool2DGeometry(4, 3, 2, 4), typeof(ArgumentException), "filterSize"),
        ["ZeroPad2DGeometry pad -1"] = (() => _ = new ZeroPad2DGeometry(2, 2, 1, -1), typeof(ArgumentOutOfRangeException), "pad"),
        ["ZeroPad2DGeometry channels 0"] = (() => _ = new ZeroPad2DGeometry(2, 2, 0, 1), typeof(ArgumentOutOfRangeException), "channels"),

        // Span kernels: lengths that disagree with the geometry.
        ["Conv Forward default geometry"] = (() => Conv2DKernels.Forward<double>(default, new double[32], new double[54], new double[3], new double[48]), typeof(ArgumentException), "geometry"),
        ["Conv Forward partial example"] = (() => Conv2DKernels.Forward<double>(Conv, new double[33], new double[54], new double[3], new double[48]), typeof(ArgumentException), "input"),
        ["Conv Forward weights"] = (() => Conv2DKernels.Forward<double>(Conv, new double[32], new double[53], new double[3], new double[48]), typeof(ArgumentException), "weights"),
        ["Conv Forward bias"] = (() => Conv2DKernels.Forward<float>(Conv, new float[32], new float[54], new float[4], new float[48]), typeof(ArgumentException), "bias"),
        ["Conv Forward output"] = (() => Conv2DKernels.Forward<double>(Conv, new double[64], new double[54], new double[3], new double[48]), typeof(ArgumentException), "output"),
        ["Conv Forward output overlaps input"] = (() => ConvForwardInPlace(), typeof(ArgumentException), "output"),
        ["Conv Backward partial example"] = (() => Conv2DKernels.Backward<double>(Conv, new double[48], new double[31], new double[54], new double[32], new double[54], new double[3]), typeof(ArgumentException), "input"),
        ["Conv Backward outputGradient"] = (() => Conv2DKernels.Backward<double>(Conv, new double[47], new double[32], new double[54], new double[32], new double[54], new double[3]), typeof(ArgumentException), "outputGradient"),
        ["Conv Backward weights"] = (() => Conv2DKernels.Backward<double>(Conv, new double[48], new double[32], new double[55], new double[32], new double[54], new double[3]), typeof(ArgumentException), "weights"),
        ["Conv Backward inputGradient"] = (() => Conv2DKernels.Backward<double>(Conv, new double[48], new double[32], new double[54], new double[64], new double[54], new double[3]), typeof(ArgumentException), "inputGradient"),
        ["Conv Backward weightsGradient"] = (() => Conv2DKernels.Backward<double>(Conv, new double[48], new double[32], new double[54], new double[32], new double[6], new double[3]), typeof(ArgumentException), "weightsGradient"),
        ["Conv Backward biasGradient"] = (() => Conv2DKernels.Backward<float>(Conv, new float[48], new float[32], new float[54], new float[32], new float[54], new float[1]), typeof(ArgumentException), "biasGradient"),
        ["Conv Backward gradients overlap"] = (() => ConvBackwardSharedGradients(), typeof(ArgumentException), "weightsGradient"),
        ["MaxPool Forward partial example"] = (() => MaxPool2DKernels.Forward<double>(Pool, new double[40], new double[8]), typeof(ArgumentException), "input"),
        ["MaxPool Forward output"] = (() => MaxPool2DKernels.Forward<double>(Pool, new double[32], new double[9]), typeof(ArgumentException), "output"),
        ["MaxPool Forward default geometry"] = (() => MaxPool2DKernels.Forward<double>(default, new double[32], new double[8]), typeof(ArgumentException), "geometry"),
        ["MaxPool Backward outputGradient"] = (() => MaxPool2DKernels.Backward<double>(Pool, new double[16], new double[32], new double[32]), typeof(ArgumentException), "outputGradient"),
        ["MaxPool Backward inputGradient"] = (() => MaxPool2DKernels.Backward<double>(Pool, new double[8], new double[32], new double[31]), typeof(ArgumentException), "inputGradient"),
        ["AvgPool Forward output"] = (() => AvgPool2DKernels.Forward<float>(Pool, new float[64], new float[8]), typeof(ArgumentException), "output"),
        ["AvgPool Backward partial example"] = (() => AvgPool2DKernels.Backward<float>(Pool, new float[8], new float[1], new float[32]), typeof(ArgumentException), "input"),
        ["AvgPool Backward inputGradient"] = (() => AvgPool2DKernels.Backward<float>(Pool, new float[8], new float[32], new float[8]), typeof(ArgumentException), "inputGradient"),
        ["ZeroPad Forward output"] = (() => ZeroPad2DKernels.Forward<double>(Pad, new double[4], new double[15]), typeof(ArgumentException), "output"),
        ["ZeroPad Forward partial example"] = (() => ZeroPad2DKernels.Forward<double>(Pad, new double[5], new double[16]), typeof(ArgumentException), "input"),
        ["ZeroPad Backward partial example"] = (() => ZeroPad2DKernels.Backward<double>(Pad, new double[17], new double[4]), typeof(ArgumentException), "outputGradient"),
        ["ZeroPad Backward inputGradient"] = (() => ZeroPad2DKernels.Backward<double>(Pad, new double[16], new double[8]), typeof(ArgumentException), "inputGradient"),
        ["ZeroPad Forward default geometry"] = (() => ZeroPad2DKernels.Forward<double>(default, new double[4], new double[16]), typeof(ArgumentException), "geometry"),

        // Tensor API: shapes that do not agree, bad hyperparameters.
        ["ZeroPad rank 3"] = (() => Cnn.ZeroPad(T(3, 3, 2), 1), typeof(ArgumentException), "x"),
        ["ZeroPad pad -1"] = (() => Cnn.ZeroPad(T(1, 3, 3, 2), -1), typeof(ArgumentOutOfRangeException), "pad"),
        ["ConvSingleStep shapes differ"] = (() => Cnn.ConvSingleStep(T(3, 3, 2), T(3, 3, 3), 0.0), typeof(ArgumentException), "w"),
        ["ConvForward aPrev rank 3"] = (() => Cnn.ConvForward(T(5, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 2), 1, 0), typeof(ArgumentException), "aPrev"),
        ["ConvForward aPrev empty image"] = (() => Cnn.ConvForward(T(1, 0, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 2), 1, 0), typeof(ArgumentException), "aPrev"),
        ["ConvForward w not square"] = (() => Cnn.ConvForward(T(1, 5, 5, 3), T(3, 2, 3, 2), T(1, 1, 1, 2), 1, 0), typeof(ArgumentException), "w"),
        ["ConvForward w channels"] = (() => Cnn.ConvForward(T(1, 5, 5, 3), T(3, 3, 4, 2), T(1, 1, 1, 2), 1, 0), typeof(ArgumentException), "w"),
        ["ConvForward b"] = (() => Cnn.ConvForward(T(1, 5, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 3), 1, 0), typeof(ArgumentException), "b"),
        ["ConvForward stride 0"] = (() => Cnn.ConvForward(T(1, 5, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 2), 0, 0), typeof(ArgumentOutOfRangeException), "stride"),
        ["ConvForward pad -1"] = (() => Cnn.ConvForward(T(1, 5, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 2), 1, -1), typeof(ArgumentOutOfRangeException), "pad"),
        ["ConvForward filter too large"] = (() => Cnn.ConvForward(T(1, 2, 5, 3), T(3, 3, 3, 2), T(1, 1, 1, 2), 1, 0), typeof(ArgumentException), "w"),
        ["ConvBackward dZ"] = (() => Cnn.ConvBackward(T(1, 3, 3, 3), T(1, 5, 5, 3), T(3, 3, 3, 2), 1, 0), typeof(ArgumentException), "dZ"),
        ["ConvBackward stride 0"] = (() => Cnn.ConvBackward(T(1, 3, 3, 2), T(1, 5, 5, 3), T(3, 3, 3, 2), 0, 0), typeof(ArgumentOutOfRangeException), "stride"),
        ["PoolForward aPrev rank 2"] = (() => Cnn.PoolForward(T(5, 5), 2, 1), typeof(ArgumentException), "aPrev"),
        ["PoolForward filterSize 0"] = (() => Cnn.PoolForward(T(1, 5, 5, 3), 0, 1), typeof(ArgumentOutOfRangeException), "filterSize"),
        ["PoolForward stride 0"] = (() => Cnn.PoolForward(T(1, 5, 5, 3), 2, 0), typeof(ArgumentOutOfRangeException), "stride"),
        ["PoolForward window too large"] = (() => Cnn.PoolForward(T(1, 5, 5, 3), 6, 1, PoolMode.Average), typeof(ArgumentException), "filterSize"),
        ["PoolForward mode undefined"] = (() => Cnn.PoolForward(T(1, 5, 5, 3), 2, 1, (PoolMode)7), typeof(ArgumentOutOfRangeException), "mode"),
        ["PoolBackward dA"] = (() => Cnn.PoolBackward(T(1, 4, 4, 2), T(1, 5, 5, 3), 2, 1), typeof(ArgumentException), "dA"),
        ["PoolBackward aPrev rank 5"] = (() => Cnn.PoolBackward(T(1, 4, 4, 3), T(1, 1, 5, 5, 3), 2, 1), typeof(ArgumentException), "aPrev"),
        ["CreateMaskFromWindow empty"] = (() => Cnn.CreateMaskFromWindow(T(0, 2)), typeof(ArgumentException), "x"),
        ["DistributeValue height 0"] = (() => Cnn.DistributeValue(2.0, 0, 2), typeof(ArgumentOutOfRangeException), "height"),
        ["DistributeValue width -1"] = (() => Cnn.DistributeValue(2.0, 2, -1), typeof(ArgumentOutOfRangeException), "width"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_throws_an_argument_exception_naming_the_parameter(string name)
    {
        var (act, exceptionType, param) = Cases[name];
        var e = Assert.IsAssignableFrom<ArgumentException>(Record.Exception(act));
        Assert.Equal(exceptionType, e.GetType());
        Assert.Equal(param, e.ParamName);
        Assert.Contains("Expected", e.Message, StringComparison.Ordinal);
        Assert.Contains("but", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_messages_state_expected_and_actual()
    {
        var e = Assert.Throws<ArgumentException>(() => Conv2DKernels.Forward<double>(Conv, new double[32], new double[53], new double[3], new double[48]));
        Assert.Contains("54", e.Message, StringComparison.Ordinal);
        Assert.Contains("53", e.Message, StringComparison.Ordinal);

        var shape = Assert.Throws<ArgumentException>(() => Cnn.ConvBackward(T(1, 3, 3, 3), T(1, 5, 5, 3), T(3, 3, 3, 2), 1, 0));
        Assert.Contains("(1, 3, 3, 2)", shape.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 3, 3, 3)", shape.Message, StringComparison.Ordinal);
    }

    private static Tensor<double> T(params int[] shape)
        => Tensor.Create(new double[shape.Aggregate(1, (a, b) => a * b)], shape.Select(s => (nint)s).ToArray());

    private static void ConvForwardInPlace()
    {
        var buffer = new double[100];
        Conv2DKernels.Forward<double>(Conv, buffer.AsSpan(0, 32), new double[54], new double[3], buffer.AsSpan(20, 48));
    }

    private static void ConvBackwardSharedGradients()
    {
        var shared = new double[54];
        Conv2DKernels.Backward<double>(Conv, new double[48], new double[32], new double[54], shared.AsSpan(0, 32), shared, new double[3]);
    }
}
