namespace CnnGen;

/// <summary>
/// The shape of one global pooling layer (average or max; the mode is not part of the shape), validated on
/// construction: every <c>H×W</c> input example pools to one value per channel, a <c>1×1×C</c> output. The batch size
/// is read from the input span's length.
/// </summary>
public readonly record struct GlobalPool2DGeometry
{
    /// <summary>Creates and validates a global pooling geometry.</summary>
    /// <param name="inputHeight">The height of one input example (≥ 1).</param>
    /// <param name="inputWidth">The width of one input example (≥ 1).</param>
    /// <param name="channels">The channel count of the input and the output (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An extent is below 1.</exception>
    /// <exception cref="ArgumentException">An example's length exceeds what a span can hold.</exception>
    public GlobalPool2DGeometry(int inputHeight, int inputWidth, int channels)
    {
        GeometryChecks.AtLeastOne(inputHeight, nameof(inputHeight));
        GeometryChecks.AtLeastOne(inputWidth, nameof(inputWidth));
        GeometryChecks.AtLeastOne(channels, nameof(channels));
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        Channels = channels;
        InputLength = GeometryChecks.Length("input example", nameof(channels), inputHeight, inputWidth, channels);

        // H·W·C fits an int, so H·W does too.
        Pixels = inputHeight * inputWidth;
    }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; }

    /// <summary>The channel count of the input and the output.</summary>
    public int Channels { get; }

    /// <summary>The pixels one channel pools over, <c>H·W</c> (the divisor of average pooling).</summary>
    public int Pixels { get; }

    /// <summary>The number of values in one input example, <c>H·W·C</c>.</summary>
    public int InputLength { get; }

    /// <summary>The number of values in one output example, <c>C</c>.</summary>
    public int OutputLength => Channels;

    /// <summary>False for <c>default(GlobalPool2DGeometry)</c>, which bypassed validation.</summary>
    public bool IsValid => InputLength > 0;

    internal void ThrowIfDefault(string paramName)
    {
        if (!IsValid)
        {
            throw new ArgumentException($"Expected a {nameof(GlobalPool2DGeometry)} created with its constructor, but it is default (uninitialized).", paramName);
        }
    }

    /// <summary>Checks a forward pass's spans and returns the batch size.</summary>
    internal int CheckForward<T>(ReadOnlySpan<T> input, Span<T> output)
    {
        ThrowIfDefault("geometry");
        int batch = SpanArguments.BatchSize(input.Length, InputLength, nameof(input));
        SpanArguments.RequireBatchLength(output.Length, batch, OutputLength, nameof(output));
        SpanArguments.RequireNoOverlap<T>(output, input, nameof(output), nameof(input));
        return batch;
    }

    /// <summary>Checks a backward pass's spans and returns the batch size.</summary>
    internal int CheckBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
    {
        ThrowIfDefault("geometry");
        int batch = SpanArguments.BatchSize(input.Length, InputLength, nameof(input));
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, OutputLength, nameof(outputGradient));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, InputLength, nameof(inputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, input, nameof(inputGradient), nameof(input));
        return batch;
    }
}
