using System.Numerics;

namespace CnnGen;

/// <summary>
/// The generated softmax cross-entropy loss, <c>[SoftmaxCrossEntropy]</c>, in element type <typeparamref name="T"/>.
/// Each such class implements it for <see cref="float"/> and for <see cref="double"/>; its public static
/// <c>Softmax</c>, <c>Forward</c> and <c>Backward</c> are the implementations.
/// </summary>
/// <remarks>
/// An example is its <c>InputLength</c> logits (equal to <c>OutputLength</c> and to the class's <c>Classes</c>); the
/// batch size is <c>logits.Length / InputLength</c> (for <see cref="Backward"/>, of <c>probabilities</c>). A span of the
/// wrong length throws <see cref="ArgumentException"/> naming it, a label that is not a class index
/// <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILossLayer<T> : ILayerShape
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Writes the softmax of each example's logits; <paramref name="probabilities"/> may be <paramref name="logits"/> itself.</summary>
    /// <param name="logits">The batch's logits.</param>
    /// <param name="probabilities">Receives the probabilities, as long as <paramref name="logits"/>.</param>
    static abstract void Softmax(ReadOnlySpan<T> logits, Span<T> probabilities);

    /// <summary>Writes each example's probabilities and returns the mean cross-entropy loss over the batch (0 for an empty batch).</summary>
    /// <param name="logits">The batch's logits.</param>
    /// <param name="labels">Each example's class index.</param>
    /// <param name="probabilities">Receives the probabilities, as long as <paramref name="logits"/> and not overlapping it.</param>
    /// <returns>The mean loss, <c>(1/m) Σ_n −log p[n, labels[n]]</c>.</returns>
    static abstract T Forward(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities);

    /// <summary>Writes the gradient of the mean loss with respect to the logits, <c>(p − onehot(label)) / m</c> (overwritten).</summary>
    /// <param name="probabilities">The probabilities <see cref="Forward"/> wrote.</param>
    /// <param name="labels">Each example's class index.</param>
    /// <param name="logitsGradient">Receives the gradient; may be <paramref name="probabilities"/> itself.</param>
    static abstract void Backward(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> logitsGradient);
}
