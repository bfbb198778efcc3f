namespace CnnGen;

/// <summary>
/// The shape of one 2-D convolution layer: everything the kernels need to know about one example, validated
/// on construction. Activations are NHWC <c>(m, H, W, C)</c>, weights <c>(f, f, C_in, C_out)</c>, bias
/// <c>(C_out)</c>; the batch size <c>m</c> is not part of the geometry but read from the input span's length.
/// </summary>
/// <remarks>
/// The output size per axis is <c>floor((input + 2·pad − f) / stride) + 1</c>. Rows or columns that a stride
/// leaves over at the far edge are not read, as in the notebook.
/// </remarks>
public readonly record struct Conv2DGeometry
{
    /// <summary>Creates and validates a convolution geometry.</summary>
    /// <param name="inputHeight">The height of one input example (≥ 1).</param>
    /// <param name="inputWidth">The width of one input example (≥ 1).</param>
    /// <param name="inputChannels">The channel count of one input example (≥ 1).</param>
    /// <param name="filters">The number of filters, which is the output's channel count (≥ 1).</param>
    /// <param name="filterSize">The filters' height and width (≥ 1, and no larger than the padded input).</param>
    /// <param name="stride">The step between windows (≥ 1).</param>
    /// <param name="pad">The zero padding on each side of both spatial axes (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">An extent, the filter size or the stride is below 1, or the padding is negative.</exception>
    /// <exception cref="ArgumentException">The filter does not fit the padded input (an output size below 1), or a length exceeds what a span can hold.</exception>
    public Conv2DGeometry(int inputHeight, int inputWidth, int inputChannels, int filters, int filterSize, int stride = 1, int pad = 0)
    {
        GeometryChecks.AtLeastOne(inputHeight, nameof(inputHeight));
        GeometryChecks.AtLeastOne(inputWidth, nameof(inputWidth));
        GeometryChecks.AtLeastOne(inputChannels, nameof(inputChannels));
        GeometryChecks.AtLeastOne(filters, nameof(filters));
        GeometryChecks.AtLeastOne(filterSize, nameof(filterSize));
        GeometryChecks.AtLeastOne(stride, nameof(stride));
        GeometryChecks.NotNegative(pad, nameof(pad));

        InputHeight = inputHeight;
        InputWidth = inputWidth;
        InputChannels = inputChannels;
        Filters = filters;
        FilterSize = filterSize;
        Stride = stride;
        Pad = pad;
        OutputHeight = GeometryChecks.OutputSize(inputHeight, filterSize, stride, pad, "height", nameof(filterSize));
        OutputWidth = GeometryChecks.OutputSize(inputWidth, filterSize, stride, pad, "width", nameof(filterSize));
        InputLength = GeometryChecks.Length("input example", nameof(inputChannels), inputHeight, inputWidth, inputChannels);
        OutputLength = GeometryChecks.Length("output example", nameof(filters), OutputHeight, OutputWidth, filters);
        WeightsLength = GeometryChecks.Length("weights", nameof(filters), filterSize, filterSize, inputChannels, filters);
    }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; }

    /// <summary>The channel count of one input example.</summary>
    public int InputChannels { get; }

    /// <summary>The number of filters, which is the output's channel count.</summary>
    public int Filters { get; }

    /// <summary>The filters' height and width.</summary>
    public int FilterSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The zero padding on each side of both spatial axes.</summary>
    public int Pad { get; }

    /// <summary>The height of one output example.</summary>
    public int OutputHeight { get; }

    /// <summary>The width of one output example.</summary>
    public int OutputWidth { get; }

    /// <summary>The output's channel count (equal to <see cref="Filters"/>).</summary>
    public int OutputChannels => Filters;

    /// <summary>The number of values in one input example, <c>H·W·C_in</c>.</summary>
    public int InputLength { get; }

    /// <summary>The number of values in one output example, <c>H_out·W_out·C_out</c>.</summary>
    public int OutputLength { get; }

    /// <summary>The number of weights, <c>f·f·C_in·C_out</c>.</summary>
    public int WeightsLength { get; }

    /// <summary>The number of biases, one per filter.</summary>
    public int BiasLength => Filters;

    /// <summary>False for <c>default(Conv2DGeometry)</c>, which bypassed validation.</summary>
    public bool IsValid => InputLength > 0;

    internal void ThrowIfDefault(string paramName)
    {
        if (!IsValid)
        {
            throw new ArgumentException($"Expected a {nameof(Conv2DGeometry)} created with its constructor, but it is default (uninitialized).", paramName);
        }
    }
}
