namespace CnnGen;

/// <summary>
/// The span checks of the batch normalization kernels, shared by the generated <c>[BatchNorm2D]</c> layers and
/// <see cref="BatchNorm2DKernels"/>: lengths against the layer and the batch, and no output overlapping another span.
/// </summary>
public static class BatchNorm2DArguments
{
    /// <summary>Checks a training-mode forward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">
    /// A span's length does not fit the layer and the batch, an output overlaps another span, or the batch holds a single
    /// value per channel (batch · H · W = 1), whose variance is undefined.
    /// </exception>
    public static int CheckForwardTraining<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> output,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, int inputLength, int pixels, int channels)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        if (batch > 0 && (long)batch * pixels < 2)
        {
            throw new ArgumentException(
                $"Training normalizes with the batch's statistics, which need at least 2 values per channel, but batch · H · W is {(long)batch * pixels}. " +
                "Use a larger batch, or the evaluation mode.",
                nameof(input));
        }

        Parameters(scale, shift, channels);
        SpanArguments.RequireLength(runningMean.Length, channels, nameof(runningMean));
        SpanArguments.RequireLength(runningVariance.Length, channels, nameof(runningVariance));
        SpanArguments.RequireBatchLength(output.Length, batch, inputLength, nameof(output));
        SpanArguments.RequireNoOverlap(output, input, nameof(output), nameof(input));
        SpanArguments.RequireNoOverlap(output, scale, nameof(output), nameof(scale));
        SpanArguments.RequireNoOverlap(output, shift, nameof(output), nameof(shift));
        SpanArguments.RequireNoOverlap(output, runningMean, nameof(output), nameof(runningMean));
        SpanArguments.RequireNoOverlap(output, runningVariance, nameof(output), nameof(runningVariance));
        SpanArguments.RequireNoOverlap(runningMean, input, nameof(runningMean), nameof(input));
        SpanArguments.RequireNoOverlap(runningMean, scale, nameof(runningMean), nameof(scale));
        SpanArguments.RequireNoOverlap(runningMean, shift, nameof(runningMean), nameof(shift));
        SpanArguments.RequireNoOverlap(runningMean, runningVariance, nameof(runningMean), nameof(runningVariance));
        SpanArguments.RequireNoOverlap(runningVariance, input, nameof(runningVariance), nameof(input));
        SpanArguments.RequireNoOverlap(runningVariance, scale, nameof(runningVariance), nameof(scale));
        SpanArguments.RequireNoOverlap(runningVariance, shift, nameof(runningVariance), nameof(shift));
        return batch;
    }

    /// <summary>Checks an evaluation-mode forward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">A span's length does not fit the layer and the batch, or the output overlaps an input.</exception>
    public static int CheckForwardEvaluation<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance,
        ReadOnlySpan<T> output, int inputLength, int channels)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        Parameters(scale, shift, channels);
        SpanArguments.RequireLength(runningMean.Length, channels, nameof(runningMean));
        SpanArguments.RequireLength(runningVariance.Length, channels, nameof(runningVariance));
        SpanArguments.RequireBatchLength(output.Length, batch, inputLength, nameof(output));
        SpanArguments.RequireNoOverlap(output, input, nameof(output), nameof(input));
        SpanArguments.RequireNoOverlap(output, scale, nameof(output), nameof(scale));
        SpanArguments.RequireNoOverlap(output, shift, nameof(output), nameof(shift));
        SpanArguments.RequireNoOverlap(output, runningMean, nameof(output), nameof(runningMean));
        SpanArguments.RequireNoOverlap(output, runningVariance, nameof(output), nameof(runningVariance));
        return batch;
    }

    /// <summary>Checks a training-mode backward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">A span's length does not fit the layer and the batch, or an output overlaps another span.</exception>
    public static int CheckBackwardTraining<T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale,
        ReadOnlySpan<T> inputGradient, ReadOnlySpan<T> scaleGradient, ReadOnlySpan<T> shiftGradient, int inputLength, int pixels, int channels)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        if (batch > 0 && (long)batch * pixels < 2)
        {
            throw new ArgumentException(
                $"The training-mode gradient needs at least 2 values per channel, but batch · H · W is {(long)batch * pixels}.", nameof(input));
        }

        Gradients(outputGradient, scale, inputGradient, scaleGradient, shiftGradient, batch, inputLength, channels);
        SpanArguments.RequireNoOverlap(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(inputGradient, input, nameof(inputGradient), nameof(input));
        SpanArguments.RequireNoOverlap(inputGradient, scale, nameof(inputGradient), nameof(scale));
        SpanArguments.RequireNoOverlap(inputGradient, scaleGradient, nameof(inputGradient), nameof(scaleGradient));
        SpanArguments.RequireNoOverlap(inputGradient, shiftGradient, nameof(inputGradient), nameof(shiftGradient));
        SpanArguments.RequireNoOverlap(scaleGradient, outputGradient, nameof(scaleGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(scaleGradient, input, nameof(scaleGradient), nameof(input));
        SpanArguments.RequireNoOverlap(scaleGradient, scale, nameof(scaleGradient), nameof(scale));
        SpanArguments.RequireNoOverlap(scaleGradient, shiftGradient, nameof(scaleGradient), nameof(shiftGradient));
        SpanArguments.RequireNoOverlap(shiftGradient, outputGradient, nameof(shiftGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(shiftGradient, input, nameof(shiftGradient), nameof(input));
        SpanArguments.RequireNoOverlap(shiftGradient, scale, nameof(shiftGradient), nameof(scale));
        return batch;
    }

    /// <summary>Checks an evaluation-mode backward call's spans and returns the batch size.</summary>
    /// <exception cref="ArgumentException">A span's length does not fit the layer and the batch, or an output overlaps another span.</exception>
    public static int CheckBackwardEvaluation<T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance,
        ReadOnlySpan<T> inputGradient, ReadOnlySpan<T> scaleGradient, ReadOnlySpan<T> shiftGradient, int inputLength, int channels)
    {
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        SpanArguments.RequireLength(runningMean.Length, channels, nameof(runningMean));
        SpanArguments.RequireLength(runningVariance.Length, channels, nameof(runningVariance));
        Gradients(outputGradient, scale, inputGradient, scaleGradient, shiftGradient, batch, inputLength, channels);
        SpanArguments.RequireNoOverlap(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(inputGradient, input, nameof(inputGradient), nameof(input));
        SpanArguments.RequireNoOverlap(inputGradient, scale, nameof(inputGradient), nameof(scale));
        SpanArguments.RequireNoOverlap(inputGradient, runningMean, nameof(inputGradient), nameof(runningMean));
        SpanArguments.RequireNoOverlap(inputGradient, runningVariance, nameof(inputGradient), nameof(runningVariance));
        SpanArguments.RequireNoOverlap(inputGradient, scaleGradient, nameof(inputGradient), nameof(scaleGradient));
        SpanArguments.RequireNoOverlap(inputGradient, shiftGradient, nameof(inputGradient), nameof(shiftGradient));
        SpanArguments.RequireNoOverlap(scaleGradient, outputGradient, nameof(scaleGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(scaleGradient, input, nameof(scaleGradient), nameof(input));
        SpanArguments.RequireNoOverlap(scaleGradient, scale, nameof(scaleGradient), nameof(scale));
        SpanArguments.RequireNoOverlap(scaleGradient, runningMean, nameof(scaleGradient), nameof(runningMean));
        SpanArguments.RequireNoOverlap(scaleGradient, runningVariance, nameof(scaleGradient), nameof(runningVariance));
        SpanArguments.RequireNoOverlap(scaleGradient, shiftGradient, nameof(scaleGradient), nameof(shiftGradient));
        SpanArguments.RequireNoOverlap(shiftGradient, outputGradient, nameof(shiftGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap(shiftGradient, input, nameof(shiftGradient), nameof(input));
        SpanArguments.RequireNoOverlap(shiftGradient, scale, nameof(shiftGradient), nameof(scale));
        SpanArguments.RequireNoOverlap(shiftGradient, runningMean, nameof(shiftGradient), nameof(runningMean));
        SpanArguments.RequireNoOverlap(shiftGradient, runningVariance, nameof(shiftGradient), nameof(runningVariance));
        return batch;
    }

    private static void Parameters<T>(ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, int channels)
    {
        SpanArguments.RequireLength(scale.Length, channels, nameof(scale));
        SpanArguments.RequireLength(shift.Length, channels, nameof(shift));
    }

    private static void Gradients<T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> scale, ReadOnlySpan<T> inputGradient, ReadOnlySpan<T> scaleGradient, ReadOnlySpan<T> shiftGradient,
        int batch, int inputLength, int channels)
    {
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, inputLength, nameof(outputGradient));
        SpanArguments.RequireLength(scale.Length, channels, nameof(scale));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, inputLength, nameof(inputGradient));
        SpanArguments.RequireLength(scaleGradient.Length, channels, nameof(scaleGradient));
        SpanArguments.RequireLength(shiftGradient.Length, channels, nameof(shiftGradient));
    }
}
