using System.Numerics;

namespace CnnGen;

/// <summary>
/// A generated layer without parameters whose backward pass reads the input the forward pass saw: <c>[MaxPool2D]</c>,
/// <c>[AvgPool2D]</c> and <c>[ReLU]</c>, in element type <typeparamref name="T"/>. Each such class implements it for
/// <see cref="float"/> and for <see cref="double"/>; its public static <c>Forward</c> and <c>Backward</c> are the
/// implementations. (Zero padding and flatten, whose backward pass needs no input, are <see cref="IReshapingLayer{T}"/>.)
/// </summary>
/// <remarks>
/// The batch size is <c>input.Length / InputLength</c> (for <see cref="Backward"/>, of <c>outputGradient</c> by
/// <c>OutputLength</c>); a span that is not a whole number of examples, or does not match that batch, throws
/// <see cref="ArgumentException"/> naming it, as does an output span overlapping another span (ReLU alone may run in
/// place: <c>Forward(x, x)</c>, <c>Backward(dy, x, dy)</c>). An empty batch does nothing.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IUnweightedLayer<T> : ILayerShape
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the layer's output for a batch of examples.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="output">Receives the outputs, <c>OutputLength</c> values per example.</param>
    static abstract void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Computes the gradient of the loss with respect to the layer's input (overwritten).</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output, <c>OutputLength</c> values per example.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input, <c>InputLength</c> values per example.</param>
    static abstract void Backward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);
}

/// <summary>
/// An unweighted layer that can also split a batch over the threads of a <see cref="BatchParallel"/>
/// (<c>[MaxPool2D]</c>, <c>[AvgPool2D]</c>): the same passes with a runner as the last parameter, with results
/// identical to one thread's.
/// </summary>
/// <remarks>
/// A null runner throws <see cref="ArgumentNullException"/>, a disposed one <see cref="ObjectDisposedException"/>, a
/// runner busy with another call <see cref="InvalidOperationException"/>.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IParallelUnweightedLayer<T> : IUnweightedLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs <see cref="IUnweightedLayer{T}.Forward"/> with the batch split over <paramref name="parallel"/>'s threads.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="output">Receives the outputs, <c>OutputLength</c> values per example.</param>
    /// <param name="parallel">The threads to split the batch over.</param>
    static abstract void Forward(ReadOnlySpan<T> input, Span<T> output, BatchParallel parallel);

    /// <summary>Runs <see cref="IUnweightedLayer{T}.Backward"/> with the batch split over <paramref name="parallel"/>'s threads.</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output, <c>OutputLength</c> values per example.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input, <c>InputLength</c> values per example.</param>
    /// <param name="parallel">The threads to split the batch over.</param>
    static abstract void Backward(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient, BatchParallel parallel);
}
