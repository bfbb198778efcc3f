namespace CnnGen;

/// <summary>
/// The shape of a dense (fully connected) layer: <see cref="InputLength"/> values in, <see cref="Units"/> values out
/// per example.
/// </summary>
/// <remarks>
/// Parameters: weights <c>W</c> of shape <c>(InputLength, Units)</c> in row-major order, so row <c>W[i, :]</c>
/// (the weights leaving input <c>i</c>) is contiguous and <c>W[i, j]</c> sits at <c>i·Units + j</c>; then bias
/// <c>b</c> of <c>Units</c> values. In a flat parameter buffer the weights come first, then the bias.
/// </remarks>
public readonly record struct DenseGeometry
{
    /// <summary>Describes a dense layer.</summary>
    /// <param name="inputLength">The values per input example (at least 1).</param>
    /// <param name="units">The values per output example (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or the weight count exceeds <see cref="int.MaxValue"/>.</exception>
    public DenseGeometry(int inputLength, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        if ((long)inputLength * units + units > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(units), units, $"A dense layer of {inputLength}×{units} weights plus {units} biases exceeds {int.MaxValue} parameters.");
        }

        InputLength = inputLength;
        Units = units;
    }

    /// <summary>The values per input example.</summary>
    public int InputLength { get; }

    /// <summary>The values per output example (the layer's width).</summary>
    public int Units { get; }

    /// <summary>The values per output example; the same as <see cref="Units"/>.</summary>
    public int OutputLength => Units;

    /// <summary>The number of weights, <c>InputLength·Units</c>.</summary>
    public int WeightCount => InputLength * Units;

    /// <summary>The number of biases, <c>Units</c>.</summary>
    public int BiasCount => Units;

    /// <summary>All trainable values: <see cref="WeightCount"/> + <see cref="BiasCount"/>.</summary>
    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>The fan-in for He initialization of the weights: <see cref="InputLength"/>.</summary>
    public int FanIn => InputLength;
}
