using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) 2-D batch normalization on flat NHWC spans, following the generated <c>[BatchNorm2D]</c>
/// layers' contract with the geometry as an extra first parameter, and PyTorch's <c>BatchNorm2d</c> conventions:
/// training normalizes with the batch's biased variance and updates the running variance with the unbiased one, with
/// the momentum weighting the batch (<c>running = (1 − momentum) · running + momentum · batch</c>); evaluation
/// normalizes with the running statistics. The scale (γ) and shift (β) are per channel.
/// </summary>
/// <remarks>
/// The statistics run over the batch and the pixels, <c>rows = batch · H · W</c> values per channel. Outputs must not
/// overlap another span (checked); a training call needs at least two values per channel.
/// </remarks>
public static class BatchNorm2DKernels
{
    /// <summary>
    /// Training-mode forward: <c>output = scale · (input − μ) / √(σ² + ε) + shift</c> with the batch's per-channel mean μ
    /// and biased variance σ², then <paramref name="runningMean"/> and <paramref name="runningVariance"/> move towards μ
    /// and the unbiased variance by the momentum. Overwrites <paramref name="output"/>. An empty batch changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, an output overlaps another span, or batch · H · W = 1.</exception>
    public static void ForwardTraining<T>(
        in BatchNorm2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, Span<T> output,
        Span<T> runningMean, Span<T> runningVariance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = BatchNorm2DArguments.CheckForwardTraining<T>(input, scale, shift, output, runningMean, runningVariance, geometry.InputLength, geometry.Pixels, geometry.Channels);
        if (batch == 0)
        {
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(2 * geometry.Channels);
        try
        {
            BatchNormalization.ForwardTraining(
                ref Ref(input), ref Ref(scale), ref Ref(shift), ref MemoryMarshal.GetReference(output),
                ref MemoryMarshal.GetReference(runningMean), ref MemoryMarshal.GetReference(runningVariance), ref scratch[0],
                batch * geometry.Pixels, geometry.Channels, T.CreateChecked(geometry.Epsilon), T.CreateChecked(geometry.Momentum));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Evaluation-mode forward: <c>output = scale · (input − runningMean) / √(runningVariance + ε) + shift</c>.
    /// Overwrites <paramref name="output"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps an input.</exception>
    public static void ForwardEvaluation<T>(
        in BatchNorm2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = BatchNorm2DArguments.CheckForwardEvaluation(input, scale, shift, runningMean, runningVariance, output, geometry.InputLength, geometry.Channels);
        if (batch == 0)
        {
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(2 * geometry.Channels);
        try
        {
            BatchNormalization.ForwardEvaluation(
                ref Ref(input), ref Ref(scale), ref Ref(shift), ref Ref(runningMean), ref Ref(runningVariance),
                ref MemoryMarshal.GetReference(output), ref scratch[0], batch * geometry.Pixels, geometry.Channels, T.CreateChecked(geometry.Epsilon));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The gradient of <see cref="ForwardTraining"/> (the batch's statistics recomputed from <paramref name="input"/>;
    /// the running statistics do not enter): <c>shiftGradient = Σ dy</c>, <c>scaleGradient = Σ dy · x̂</c>, and
    /// <c>inputGradient = scale / σ̂ · (dy − mean(dy) − x̂ · mean(dy · x̂))</c>, x̂ = (x − μ) / σ̂, σ̂ = √(σ² + ε).
    /// Overwrites the three gradients.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, an output overlaps another span, or batch · H · W = 1.</exception>
    public static void BackwardTraining<T>(
        in BatchNorm2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale,
        Span<T> inputGradient, Span<T> scaleGradient, Span<T> shiftGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = BatchNorm2DArguments.CheckBackwardTraining<T>(outputGradient, input, scale, inputGradient, scaleGradient, shiftGradient, geometry.InputLength, geometry.Pixels, geometry.Channels);
        if (batch == 0)
        {
            scaleGradient.Clear();
            shiftGradient.Clear();
            return;
        }

        T[] scratch = ArrayPool<T>.Shared.Rent(4 * geometry.Channels);
        try
        {
            BatchNormalization.BackwardTraining(
                ref Ref(outputGradient), ref Ref(input), ref Ref(scale), ref MemoryMarshal.GetReference(inputGradient),
                ref MemoryMarshal.GetReference(scaleGradient), ref MemoryMarshal.GetReference(shiftGradient), ref scratch[0],
                batch * geometry.Pixels, geometry.Channels, T.CreateChecked(geometry.Epsilon));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The gradient of <see cref="ForwardEvaluation"/>, the running statistics held fixed: <c>shiftGradient = Σ dy</c>,
    /// <c>scaleGradient = Σ dy · x̂</c> with x̂ = (x − runningMean) / √(runningVariance + ε), and
    /// <c>inputGradient = dy · scale / √(runningVariance + ε)</c>. Overwrites the three gradients.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or an output overlaps another span.</exception>
    public static void BackwardEvaluation<T>(
        in BatchNorm2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, Span<T> inputGradient, Span<T> scaleGradient, Span<T> shiftGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = BatchNorm2DArguments.CheckBackwardEvaluation(
            outputGradient, input, scale, runningMean, runningVariance, inputGradient, scaleGradient, shiftGradient, geometry.InputLength, geometry.Channels);
        T[] scratch = ArrayPool<T>.Shared.Rent(2 * geometry.Channels);
        try
        {
            BatchNormalization.BackwardEvaluation(
                ref Ref(outputGradient), ref Ref(input), ref Ref(scale), ref Ref(runningMean), ref Ref(runningVariance),
                ref MemoryMarshal.GetReference(inputGradient), ref MemoryMarshal.GetReference(scaleGradient), ref MemoryMarshal.GetReference(shiftGradient),
                ref scratch[0], batch * geometry.Pixels, geometry.Channels, T.CreateChecked(geometry.Epsilon));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Folds an evaluation-mode batch normalization into the convolution (or dense layer) before it: with
    /// <c>a = scale / √(runningVariance + ε)</c> per output channel, <c>foldedWeights[…, k] = weights[…, k] · a[k]</c> and
    /// <c>foldedBias[k] = (bias[k] − runningMean[k]) · a[k] + shift[k]</c>, so the layer alone computes what the layer and
    /// the normalization computed, up to rounding. The weights' last axis is the output channel, as in CnnGen's
    /// <c>(f, f, C_in, C_out)</c> and <c>(inputLength, units)</c> layouts. The folded spans may be the inputs themselves.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The bias or a per-channel span is not <c>geometry.Channels</c> long, the weights are not a whole number of rows of it,
    /// or the folded spans differ in length from the inputs.
    /// </exception>
    public static void FoldInto<T>(
        in BatchNorm2DGeometry geometry, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance,
        ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> foldedWeights, Span<T> foldedBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int channels = geometry.Channels;
        SpanArguments.RequireLength(scale.Length, channels, nameof(scale));
        SpanArguments.RequireLength(shift.Length, channels, nameof(shift));
        SpanArguments.RequireLength(runningMean.Length, channels, nameof(runningMean));
        SpanArguments.RequireLength(runningVariance.Length, channels, nameof(runningVariance));
        SpanArguments.RequireLength(bias.Length, channels, nameof(bias));
        SpanArguments.BatchSize(weights.Length, channels, nameof(weights));
        SpanArguments.RequireLength(foldedWeights.Length, weights.Length, nameof(foldedWeights));
        SpanArguments.RequireLength(foldedBias.Length, channels, nameof(foldedBias));
        SpanArguments.RequireSameOrNoOverlap<T>(foldedWeights, weights, nameof(foldedWeights), nameof(weights));
        SpanArguments.RequireSameOrNoOverlap<T>(foldedBias, bias, nameof(foldedBias), nameof(bias));
        RequireApart(foldedWeights, nameof(foldedWeights), scale, shift, runningMean, runningVariance);
        RequireApart(foldedBias, nameof(foldedBias), scale, shift, runningMean, runningVariance);
        SpanArguments.RequireNoOverlap<T>(foldedWeights, bias, nameof(foldedWeights), nameof(bias));
        SpanArguments.RequireNoOverlap<T>(foldedBias, weights, nameof(foldedBias), nameof(weights));

        T epsilon = T.CreateChecked(geometry.Epsilon);
        for (int k = 0; k < channels; k++)
        {
            T a = scale[k] / T.Sqrt(runningVariance[k] + epsilon);
            for (int at = k; at < weights.Length; at += channels)
            {
                foldedWeights[at] = weights[at] * a;
            }

            foldedBias[k] = (bias[k] - runningMean[k]) * a + shift[k];
        }
    }

    private static void RequireApart<T>(Span<T> folded, string name, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance)
    {
        SpanArguments.RequireNoOverlap<T>(folded, scale, name, nameof(scale));
        SpanArguments.RequireNoOverlap<T>(folded, shift, name, nameof(shift));
        SpanArguments.RequireNoOverlap<T>(folded, runningMean, name, nameof(runningMean));
        SpanArguments.RequireNoOverlap<T>(folded, runningVariance, name, nameof(runningVariance));
    }

    private static ref T Ref<T>(ReadOnlySpan<T> span) => ref MemoryMarshal.GetReference(span);
}
