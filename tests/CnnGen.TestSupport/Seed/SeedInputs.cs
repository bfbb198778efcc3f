namespace CnnGen.TestSupport;

/// <summary>
/// Builds each seed-notebook exercise's inputs by its recipe: <c>np.random.seed(k)</c>, then
/// <c>np.random.randn(…)</c> draws in the order listed, from one stream (<see cref="NumpyLegacyRandom"/>).
/// Every call draws afresh. The expected outputs are in <see cref="NotebookValues"/>.
/// </summary>
/// <example>
/// <code>
/// var c = SeedInputs.ConvForward();
/// var z = new double[c.Batch * c.Geometry.OutputLength];
/// Conv2DKernels.Forward(c.Geometry, c.APrev.Values, c.W.Values, c.B.Values, z);
/// // Nd.At(z, c.OutputShape, 0, 2, 1) ≈ NotebookValues.ConvForward.Z021
/// </code>
/// </example>
public static class SeedInputs
{
    /// <summary>Seeds numpy's legacy stream with <paramref name="seed"/> and draws each named array in turn.</summary>
    public static SeedArray[] Draw(uint seed, params (string Name, int[] Shape)[] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        var random = new NumpyLegacyRandom(seed);
        var arrays = new SeedArray[draws.Length];
        for (int i = 0; i < draws.Length; i++)
        {
            var values = new double[Nd.Count(draws[i].Shape)];
            random.FillStandardNormal(values);
            arrays[i] = new SeedArray(draws[i].Name, (int[])draws[i].Shape.Clone(), values);
        }

        return arrays;
    }

    /// <summary><c>np.random.seed(1); x = randn(4, 3, 3, 2); zero_pad(x, 3)</c>.</summary>
    public static ZeroPadCase ZeroPad()
    {
        var d = Draw(1, ("x", [4, 3, 3, 2]));
        return new ZeroPadCase(d[0], Pad: 3);
    }

    /// <summary><c>np.random.seed(1); a_slice_prev = randn(4, 4, 3); W = randn(4, 4, 3); b = randn(1, 1, 1)</c>.</summary>
    public static ConvSingleStepCase ConvSingleStep()
    {
        var d = Draw(1, ("a_slice_prev", [4, 4, 3]), ("W", [4, 4, 3]), ("b", [1, 1, 1]));
        return new ConvSingleStepCase(d[0], d[1], d[2]);
    }

    /// <summary>
    /// <c>np.random.seed(1); A_prev = randn(2, 5, 7, 4); W = randn(3, 3, 4, 8); b = randn(1, 1, 1, 8)</c>,
    /// <c>pad = 1</c>, <c>stride = 2</c>.
    /// </summary>
    public static ConvCase ConvForward()
    {
        var d = Draw(1, ("A_prev", [2, 5, 7, 4]), ("W", [3, 3, 4, 8]), ("b", [1, 1, 1, 8]));
        return new ConvCase(d[0], d[1], d[2], Stride: 2, Pad: 1);
    }

    /// <summary><c>np.random.seed(1); A_prev = randn(2, 5, 5, 3)</c>, <c>f = 3</c>, <c>stride = 1</c>.</summary>
    public static PoolCase PoolForwardStride1()
    {
        var d = Draw(1, ("A_prev", [2, 5, 5, 3]));
        return new PoolCase(d[0], FilterSize: 3, Stride: 1);
    }

    /// <summary><c>np.random.seed(1); A_prev = randn(2, 5, 5, 3)</c>, <c>f = 3</c>, <c>stride = 2</c>.</summary>
    public static PoolCase PoolForwardStride2()
    {
        var d = Draw(1, ("A_prev", [2, 5, 5, 3]));
        return new PoolCase(d[0], FilterSize: 3, Stride: 2);
    }

    /// <summary>
    /// <c>np.random.seed(1); A_prev = randn(10, 4, 4, 3); W = randn(2, 2, 3, 8); b = randn(1, 1, 1, 8)</c>,
    /// <c>pad = 2</c>, <c>stride = 2</c>. The notebook runs <c>conv_forward</c> and feeds its output <c>Z</c> back as <c>dZ</c>.
    /// </summary>
    public static ConvCase ConvBackward()
    {
        var d = Draw(1, ("A_prev", [10, 4, 4, 3]), ("W", [2, 2, 3, 8]), ("b", [1, 1, 1, 8]));
        return new ConvCase(d[0], d[1], d[2], Stride: 2, Pad: 2);
    }

    /// <summary><c>np.random.seed(1); A_prev = randn(5, 5, 3, 2); dA = randn(5, 4, 2, 2)</c>, <c>f = 2</c>, <c>stride = 1</c>.</summary>
    public static PoolBackwardCase PoolBackward()
    {
        var d = Draw(1, ("A_prev", [5, 5, 3, 2]), ("dA", [5, 4, 2, 2]));
        return new PoolBackwardCase(d[0], d[1], FilterSize: 2, Stride: 1);
    }
}
