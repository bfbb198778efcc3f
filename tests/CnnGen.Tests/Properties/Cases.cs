using CnnGen.Tests.Reference;
using CsCheck;

namespace CnnGen.Tests.Properties;

/// <summary>A random convolution problem: shapes, hyperparameters and the seed its values are drawn from.</summary>
public sealed record ConvProblem(int M, int H, int W, int C, int Filters, int F, int Stride, int Pad, uint Seed)
{
    internal Dims In => new(M, H, W, C);

    public Conv2DGeometry Geometry => new(H, W, C, Filters, F, Stride, Pad);

    public int WeightsLength => F * F * C * Filters;

    public (double[] A, double[] W, double[] B) Draw()
    {
        var random = new NumpyLegacyRandom(Seed);
        var a = new double[M * H * W * C];
        var w = new double[WeightsLength];
        var b = new double[Filters];
        random.FillStandardNormal(a);
        random.FillStandardNormal(w);
        random.FillStandardNormal(b);
        return (a, w, b);
    }

    public double[] DrawOutputGradient()
    {
        var g = new double[M * Geometry.OutputLength];
        new NumpyLegacyRandom(Seed + 7919).FillStandardNormal(g);
        return g;
    }
}

/// <summary>A random pooling problem.</summary>
public sealed record PoolProblem(int M, int H, int W, int C, int F, int Stride, uint Seed)
{
    internal Dims In => new(M, H, W, C);

    public Pool2DGeometry Geometry => new(H, W, C, F, Stride);

    /// <summary>Standard normals: ties have probability zero but near-ties happen.</summary>
    public double[] DrawNormal()
    {
        var a = new double[M * H * W * C];
        new NumpyLegacyRandom(Seed).FillStandardNormal(a);
        return a;
    }

    /// <summary>
    /// A shuffled ladder of distinct values <c>0.1·k</c>: no ties, and any two values are at least 0.1 apart, so a
    /// finite-difference step below 0.05 cannot change which value is a window's maximum.
    /// </summary>
    public double[] DrawDistinct()
    {
        int length = M * H * W * C;
        var random = new NumpyLegacyRandom(Seed);
        var order = new double[length];
        random.FillStandardNormal(order);
        int[] ranks = Enumerable.Range(0, length).OrderBy(i => order[i]).ToArray();
        var a = new double[length];
        for (int k = 0; k < length; k++)
        {
            a[ranks[k]] = 0.1 * (k - length / 2);
        }

        return a;
    }

    /// <summary>Small integers: many ties.</summary>
    public double[] DrawTies()
    {
        var a = DrawNormal();
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = Math.Round(a[i]);
        }

        return a;
    }

    public double[] DrawOutputGradient()
    {
        var g = new double[M * Geometry.OutputLength];
        new NumpyLegacyRandom(Seed + 7919).FillStandardNormal(g);
        return g;
    }
}

internal static class Cases
{
    /// <summary>
    /// Convolutions up to 7×7×5 with up to 9 filters (covering SIMD chunks and scalar tails), filters up to 4,
    /// strides up to 3, padding up to 4 (so pad = 0 and pad ≥ f both occur).
    /// </summary>
    public static Gen<ConvProblem> Conv(int maxSide = 7, int maxChannels = 5, int maxFilters = 9, int maxBatch = 2) =>
        from m in Gen.Int[1, maxBatch]
        from h in Gen.Int[1, maxSide]
        from w in Gen.Int[1, maxSide]
        from c in Gen.Int[1, maxChannels]
        from filters in Gen.Int[1, maxFilters]
        from f in Gen.Int[1, 4]
        from stride in Gen.Int[1, 3]
        from pad in Gen.Int[0, 4]
        from seed in Gen.UInt
        where h + 2 * pad >= f && w + 2 * pad >= f
        select new ConvProblem(m, h, w, c, filters, f, stride, pad, seed);

    /// <summary>Pools up to 7×7 with up to 10 channels, windows up to 4, strides up to 3 (overlapping and gapped windows).</summary>
    public static Gen<PoolProblem> Pool(int maxSide = 7, int maxChannels = 10) =>
        from m in Gen.Int[1, 2]
        from h in Gen.Int[1, maxSide]
        from w in Gen.Int[1, maxSide]
        from c in Gen.Int[1, maxChannels]
        from f in Gen.Int[1, 4]
        from stride in Gen.Int[1, 3]
        from seed in Gen.UInt
        where h >= f && w >= f
        select new PoolProblem(m, h, w, c, f, stride, seed);
}
