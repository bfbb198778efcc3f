using CnnGen.TestSupport;
using V = CnnGen.TestSupport.NotebookValues;

namespace CnnGen.Tests.Seed;

/// <summary>
/// The seed values again, through the span kernels (the generated layers' contract) in double and in float.
/// Float results are held to 2e-5 absolute: inputs of magnitude ≲ 3 rounded to float (u = 6e-8) and sums of up to
/// 37 products of magnitude ≲ 10 stay well inside it. Means are held to 1e-5 relative: the backward sums run over
/// up to m·n_H·n_W = 160 terms of a float dZ, and 160·u ≈ 1e-5 is the worst-case relative error of such a sum.
/// </summary>
public class SpanKernelSeedTests
{
    private const double FloatTolerance = 2e-5;

    [Fact]
    public void ConvForward_double_and_float()
    {
        var c = SeedInputs.ConvForward();
        var z = new double[c.Batch * c.Geometry.OutputLength];
        Conv2DKernels.Forward(c.Geometry, c.APrev.Values, c.W.Values, c.B.Values, z);
        NotebookAssert.Close(V.ConvForward.Z021, Nd.At<double>(z, c.OutputShape, 0, 2, 1), V.PrintedTolerance);
        NotebookAssert.RelativelyClose(V.ConvForward.ZMean, z.Average(), V.FullPrecisionRelativeTolerance, "Z's mean");

        var zf = new float[z.Length];
        Conv2DKernels.Forward<float>(c.Geometry, c.APrev.ToSingle(), c.W.ToSingle(), c.B.ToSingle(), zf);
        NotebookAssert.Close(V.ConvForward.Z021, Nd.At<float>(zf, c.OutputShape, 0, 2, 1), FloatTolerance);
        NotebookAssert.RelativelyClose(V.ConvForward.ZMean, zf.Average(v => (double)v), 1e-5, "Z's mean (float)");
    }

    [Fact]
    public void ConvBackward_double_and_float()
    {
        var c = SeedInputs.ConvBackward();
        var g = c.Geometry;
        var z = new double[c.Batch * g.OutputLength];
        Conv2DKernels.Forward(g, c.APrev.Values, c.W.Values, c.B.Values, z);
        var (dA, dW, db) = (new double[c.APrev.Length], new double[c.W.Length], new double[c.B.Length]);
        Conv2DKernels.Backward(g, z, c.APrev.Values, c.W.Values, dA, dW, db);
        NotebookAssert.RelativelyClose(V.ConvBackward.DAMean, dA.Average(), V.FullPrecisionRelativeTolerance, "dA_mean");
        NotebookAssert.RelativelyClose(V.ConvBackward.DWMean, dW.Average(), V.FullPrecisionRelativeTolerance, "dW_mean");
        NotebookAssert.RelativelyClose(V.ConvBackward.DbMean, db.Average(), V.FullPrecisionRelativeTolerance, "db_mean");

        var zf = new float[z.Length];
        Conv2DKernels.Forward<float>(g, c.APrev.ToSingle(), c.W.ToSingle(), c.B.ToSingle(), zf);
        var (dAf, dWf, dbf) = (new float[dA.Length], new float[dW.Length], new float[db.Length]);
        Conv2DKernels.Backward<float>(g, zf, c.APrev.ToSingle(), c.W.ToSingle(), dAf, dWf, dbf);
        NotebookAssert.RelativelyClose(V.ConvBackward.DAMean, dAf.Average(v => (double)v), 1e-5, "dA_mean (float)");
        NotebookAssert.RelativelyClose(V.ConvBackward.DWMean, dWf.Average(v => (double)v), 1e-5, "dW_mean (float)");
        NotebookAssert.RelativelyClose(V.ConvBackward.DbMean, dbf.Average(v => (double)v), 1e-5, "db_mean (float)");
    }

