using System.Numerics;

namespace CnnGen;

/// <summary>
/// A generated <c>[BatchNorm2D]</c> layer in element type <typeparamref name="T"/>: per-channel normalization whose
/// training mode uses the batch's statistics and updates the running ones, and whose evaluation mode uses the running
/// ones. Each such class implements it for <see cref="float"/> and for <see cref="double"/>; its public static methods
/// are the implementations. The scale, shift, running mean and running variance each hold <c>InputChannels</c> values.
/// </summary>
/// <remarks>
/// The batch size is <c>input.Length / InputLength</c>; a span that does not fit it throws <see cref="ArgumentException"/>
/// naming it, as does an output span overlapping another span, and a training call whose batch holds one value per
/// channel (batch · H · W = 1). The generic kernels, <see cref="BatchNorm2DKernels"/>, document the formulas.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IBatchNormLayer<T> : ILayerShape
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Normalizes with the batch's statistics and updates the running ones in place.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="scale">γ, per channel.</param>
    /// <param name="shift">β, per channel.</param>
    /// <param name="output">Receives the outputs (overwritten).</param>
    /// <param name="runningMean">The running mean, updated.</param>
    /// <param name="runningVariance">The running variance, updated.</param>
    static abstract void ForwardTraining(ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, Span<T> output, Span<T> runningMean, Span<T> runningVariance);

    /// <summary>Normalizes with the running statistics.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="scale">γ, per channel.</param>
    /// <param name="shift">β, per channel.</param>
    /// <param name="runningMean">The running mean.</param>
    /// <param name="runningVariance">The running variance.</param>
    /// <param name="output">Receives the outputs (overwritten).</param>
    static abstract void ForwardEvaluation(ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, Span<T> output);

    /// <summary>The gradients of <see cref="ForwardTraining"/>, the batch's statistics recomputed from <paramref name="input"/> (overwritten).</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="scale">γ, per channel.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input.</param>
    /// <param name="scaleGradient">Receives the gradient with respect to γ.</param>
    /// <param name="shiftGradient">Receives the gradient with respect to β.</param>
    static abstract void BackwardTraining(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, Span<T> inputGradient, Span<T> scaleGradient, Span<T> shiftGradient);

    /// <summary>The gradients of <see cref="ForwardEvaluation"/>, the running statistics held fixed (overwritten).</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="scale">γ, per channel.</param>
    /// <param name="runningMean">The running mean.</param>
    /// <param name="runningVariance">The running variance.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input.</param>
    /// <param name="scaleGradient">Receives the gradient with respect to γ.</param>
    /// <param name="shiftGradient">Receives the gradient with respect to β.</param>
    static abstract void BackwardEvaluation(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance,
        Span<T> inputGradient, Span<T> scaleGradient, Span<T> shiftGradient);
}
