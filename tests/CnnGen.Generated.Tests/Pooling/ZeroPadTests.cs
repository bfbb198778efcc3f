using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>Generated zero padding against its definition (the notebook's np.pad with constant zeros).</summary>
public class ZeroPadTests
{
    [Fact]
    public void Forward_surrounds_each_example_with_zeros_and_backward_crops()
    {
        Assert.Equal((9, 11, 4, 2), (SeedZeroPad.OutputHeight, SeedZeroPad.OutputWidth, SeedZeroPad.OutputChannels, SeedZeroPad.Pad));
        const int batch = 3;
        var random = new Random(3);
        double[] x = PoolDifferentialTests.Values(random, batch * SeedZeroPad.InputLength);
        var y = Enumerable.Repeat(double.NaN, batch * SeedZeroPad.OutputLength).ToArray();
        SeedZeroPad.Forward(x, y);
        for (int n = 0; n < batch; n++)
        {
            for (int h = 0; h < 9; h++)
            {
                for (int w = 0; w < 11; w++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        bool inside = h >= 2 && h < 7 && w >= 2 && w < 9;
                        double expected = inside ? x[ReferencePool.Index(n, h - 2, w - 2, c, 5, 7, 4)] : 0.0;
                        Assert.Equal(expected, y[ReferencePool.Index(n, h, w, c, 9, 11, 4)]);
                    }
                }
            }
        }

        // The crop is the pad's adjoint: cropping the padded batch gives the batch back.
        var back = new double[x.Length];
        SeedZeroPad.Backward(y, back);
        Assert.Equal(x, back);

        var yf = new float[batch * SeedZeroPad.OutputLength];
        float[] xf = x.Select(v => (float)v).ToArray();
        SeedZeroPad.Forward(xf, yf);
        var backf = new float[xf.Length];
        SeedZeroPad.Backward(yf, backf);
        Assert.Equal(xf, backf);
    }

    [Fact]
    public void Tall_and_unpadded_layers_pad_and_crop_alike()
    {
        foreach ((int h, int w, int c, int pad, SpanForward<double> forward, Action<double[], double[]> backward) in new (int, int, int, int, SpanForward<double>, Action<double[], double[]>)[]
        {
            (12, 3, 1, 1, TallZeroPad.Forward, (dy, dx) => TallZeroPad.Backward(dy, dx)),
            (4, 4, 5, 0, NoZeroPad.Forward, (dy, dx) => NoZeroPad.Backward(dy, dx)),
        })
        {
            int oh = h + (2 * pad), ow = w + (2 * pad);
            double[] x = PoolDifferentialTests.Values(new Random(h), 2 * h * w * c);
            var y = Enumerable.Repeat(double.NaN, 2 * oh * ow * c).ToArray();
            forward(x, y);
            for (int n = 0; n < 2; n++)
            {
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        for (int k = 0; k < c; k++)
                        {
                            bool inside = i >= pad && i < h + pad && j >= pad && j < w + pad;
                            Assert.Equal(inside ? x[ReferencePool.Index(n, i - pad, j - pad, k, h, w, c)] : 0.0, y[ReferencePool.Index(n, i, j, k, oh, ow, c)]);
                        }
                    }
                }
            }

            var back = new double[x.Length];
            backward(y, back);
            Assert.Equal(x, back);
        }
    }
}

/// <summary>More rows than the emitter writes out one by one, so its row loop runs.</summary>
[ZeroPad2D(1, InputHeight = 12, InputWidth = 3, InputChannels = 1)]
public partial class TallZeroPad { }

/// <summary>Pad 0: a plain copy.</summary>
[ZeroPad2D(0, InputHeight = 4, InputWidth = 4, InputChannels = 5)]
public partial class NoZeroPad { }
