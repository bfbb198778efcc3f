namespace CnnGen.Generated.Tests.Conv;

public delegate void ForwardDelegate<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

public delegate void BackwardDelegate<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
    Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient);

/// <summary>The shape of a convolution layer as declared in its attribute.</summary>
public sealed record ConvShape(int Height, int Width, int InputChannels, int Filters, int FilterSize, int Stride, int Pad)
{
    public int OutputHeight => (Height + 2 * Pad - FilterSize) / Stride + 1;

    public int OutputWidth => (Width + 2 * Pad - FilterSize) / Stride + 1;

    public int InputLength => Height * Width * InputChannels;

    public int OutputLength => OutputHeight * OutputWidth * Filters;

    public int WeightsLength => FilterSize * FilterSize * InputChannels * Filters;

    public override string ToString() =>
        $"{Height}x{Width}x{InputChannels}->{Filters} f{FilterSize} s{Stride} p{Pad}";
}

/// <summary>One generated layer: its shape and its four emitted entry points.</summary>
public sealed record ConvLayerCase(
    string Name,
    ConvShape Shape,
    ForwardDelegate<double> ForwardDouble,
    ForwardDelegate<float> ForwardSingle,
    BackwardDelegate<double> BackwardDouble,
    BackwardDelegate<float> BackwardSingle)
{
    public override string ToString() => Name;
}
