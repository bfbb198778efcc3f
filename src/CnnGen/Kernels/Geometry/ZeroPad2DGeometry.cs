namespace CnnGen;

/// <summary>
/// The shape of one zero-padding layer: pads height and width by <see cref="Pad"/> zeros on each side and keeps
/// the channels. Validated on construction; the batch size is read from the span lengths.
/// </summary>
public readonly record struct ZeroPad2DGeometry
{
    /// <summary>Creates and validates a zero-padding geometry.</summary>
    /// <param name="inputHeight">The height of one input example (≥ 1).</param>
    /// <param name="inputWidth">The width of one input example (≥ 1).</param>
    /// <param name="channels">The channel count (≥ 1).</param>
    /// <param name="pad">The zeros added on each side of both spatial axes (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An extent is below 1, or the padding is negative.</exception>
    /// <exception cref="ArgumentException">A length exceeds what a span can hold.</exception>
    public ZeroPad2DGeometry(int inputHeight, int inputWidth, int channels, int pad)
    {
        GeometryChecks.AtLeastOne(inputHeight, nameof(inputHeight));
        GeometryChecks.AtLeastOne(inputWidth, nameof(inputWidth));
        GeometryChecks.AtLeastOne(channels, nameof(channels));
        GeometryChecks.NotNegative(pad, nameof(pad));

        InputHeight = inputHeight;
        InputWidth = inputWidth;
        Channels = channels;
        Pad = pad;
        InputLength = GeometryChecks.Length("input example", nameof(channels), inputHeight, inputWidth, channels);
        long outputHeight = inputHeight + 2L * pad;
        long outputWidth = inputWidth + 2L * pad;
        if (outputHeight > Array.MaxLength || outputWidth > Array.MaxLength)
        {
            throw new ArgumentException($"Expected padded extents of at most {Array.MaxLength}, but they are {outputHeight}×{outputWidth}.", nameof(pad));
        }

        OutputHeight = (int)outputHeight;
        OutputWidth = (int)outputWidth;
        OutputLength = GeometryChecks.Length("output example", nameof(pad), OutputHeight, OutputWidth, channels);
    }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; }

    /// <summary>The channel count of the input and the output.</summary>
    public int Channels { get; }

    /// <summary>The zeros added on each side of both spatial axes.</summary>
    public int Pad { get; }

    /// <summary>The height of one output example, <c>H + 2·pad</c>.</summary>
    public int OutputHeight { get; }

    /// <summary>The width of one output example, <c>W + 2·pad</c>.</summary>
    public int OutputWidth { get; }

    /// <summary>The number of values in one input example, <c>H·W·C</c>.</summary>
    public int InputLength { get; }

    /// <summary>The number of values in one output example.</summary>
    public int OutputLength { get; }

    /// <summary>False for <c>default(ZeroPad2DGeometry)</c>, which bypassed validation.</summary>
    public bool IsValid => InputLength > 0;

    internal void ThrowIfDefault(string paramName)
    {
        if (!IsValid)
        {
            throw new ArgumentException($"Expected a {nameof(ZeroPad2DGeometry)} created with its constructor, but it is default (uninitialized).", paramName);
        }
    }
}
