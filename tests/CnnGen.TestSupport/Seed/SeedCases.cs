namespace CnnGen.TestSupport;

/// <summary>The inputs of the notebook's <c>zero_pad</c> exercise: <c>x (4, 3, 3, 2)</c>, <c>pad = 3</c>.</summary>
public sealed record ZeroPadCase(SeedArray X, int Pad)
{
    /// <summary>The batch size <c>m</c>.</summary>
    public int Batch => X.Shape[0];

    /// <summary>The layer geometry of this case.</summary>
    public ZeroPad2DGeometry Geometry => new(X.Shape[1], X.Shape[2], X.Shape[3], Pad);

    /// <summary>The output's numpy shape.</summary>
    public int[] OutputShape => [Batch, Geometry.OutputHeight, Geometry.OutputWidth, Geometry.Channels];
}

/// <summary>The inputs of <c>conv_single_step</c>: <c>a_slice_prev (4, 4, 3)</c>, <c>W (4, 4, 3)</c>, <c>b (1, 1, 1)</c>.</summary>
public sealed record ConvSingleStepCase(SeedArray ASlicePrev, SeedArray W, SeedArray B);

/// <summary>
/// The inputs of a convolution exercise (<c>conv_forward</c>, and <c>conv_backward</c>, which feeds the forward
/// output <c>Z</c> back as <c>dZ</c>).
/// </summary>
public sealed record ConvCase(SeedArray APrev, SeedArray W, SeedArray B, int Stride, int Pad)
{
    /// <summary>The batch size <c>m</c>.</summary>
    public int Batch => APrev.Shape[0];

    /// <summary>The layer geometry of this case.</summary>
    public Conv2DGeometry Geometry => new(APrev.Shape[1], APrev.Shape[2], APrev.Shape[3], W.Shape[3], W.Shape[0], Stride, Pad);

    /// <summary>The output's numpy shape <c>(m, n_H, n_W, n_C)</c>.</summary>
    public int[] OutputShape => [Batch, Geometry.OutputHeight, Geometry.OutputWidth, Geometry.Filters];
}

/// <summary>The inputs of a <c>pool_forward</c> exercise (the same <c>A_prev</c> serves both modes).</summary>
public sealed record PoolCase(SeedArray APrev, int FilterSize, int Stride)
{
    /// <summary>The batch size <c>m</c>.</summary>
    public int Batch => APrev.Shape[0];

    /// <summary>The layer geometry of this case.</summary>
    public Pool2DGeometry Geometry => new(APrev.Shape[1], APrev.Shape[2], APrev.Shape[3], FilterSize, Stride);

    /// <summary>The output's numpy shape.</summary>
    public int[] OutputShape => [Batch, Geometry.OutputHeight, Geometry.OutputWidth, Geometry.Channels];
}

/// <summary>
/// The inputs of <c>pool_backward</c>: <c>A_prev (5, 5, 3, 2)</c>, then <c>dA (5, 4, 2, 2)</c> drawn after it,
/// <c>f = 2</c>, <c>stride = 1</c> (the <c>pool_forward</c> call in between draws nothing).
/// </summary>
public sealed record PoolBackwardCase(SeedArray APrev, SeedArray DA, int FilterSize, int Stride)
{
    /// <summary>The batch size <c>m</c>.</summary>
    public int Batch => APrev.Shape[0];

    /// <summary>The layer geometry of this case.</summary>
    public Pool2DGeometry Geometry => new(APrev.Shape[1], APrev.Shape[2], APrev.Shape[3], FilterSize, Stride);
}
