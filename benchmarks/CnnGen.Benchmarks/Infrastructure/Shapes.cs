namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>A convolution's window: what the layer contract leaves out, given by the layer's generated <c>FilterSize</c>, <c>Stride</c> and <c>Pad</c>.</summary>
public readonly record struct ConvWindow(int FilterSize, int Stride, int Pad);

/// <summary>
/// The geometry of one convolution layer at one batch size: its shapes read through the layer contract
/// (<see cref="IWeightedLayerShape"/>), its window from <see cref="ConvWindow"/>.
/// </summary>
public readonly record struct ConvShape(int Batch, int Height, int Width, int InputChannels, int FilterSize, int Stride, int Pad, int Filters)
{
    public int OutputHeight => (Height + 2 * Pad - FilterSize) / Stride + 1;

    public int OutputWidth => (Width + 2 * Pad - FilterSize) / Stride + 1;

    public int InputLength => Batch * Height * Width * InputChannels;

    public int OutputLength => Batch * OutputHeight * OutputWidth * Filters;

    public int WeightsLength => FilterSize * FilterSize * InputChannels * Filters;

    public int BiasLength => Filters;

    /// <summary>
    /// Floating-point operations of one forward pass: one multiply and one add per weight per output position,
    /// 2·m·Ho·Wo·Cout·f²·Cin (the bias add is not counted).
    /// </summary>
    public double ForwardFlops => 2.0 * Batch * OutputHeight * OutputWidth * Filters * FilterSize * FilterSize * InputChannels;

    /// <summary>
    /// Floating-point operations of one backward pass, counted as the input gradient plus the weights gradient,
    /// each as large as the forward pass: 2 × <see cref="ForwardFlops"/> (the bias gradient is not counted).
    /// </summary>
    public double BackwardFlops => 2.0 * ForwardFlops;

    /// <summary>
    /// The shape of <typeparamref name="TLayer"/> with <paramref name="window"/> at <paramref name="batch"/>; throws when the
    /// window does not give the layer's own output shape and weight count.
    /// </summary>
    public static ConvShape Of<TLayer>(ConvWindow window, int batch)
        where TLayer : IWeightedLayerShape
    {
        var shape = new ConvShape(batch, TLayer.InputHeight, TLayer.InputWidth, TLayer.InputChannels, window.FilterSize, window.Stride, window.Pad, TLayer.OutputChannels);
        if (shape.OutputHeight != TLayer.OutputHeight || shape.OutputWidth != TLayer.OutputWidth
            || shape.WeightsLength != TLayer.WeightsLength || shape.BiasLength != TLayer.BiasLength)
        {
            throw new InvalidOperationException($"{window} does not match {typeof(TLayer).Name}'s shapes ({shape}).");
        }

        return shape;
    }

    public override string ToString() =>
        $"m {Batch}, {Height}×{Width}×{InputChannels} → {OutputHeight}×{OutputWidth}×{Filters}, f {FilterSize}, stride {Stride}, pad {Pad}";
}

/// <summary>Maximum or average pooling.</summary>
public enum PoolKind
{
    Max,
    Average,
}

/// <summary>A pooling layer's reduction and window: what the layer contract leaves out, given by the layer's kind and its generated <c>FilterSize</c> and <c>Stride</c>.</summary>
public readonly record struct PoolWindow(PoolKind Kind, int FilterSize, int Stride);

/// <summary>
/// The geometry of one pooling layer at one batch size: its shapes read through the layer contract
/// (<see cref="ILayerShape"/>), its reduction and window from <see cref="PoolWindow"/>.
/// </summary>
public readonly record struct PoolShape(PoolKind Kind, int Batch, int Height, int Width, int Channels, int FilterSize, int Stride)
{
    public int OutputHeight => (Height - FilterSize) / Stride + 1;

    public int OutputWidth => (Width - FilterSize) / Stride + 1;

    public int InputLength => Batch * Height * Width * Channels;

    public int OutputLength => Batch * OutputHeight * OutputWidth * Channels;

    /// <summary>
    /// The shape of <typeparamref name="TLayer"/> with <paramref name="window"/> at <paramref name="batch"/>; throws when the
    /// window does not give the layer's own output shape.
    /// </summary>
    public static PoolShape Of<TLayer>(PoolWindow window, int batch)
        where TLayer : ILayerShape
    {
        var shape = new PoolShape(window.Kind, batch, TLayer.InputHeight, TLayer.InputWidth, TLayer.InputChannels, window.FilterSize, window.Stride);
        if (shape.OutputHeight != TLayer.OutputHeight || shape.OutputWidth != TLayer.OutputWidth || TLayer.OutputChannels != TLayer.InputChannels)
        {
            throw new InvalidOperationException($"{window} does not match {typeof(TLayer).Name}'s shapes ({shape}).");
        }

        return shape;
    }

    public override string ToString() =>
        $"{Kind} m {Batch}, {Height}×{Width}×{Channels} → {OutputHeight}×{OutputWidth}×{Channels}, f {FilterSize}, stride {Stride}";
}