    [Fact]
    public void PoolForward_double_and_float()
    {
        foreach (var (c, maxIndex, maxExpected, avgIndex, avgExpected) in new[]
        {
            (SeedInputs.PoolForwardStride1(), new[] { 1, 1 }, V.PoolForwardStride1.MaxA11, new[] { 1, 1 }, V.PoolForwardStride1.AverageA11),
            (SeedInputs.PoolForwardStride2(), new[] { 0 }, V.PoolForwardStride2.MaxA0, new[] { 1 }, V.PoolForwardStride2.AverageA1),
        })
        {
            var y = new double[c.Batch * c.Geometry.OutputLength];
            var yf = new float[y.Length];
            MaxPool2DKernels.Forward(c.Geometry, c.APrev.Values, y);
            MaxPool2DKernels.Forward<float>(c.Geometry, c.APrev.ToSingle(), yf);
            NotebookAssert.Close(maxExpected, Nd.At<double>(y, c.OutputShape, maxIndex), V.PrintedTolerance);
            NotebookAssert.Close(maxExpected, Nd.At<float>(yf, c.OutputShape, maxIndex), FloatTolerance);

            AvgPool2DKernels.Forward(c.Geometry, c.APrev.Values, y);
            AvgPool2DKernels.Forward<float>(c.Geometry, c.APrev.ToSingle(), yf);
            NotebookAssert.Close(avgExpected, Nd.At<double>(y, c.OutputShape, avgIndex), V.PrintedTolerance);
            NotebookAssert.Close(avgExpected, Nd.At<float>(yf, c.OutputShape, avgIndex), FloatTolerance);
        }
    }

    [Fact]
    public void PoolBackward_double_and_float()
    {
        var c = SeedInputs.PoolBackward();
        var dA = new double[c.APrev.Length];
        var dAf = new float[c.APrev.Length];

        MaxPool2DKernels.Backward(c.Geometry, c.DA.Values, c.APrev.Values, dA);
        MaxPool2DKernels.Backward<float>(c.Geometry, c.DA.ToSingle(), c.APrev.ToSingle(), dAf);
        NotebookAssert.Close(V.PoolBackward.MaxDAPrev11, Nd.At<double>(dA, c.APrev.Shape, 1, 1), V.PrintedTolerance);
        NotebookAssert.Close(V.PoolBackward.MaxDAPrev11, Nd.At<float>(dAf, c.APrev.Shape, 1, 1), FloatTolerance);

        AvgPool2DKernels.Backward(c.Geometry, c.DA.Values, c.APrev.Values, dA);
        AvgPool2DKernels.Backward<float>(c.Geometry, c.DA.ToSingle(), c.APrev.ToSingle(), dAf);
        NotebookAssert.Close(V.PoolBackward.AverageDAPrev11, Nd.At<double>(dA, c.APrev.Shape, 1, 1), V.PrintedTolerance);
        NotebookAssert.Close(V.PoolBackward.AverageDAPrev11, Nd.At<float>(dAf, c.APrev.Shape, 1, 1), FloatTolerance);
    }

    [Fact]
    public void ZeroPad_double_and_float()
    {
        var c = SeedInputs.ZeroPad();
        var y = new double[c.Batch * c.Geometry.OutputLength];
        var yf = new float[y.Length];
        ZeroPad2DKernels.Forward(c.Geometry, c.X.Values, y);
        ZeroPad2DKernels.Forward<float>(c.Geometry, c.X.ToSingle(), yf);
        NotebookAssert.Shape(V.ZeroPad.XPadShape, c.OutputShape, "x_pad.shape");
        NotebookAssert.Close(V.ZeroPad.XPad11, Nd.At<double>(y, c.OutputShape, 1, 1), 0);
        NotebookAssert.Close(V.ZeroPad.XPad11, Nd.At<float>(yf, c.OutputShape, 1, 1), 0);
        NotebookAssert.Close(V.ZeroPad.X11, Nd.At<double>(y, c.OutputShape, 1, 4).Slice(3 * 2, 3 * 2), V.PrintedTolerance); // x_pad[1, 4, 3:6] is x[1, 1]
    }
}
