using System.Numerics;

namespace CnnGen;

/// <summary>
/// A generated <c>[Dropout]</c> layer in element type <typeparamref name="T"/>. Each such class implements it for
/// <see cref="float"/> and for <see cref="double"/>; its public static methods are the implementations, over
/// <see cref="DropoutKernels"/> with the layer's rate and shape.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IDropoutLayer<T> : ILayerShape
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Training mode: zeroes values with the layer's rate and scales the others, writing the factors to <paramref name="mask"/>.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="output">Receives the outputs; may be <paramref name="input"/> itself.</param>
    /// <param name="mask">Receives the factors (0 or 1 / (1 − rate)), as long as <paramref name="input"/>.</param>
    /// <param name="seed">The mask's seed: the same seed gives the same mask.</param>
    static abstract void ForwardTraining(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, ulong seed);

    /// <summary>Evaluation mode: the identity.</summary>
    /// <param name="input">The batch's inputs.</param>
    /// <param name="output">Receives a copy; may be <paramref name="input"/> itself.</param>
    static abstract void ForwardEvaluation(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>The gradient of <see cref="ForwardTraining"/>: <c>inputGradient = outputGradient · mask</c> (overwritten).</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output.</param>
    /// <param name="mask">The factors the forward pass wrote.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input; may be <paramref name="outputGradient"/> itself.</param>
    static abstract void Backward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> mask, Span<T> inputGradient);
}
