namespace CnnGen.Generated.Tests.Pooling;

public delegate void SpanForward<T>(ReadOnlySpan<T> input, Span<T> output);

public delegate void SpanPoolBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);

public enum PoolKind
{
    Max,
    Average,
}

/// <summary>One generated pooling layer, with its shape and its public entry points as delegates.</summary>
public sealed record PoolCase(
    string Name,
    PoolKind Kind,
    int H,
    int W,
    int C,
    int F,
    int S,
    int OH,
    int OW,
    SpanForward<double> ForwardDouble,
    SpanForward<float> ForwardFloat,
    SpanPoolBackward<double> BackwardDouble,
    SpanPoolBackward<float> BackwardFloat)
{
    public int InputLength => H * W * C;

    public int OutputLength => OH * OW * C;

    public override string ToString() => Name;
}
