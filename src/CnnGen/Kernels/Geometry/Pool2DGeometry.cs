namespace CnnGen;

/// <summary>
/// The shape of one 2-D pooling layer (max or average; the mode is not part of the shape), validated on
/// construction. Pooling has no padding, keeps the channel count, and slides an <c>f×f</c> window with a stride.
/// The batch size is read from the input span's length.
/// </summary>
public readonly record struct Pool2DGeometry
{
    /// <summary>Creates and validates a pooling geometry.</summary>
    /// <param name="inputHeight">The height of one input example (≥ 1).</param>
    /// <param name="inputWidth">The width of one input example (≥ 1).</param>
    /// <param name="channels">The channel count of the input and the output (≥ 1).</param>
    /// <param name="filterSize">The window's height and width (≥ 1, and no larger than the input).</param>
    /// <param name="stride">The step between windows (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An extent, the window size or the stride is below 1.</exception>
    /// <exception cref="ArgumentException">The window does not fit the input (an output size below 1), or a length exceeds what a span can hold.</exception>
    public Pool2DGeometry(int inputHeight, int inputWidth, int channels, int filterSize, int stride = 1)
    {
        GeometryChecks.AtLeastOne(inputHeight, nameof(inputHeight));
        GeometryChecks.AtLeastOne(inputWidth, nameof(inputWidth));
        GeometryChecks.AtLeastOne(channels, nameof(channels));
        GeometryChecks.AtLeastOne(filterSize, nameof(filterSize));
        GeometryChecks.AtLeastOne(stride, nameof(stride));

        InputHeight = inputHeight;
        InputWidth = inputWidth;
        Channels = channels;
        FilterSize = filterSize;
        Stride = stride;
        OutputHeight = GeometryChecks.OutputSize(inputHeight, filterSize, stride, 0, "height", nameof(filterSize));
        OutputWidth = GeometryChecks.OutputSize(inputWidth, filterSize, stride, 0, "width", nameof(filterSize));
        InputLength = GeometryChecks.Length("input example", nameof(channels), inputHeight, inputWidth, channels);
        OutputLength = GeometryChecks.Length("output example", nameof(channels), OutputHeight, OutputWidth, channels);
        // f ≤ H and f ≤ W, so f·f ≤ H·W ≤ InputLength cannot overflow.
        WindowSize = filterSize * filterSize;
    }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; }

    /// <summary>The channel count of the input and the output.</summary>
    public int Channels { get; }

    /// <summary>The window's height and width.</summary>
    public int FilterSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The height of one output example.</summary>
    public int OutputHeight { get; }

    /// <summary>The width of one output example.</summary>
    public int OutputWidth { get; }

    /// <summary>The number of values in one input example, <c>H·W·C</c>.</summary>
    public int InputLength { get; }

    /// <summary>The number of values in one output example, <c>H_out·W_out·C</c>.</summary>
    public int OutputLength { get; }

    /// <summary>The number of input positions one window covers, <c>f·f</c> (the divisor of average pooling).</summary>
    public int WindowSize { get; }

    /// <summary>False for <c>default(Pool2DGeometry)</c>, which bypassed validation.</summary>
    public bool IsValid => InputLength > 0;

    internal void ThrowIfDefault(string paramName)
    {
        if (!IsValid)
        {
            throw new ArgumentException($"Expected a {nameof(Pool2DGeometry)} created with its constructor, but it is default (uninitialized).", paramName);
        }
    }
}
