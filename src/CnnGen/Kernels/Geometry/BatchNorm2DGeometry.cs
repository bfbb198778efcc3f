namespace CnnGen;

/// <summary>
/// The shape and constants of one 2-D batch normalization layer, validated on construction: <c>H×W×C</c> NHWC
/// examples, normalized per channel; the output has the input's shape. The batch size is read from the input span.
/// </summary>
public readonly record struct BatchNorm2DGeometry
{
    /// <summary>Creates and validates a batch normalization geometry.</summary>
    /// <param name="inputHeight">The height of one example (≥ 1).</param>
    /// <param name="inputWidth">The width of one example (≥ 1).</param>
    /// <param name="channels">The channel count (≥ 1): one scale, shift, running mean and running variance each.</param>
    /// <param name="epsilon">Added to the variance before its square root (finite, above 0); PyTorch's default 1e-5.</param>
    /// <param name="momentum">
    /// The weight of a batch's statistics in the running ones, in [0, 1]: <c>running = (1 − momentum) · running + momentum · batch</c>,
    /// PyTorch's convention and default (0.1).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">An extent is below 1, or epsilon or momentum is out of range.</exception>
    /// <exception cref="ArgumentException">An example's length exceeds what a span can hold.</exception>
    public BatchNorm2DGeometry(int inputHeight, int inputWidth, int channels, double epsilon = 1e-5, double momentum = 0.1)
    {
        GeometryChecks.AtLeastOne(inputHeight, nameof(inputHeight));
        GeometryChecks.AtLeastOne(inputWidth, nameof(inputWidth));
        GeometryChecks.AtLeastOne(channels, nameof(channels));
        if (!(epsilon > 0) || double.IsInfinity(epsilon) || float.IsInfinity((float)epsilon) || (float)epsilon == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected a finite number above 0 (in float too).");
        }

        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected a number in [0, 1].");
        }

        InputHeight = inputHeight;
        InputWidth = inputWidth;
        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        InputLength = GeometryChecks.Length("input example", nameof(channels), inputHeight, inputWidth, channels);
        Pixels = inputHeight * inputWidth;
    }

    /// <summary>The height of one example.</summary>
    public int InputHeight { get; }

    /// <summary>The width of one example.</summary>
    public int InputWidth { get; }

    /// <summary>The channel count, also the length of the scale, shift and running statistics.</summary>
    public int Channels { get; }

    /// <summary>The pixels of one example, <c>H·W</c>.</summary>
    public int Pixels { get; }

    /// <summary>The number of values in one example, <c>H·W·C</c> (input and output alike).</summary>
    public int InputLength { get; }

    /// <summary>Added to the variance before its square root.</summary>
    public double Epsilon { get; }

    /// <summary>The weight of a batch's statistics in the running ones.</summary>
    public double Momentum { get; }

    /// <summary>False for <c>default(BatchNorm2DGeometry)</c>, which bypassed validation.</summary>
    public bool IsValid => InputLength > 0;

    internal void ThrowIfDefault(string paramName)
    {
        if (!IsValid)
        {
            throw new ArgumentException($"Expected a {nameof(BatchNorm2DGeometry)} created with its constructor, but it is default (uninitialized).", paramName);
        }
    }
}
