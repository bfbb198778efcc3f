using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>The generated kernels reproduce the seed notebook's conv_forward and conv_backward numbers.</summary>
public class NotebookConvTests
{
    [Fact]
    public void SeedConv_forward_matches_the_notebook()
    {
        var rng = new LegacyNumpyRandom(1);
        double[] aPrev = rng.Randn(2 * 5 * 7 * 4);
        double[] w = rng.Randn(3 * 3 * 4 * 8);
        double[] b = rng.Randn(8);
        var z = new double[2 * SeedConv.OutputLength];

        SeedConv.Forward(aPrev, w, b, z);

        Assert.Equal(0.5511276474566768, z.Average(), 0.5511276474566768 * 1e-12);
        double[] expected = [-2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428, 10.99288867, 3.03171932];
        int at = (2 * SeedConv.OutputWidth + 1) * 8; // Z[0, 2, 1, :]
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(expected[k], z[at + k], 1e-8);
        }
    }

    [Fact]
    public void SeedConv_float_forward_matches_the_notebook_to_float_precision()
    {
        var rng = new LegacyNumpyRandom(1);
        float[] aPrev = rng.Randn(2 * 5 * 7 * 4).Select(v => (float)v).ToArray();
        float[] w = rng.Randn(3 * 3 * 4 * 8).Select(v => (float)v).ToArray();
        float[] b = rng.Randn(8).Select(v => (float)v).ToArray();
        var z = new float[2 * SeedConv.OutputLength];

        SeedConv.Forward(aPrev, w, b, z);

        Assert.Equal(0.5511276474566768, z.Average(v => (double)v), 1e-5);
    }

    [Fact]
    public void Backward_matches_the_notebook_conv_backward_case()
    {
        // conv_backward case: A_prev (10,4,4,3), W (2,2,3,8), b (1,1,1,8); Z = conv_forward(pad 2, stride 2); dZ = Z.
        var rng = new LegacyNumpyRandom(1);
        double[] aPrev = rng.Randn(10 * 4 * 4 * 3);
        double[] w = rng.Randn(2 * 2 * 3 * 8);
        double[] b = rng.Randn(8);
        var z = new double[10 * NotebookBackwardConv.OutputLength];
        NotebookBackwardConv.Forward(aPrev, w, b, z);

        var dA = new double[aPrev.Length];
        var dW = new double[w.Length];
        var db = new double[b.Length];
        NotebookBackwardConv.Backward(z, aPrev, w, dA, dW, db);

        Assert.Equal(1.4524377775388075, dA.Average(), 1.4524377775388075 * 1e-12);
        Assert.Equal(1.7269914583139097, dW.Average(), 1.7269914583139097 * 1e-12);
        Assert.Equal(7.839232564616838, db.Average(), 7.839232564616838 * 1e-12);
    }
}

/// <summary>The notebook's conv_backward case: conv_forward(A_prev (10,4,4,3), W (2,2,3,8), pad 2, stride 2).</summary>
[Conv2D(f: 2, stride: 2, pad: 2, InputHeight = 4, InputWidth = 4, InputChannels = 3, Filters = 8)]
public partial class NotebookBackwardConv { }
