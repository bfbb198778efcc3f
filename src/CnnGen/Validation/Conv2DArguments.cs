using System.ComponentModel;

namespace CnnGen;

/// <summary>
/// The argument checks of a generated convolution's public <c>Forward</c> and <c>Backward</c>, kept here once instead
/// of written into every layer: the lengths against the layer's shape and the batch, then every output against every
/// input and the outputs before it. The exceptions name the layer methods' own parameters.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Conv2DArguments
{
    /// <summary>Checks a forward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">A span's length does not fit the layer and the batch, or the output overlaps an input.</exception>
    public static int CheckForward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, ReadOnlySpan<T> output, int inputLength, int outputLength, int weightsLength, int biasLength)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        SpanArguments.RequireLength(weights.Length, weightsLength, nameof(weights));
        SpanArguments.RequireLength(bias.Length, biasLength, nameof(bias));
        SpanArguments.RequireBatchLength(output.Length, batch, outputLength, nameof(output));
        SpanArguments.RequireNoOverlap(output, input, nameof(output), nameof(input));
        SpanArguments.RequireNoOverlap(output, weights, nameof(output), nameof(weights));
        SpanArguments.RequireNoOverlap(output, bias, nameof(output), nameof(bias));
        return batch;
    }

    /// <summary>Checks a backward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">A span's length does not fit the layer and the batch, or an output overlaps an input or another output.</exception>
    public static int CheckBackward<T>(
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> inputGradient,
        ReadOnlySpan<T> weightsGradient,
        ReadOnlySpan<T> biasGradient,
        int inputLength,
        int outputLength,
        int weightsLength,
        int biasLength)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, outputLength, nameof(outputGradient));
        SpanArguments.RequireLength(weights.Length, weightsLength, nameof(weights));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, inputLength, nameof(inputGradient));
        SpanArguments.RequireLength(weightsGradient.Length, weightsLength, nameof(weightsGradient));
        SpanArguments.RequireLength(biasGradient.Length, biasLength, nameof(biasGradient));
        SpanArguments.RequireNoOverlap(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(inputGradient, input, nameof(inputGradient), nameof(input));
        SpanArguments.RequireNoOverlap(inputGradient, weights, nameof(inputGradient), nameof(weights));
        SpanArguments.RequireNoOverlap(weightsGradient, outputGradient, nameof(weightsGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(weightsGradient, input, nameof(weightsGradient), nameof(input));
        SpanArguments.RequireNoOverlap(weightsGradient, weights, nameof(weightsGradient), nameof(weights));
        SpanArguments.RequireNoOverlap(weightsGradient, inputGradient, nameof(weightsGradient), nameof(inputGradient));
        SpanArguments.RequireNoOverlap(biasGradient, outputGradient, nameof(biasGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(biasGradient, input, nameof(biasGradient), nameof(input));
        SpanArguments.RequireNoOverlap(biasGradient, weights, nameof(biasGradient), nameof(weights));
        SpanArguments.RequireNoOverlap(biasGradient, inputGradient, nameof(biasGradient), nameof(inputGradient));
        SpanArguments.RequireNoOverlap(biasGradient, weightsGradient, nameof(biasGradient), nameof(weightsGradient));
        return batch;
    }
}
