using CnnGen.Generated.Tests.Layers;
using CnnGen.TestSupport;
using SeedPoolCase = CnnGen.TestSupport.PoolCase;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>The notebook's zero_pad, pool_forward and pool_backward cells, reproduced by generated layers value for value.</summary>
public class NotebookPoolTests
{
    [Fact]
    public void Max_pool_stride_1_matches_the_notebook()
    {
        SeedPoolCase seed = SeedInputs.PoolForwardStride1();
        var a = new double[2 * SeedMaxPoolStride1.OutputLength];
        SeedMaxPoolStride1.Forward(seed.APrev.Values, a);
        NotebookAssert.Shape(NotebookValues.PoolForwardStride1.AShape, [2, SeedMaxPoolStride1.OutputHeight, SeedMaxPoolStride1.OutputWidth, SeedMaxPoolStride1.OutputChannels], "A.shape");
        NotebookAssert.Close(NotebookValues.PoolForwardStride1.MaxA11, Nd.At<double>(a, NotebookValues.PoolForwardStride1.AShape, 1, 1), NotebookValues.PrintedTolerance);
        AssertFloatAgrees(a, seed.APrev.ToSingle(), SeedMaxPoolStride1.Forward);
    }

    [Fact]
    public void Average_pool_stride_1_matches_the_notebook()
    {
        SeedPoolCase seed = SeedInputs.PoolForwardStride1();
        var a = new double[2 * SeedAvgPoolStride1.OutputLength];
        SeedAvgPoolStride1.Forward(seed.APrev.Values, a);
        NotebookAssert.Close(NotebookValues.PoolForwardStride1.AverageA11, Nd.At<double>(a, NotebookValues.PoolForwardStride1.AShape, 1, 1), NotebookValues.PrintedTolerance);
        AssertFloatAgrees(a, seed.APrev.ToSingle(), SeedAvgPoolStride1.Forward);
    }

    [Fact]
    public void Max_pool_stride_2_matches_the_notebook()
    {
        SeedPoolCase seed = SeedInputs.PoolForwardStride2();
        var a = new double[2 * SeedMaxPool.OutputLength];
        SeedMaxPool.Forward(seed.APrev.Values, a);
        NotebookAssert.Shape(NotebookValues.PoolForwardStride2.AShape, [2, SeedMaxPool.OutputHeight, SeedMaxPool.OutputWidth, SeedMaxPool.OutputChannels], "A.shape");
        NotebookAssert.Close(NotebookValues.PoolForwardStride2.MaxA0, Nd.At<double>(a, NotebookValues.PoolForwardStride2.AShape, 0), NotebookValues.PrintedTolerance);
        AssertFloatAgrees(a, seed.APrev.ToSingle(), SeedMaxPool.Forward);
    }

    [Fact]
    public void Average_pool_stride_2_matches_the_notebook()
    {
        SeedPoolCase seed = SeedInputs.PoolForwardStride2();
        var a = new double[2 * SeedAvgPool.OutputLength];
        SeedAvgPool.Forward(seed.APrev.Values, a);
        NotebookAssert.Close(NotebookValues.PoolForwardStride2.AverageA1, Nd.At<double>(a, NotebookValues.PoolForwardStride2.AShape, 1), NotebookValues.PrintedTolerance);
        AssertFloatAgrees(a, seed.APrev.ToSingle(), SeedAvgPool.Forward);
    }

    [Fact]
    public void Max_pool_backward_matches_the_notebook()
    {
        PoolBackwardCase seed = SeedInputs.PoolBackward();
        NotebookAssert.RelativelyClose(NotebookValues.PoolBackward.DAMean, seed.DA.Values.Average(), 1e-11, "np.mean(dA)");
        var dAPrev = new double[seed.APrev.Length];
        NotebookMaxPoolBackward.Backward(seed.DA.Values, seed.APrev.Values, dAPrev);
        NotebookAssert.Close(NotebookValues.PoolBackward.MaxDAPrev11, Nd.At<double>(dAPrev, seed.APrev.Shape, 1, 1), NotebookValues.PrintedTolerance);
    }

    [Fact]
    public void Average_pool_backward_matches_the_notebook()
    {
        PoolBackwardCase seed = SeedInputs.PoolBackward();
        var dAPrev = new double[seed.APrev.Length];
        NotebookAvgPoolBackward.Backward(seed.DA.Values, seed.APrev.Values, dAPrev);
        NotebookAssert.Close(NotebookValues.PoolBackward.AverageDAPrev11, Nd.At<double>(dAPrev, seed.APrev.Shape, 1, 1), NotebookValues.PrintedTolerance);

        var dAPrevFloat = new float[seed.APrev.Length];
        NotebookAvgPoolBackward.Backward(seed.DA.ToSingle(), seed.APrev.ToSingle(), dAPrevFloat);
        NotebookAssert.Close(NotebookValues.PoolBackward.AverageDAPrev11, Nd.At<float>(dAPrevFloat, seed.APrev.Shape, 1, 1), 1e-5);
    }

    [Fact]
    public void Zero_pad_matches_the_notebook()
    {
        ZeroPadCase seed = SeedInputs.ZeroPad();
        NotebookAssert.Close(NotebookValues.ZeroPad.X11, seed.X.At(1, 1), NotebookValues.PrintedTolerance);
        var xPad = new double[seed.Batch * NotebookZeroPad.OutputLength];
        NotebookZeroPad.Forward(seed.X.Values, xPad);
        NotebookAssert.Shape(NotebookValues.ZeroPad.XPadShape, [seed.Batch, NotebookZeroPad.OutputHeight, NotebookZeroPad.OutputWidth, NotebookZeroPad.OutputChannels], "x_pad.shape");
        NotebookAssert.Close(NotebookValues.ZeroPad.XPad11, Nd.At<double>(xPad, NotebookValues.ZeroPad.XPadShape, 1, 1), 0);
        Assert.Equal(seed.X.At(1, 1).ToArray(), Nd.At<double>(xPad, NotebookValues.ZeroPad.XPadShape, 1, 4).Slice(3 * 2, 3 * 2).ToArray());
    }

    /// <summary>
    /// The float overloads on the same (rounded) inputs agree with the double results to float precision: inputs are
    /// |x| &lt; 4 and a window sums at most 9 of them, so 2·10·2⁻²⁴·4 bounds the difference.
    /// </summary>
    private static void AssertFloatAgrees(double[] expected, float[] input, SpanForward<float> forward)
    {
        var actual = new float[expected.Length];
        forward(input, actual);
        NotebookAssert.Close(expected, actual.Select(v => (double)v).ToArray(), 2 * 10 * Math.Pow(2, -24) * 4 + 1e-7, "float forward");
    }
}

/// <summary>The notebook's pool_backward cell: A_prev (5, 5, 3, 2), f 2, stride 1, max.</summary>
[MaxPool2D(2, 1, InputHeight = 5, InputWidth = 3, InputChannels = 2)]
public partial class NotebookMaxPoolBackward { }

/// <summary>The notebook's pool_backward cell: A_prev (5, 5, 3, 2), f 2, stride 1, average.</summary>
[AvgPool2D(2, 1, InputHeight = 5, InputWidth = 3, InputChannels = 2)]
public partial class NotebookAvgPoolBackward { }

/// <summary>The notebook's zero_pad cell: x (4, 3, 3, 2), pad 3.</summary>
[ZeroPad2D(3, InputHeight = 3, InputWidth = 3, InputChannels = 2)]
public partial class NotebookZeroPad { }
