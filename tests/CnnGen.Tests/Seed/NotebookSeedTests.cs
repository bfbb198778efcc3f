using System.Numerics.Tensors;
using CnnGen.TestSupport;
using V = CnnGen.TestSupport.NotebookValues;

namespace CnnGen.Tests.Seed;

/// <summary>Every value the seed notebook prints, through the tensor API in double precision.</summary>
public class NotebookSeedTests
{
    private const double Printed = V.PrintedTolerance;
    private const double Relative = V.FullPrecisionRelativeTolerance;

    [Fact]
    public void ZeroPad()
    {
        var c = SeedInputs.ZeroPad();
        Tensor<double> x = c.X.ToTensor();
        Tensor<double> xPad = Cnn.ZeroPad(x, c.Pad);

        NotebookAssert.Shape(V.ZeroPad.XShape, Nd.Shape(x.Lengths), "x.shape");
        NotebookAssert.Shape(V.ZeroPad.XPadShape, Nd.Shape(xPad.Lengths), "x_pad.shape");
        NotebookAssert.Close(V.ZeroPad.X11, c.X.At(1, 1), Printed);
        NotebookAssert.Close(V.ZeroPad.XPad11, At(xPad, 1, 1), 0.0);

        // The notebook's asserts: padded rows and columns are zero, the interior is x.
        double[] padded = Flat(xPad);
        for (int n = 0; n < 4; n++)
        {
            for (int i = 0; i < 9; i++)
            {
                for (int j = 0; j < 9; j++)
                {
                    ReadOnlySpan<double> pixel = Nd.At((ReadOnlySpan<double>)padded, [4, 9, 9, 2], n, i, j);
                    bool inside = i is >= 3 and < 6 && j is >= 3 and < 6;
                    Assert.Equal(inside ? c.X.At(n, i - 3, j - 3).ToArray() : [0.0, 0.0], pixel.ToArray());
                }
            }
        }
    }

    [Fact]
    public void ConvSingleStep()
    {
        var c = SeedInputs.ConvSingleStep();
        double z = Cnn.ConvSingleStep(c.ASlicePrev.ToTensor(), c.W.ToTensor(), c.B.Values[0]);
        NotebookAssert.RelativelyClose(V.ConvSingleStep.Z, z, Relative, "Z");
    }

    [Fact]
    public void ConvForward()
    {
        var c = SeedInputs.ConvForward();
        Tensor<double> z = Cnn.ConvForward(c.APrev.ToTensor(), c.W.ToTensor(), c.B.ToTensor(), c.Stride, c.Pad);

        NotebookAssert.Shape(V.ConvForward.ZShape, Nd.Shape(z.Lengths), "Z.shape");
        NotebookAssert.RelativelyClose(V.ConvForward.ZMean, Mean(z), Relative, "Z's mean");
        NotebookAssert.Close(V.ConvForward.Z021, At(z, 0, 2, 1), Printed);
        NotebookAssert.Close(V.ConvForward.APrev123, c.APrev.At(1, 2, 3), Printed);
    }

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void PoolForward_stride1(PoolMode mode)
    {
        var c = SeedInputs.PoolForwardStride1();
        Tensor<double> a = Cnn.PoolForward(c.APrev.ToTensor(), c.FilterSize, c.Stride, mode);

        NotebookAssert.Shape(V.PoolForwardStride1.AShape, Nd.Shape(a.Lengths), "A.shape");
        NotebookAssert.Close(mode == PoolMode.Max ? V.PoolForwardStride1.MaxA11 : V.PoolForwardStride1.AverageA11, At(a, 1, 1), Printed);
    }

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void PoolForward_stride2(PoolMode mode)
    {
        var c = SeedInputs.PoolForwardStride2();
        Tensor<double> a = Cnn.PoolForward(c.APrev.ToTensor(), c.FilterSize, c.Stride, mode);

        NotebookAssert.Shape(V.PoolForwardStride2.AShape, Nd.Shape(a.Lengths), "A.shape");
        if (mode == PoolMode.Max)
        {
            NotebookAssert.Close(V.PoolForwardStride2.MaxA0, At(a, 0), Printed);
        }
        else
        {
            NotebookAssert.Close(V.PoolForwardStride2.AverageA1, At(a, 1), Printed);
        }
    }

