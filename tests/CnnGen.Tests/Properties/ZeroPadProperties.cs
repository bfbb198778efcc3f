using CnnGen.Tests.Reference;
using CsCheck;

namespace CnnGen.Tests.Properties;

public class ZeroPadProperties
{
    private static readonly Gen<(int M, int H, int W, int C, int Pad, uint Seed)> Shapes =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[1, 5], Gen.Int[0, 4], Gen.UInt);

    [Fact]
    public void Forward_equals_np_pad_and_backward_crops_it_back() => Property.Check(Shapes, s =>
    {
        var geometry = new ZeroPad2DGeometry(s.H, s.W, s.C, s.Pad);
        var x = new double[s.M * geometry.InputLength];
        new NumpyLegacyRandom(s.Seed).FillStandardNormal(x);
        var y = new double[s.M * geometry.OutputLength];
        y.AsSpan().Fill(double.NaN);
        ZeroPad2DKernels.Forward(geometry, x, y);
        Assert.Equal(NotebookLoops.ZeroPad(x, new Dims(s.M, s.H, s.W, s.C), s.Pad), y);

        // The crop is the adjoint of the pad: <pad(x), y> = <x, crop(y)>; with y = pad(x) it returns x.
        var back = new double[x.Length];
        back.AsSpan().Fill(double.NaN);
        ZeroPad2DKernels.Backward(geometry, y, back);
        Assert.Equal(x, back);
    }, iterations: 60);
}