    [Fact]
    public void ConvBackward_with_Z_fed_back_as_dZ()
    {
        var c = SeedInputs.ConvBackward();
        Tensor<double> aPrev = c.APrev.ToTensor(), w = c.W.ToTensor();
        Tensor<double> z = Cnn.ConvForward(aPrev, w, c.B.ToTensor(), c.Stride, c.Pad);
        var (dA, dW, db) = Cnn.ConvBackward(z, aPrev, w, c.Stride, c.Pad);

        NotebookAssert.Shape(V.ConvBackward.DAShape, Nd.Shape(dA.Lengths), "dA.shape");
        NotebookAssert.Shape(V.ConvBackward.DWShape, Nd.Shape(dW.Lengths), "dW.shape");
        NotebookAssert.Shape(V.ConvBackward.DbShape, Nd.Shape(db.Lengths), "db.shape");
        NotebookAssert.RelativelyClose(V.ConvBackward.DAMean, Mean(dA), Relative, "dA_mean");
        NotebookAssert.RelativelyClose(V.ConvBackward.DWMean, Mean(dW), Relative, "dW_mean");
        NotebookAssert.RelativelyClose(V.ConvBackward.DbMean, Mean(db), Relative, "db_mean");
    }

    [Fact]
    public void CreateMaskFromWindow_marks_the_maximum()
    {
        ExpectedArray x = V.CreateMaskFromWindow.X;
        Tensor<double> mask = Cnn.CreateMaskFromWindow(Tensor.Create(x.Values, Nd.Lengths(x.Shape)));
        NotebookAssert.Shape(x.Shape, Nd.Shape(mask.Lengths), "mask.shape");
        NotebookAssert.Close(V.CreateMaskFromWindow.Mask, Flat(mask), 0.0);
    }

    [Fact]
    public void DistributeValue()
    {
        Tensor<double> a = Cnn.DistributeValue(V.DistributeValue.Dz, V.DistributeValue.Height, V.DistributeValue.Width);
        NotebookAssert.Shape(V.DistributeValue.A.Shape, Nd.Shape(a.Lengths), "a.shape");
        NotebookAssert.Close(V.DistributeValue.A, Flat(a), 0.0);

        // The notebook's second check: distribute_value(100, (10, 10)) sums to 100.
        Assert.Equal(100.0, TensorPrimitives.Sum<double>(Flat(Cnn.DistributeValue(100.0, 10, 10))));
    }

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void PoolBackward(PoolMode mode)
    {
        var c = SeedInputs.PoolBackward();
        Tensor<double> dA = c.DA.ToTensor();
        Tensor<double> dAPrev = Cnn.PoolBackward(dA, c.APrev.ToTensor(), c.FilterSize, c.Stride, mode);

        Assert.Equal(V.PoolBackward.DAMean, Mean(dA), V.PoolBackward.DAMeanTolerance);
        NotebookAssert.Shape(c.APrev.Shape, Nd.Shape(dAPrev.Lengths), "dA_prev.shape");
        NotebookAssert.Close(mode == PoolMode.Max ? V.PoolBackward.MaxDAPrev11 : V.PoolBackward.AverageDAPrev11, At(dAPrev, 1, 1), Printed);
    }

    internal static double[] Flat<T>(Tensor<T> tensor)
        where T : IConvertible
    {
        var values = new T[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return Array.ConvertAll(values, v => v.ToDouble(null));
    }

    internal static double Mean<T>(Tensor<T> tensor)
        where T : IConvertible
        => Flat(tensor).Average();

    internal static ReadOnlySpan<double> At<T>(Tensor<T> tensor, params int[] index)
        where T : IConvertible
        => Nd.At((ReadOnlySpan<double>)Flat(tensor), Nd.Shape(tensor.Lengths), index);
}
