using System.Numerics;

namespace CnnGen;

/// <summary>The parameter sizes of a layer with weights and biases (<c>[Conv2D]</c>, <c>[Dense]</c>), besides its shape.</summary>
public interface IWeightedLayerShape : ILayerShape
{
    /// <summary>The number of weights: <c>(f, f, C_in, C_out)</c> for a convolution, <c>(InputLength, units)</c> row-major for a dense layer.</summary>
    static abstract int WeightsLength { get; }

    /// <summary>The number of biases, one per output channel (filter or unit).</summary>
    static abstract int BiasLength { get; }
}

/// <summary>
/// A generated layer with weights and biases, <c>[Conv2D]</c> and <c>[Dense]</c>, in element type <typeparamref name="T"/>.
/// Each such class implements it for <see cref="float"/> and for <see cref="double"/>; its public static
/// <c>Forward</c> and <c>Backward</c> are the implementations.
/// </summary>
/// <remarks>
/// The batch size is <c>input.Length / InputLength</c> (for <see cref="Backward"/>, of <c>outputGradient</c> by
/// <c>OutputLength</c>); a span that is not a whole number of examples, or does not match that batch, throws
/// <see cref="ArgumentException"/> naming it, as does an output span overlapping another span. An empty batch does nothing.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IWeightedLayer<T> : IWeightedLayerShape
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the layer's output for a batch of examples: the weighted sums plus the bias.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="weights">The weights, <c>WeightsLength</c> values.</param>
    /// <param name="bias">The biases, <c>BiasLength</c> values.</param>
    /// <param name="output">Receives the outputs, <c>OutputLength</c> values per example.</param>
    static abstract void Forward(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

    /// <summary>Computes the gradients of the loss with respect to the layer's input, weights and biases (all overwritten, summed over the batch for the parameters).</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output, <c>OutputLength</c> values per example.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="weights">The weights the forward pass used.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input.</param>
    /// <param name="weightsGradient">Receives the gradient with respect to the weights, <c>WeightsLength</c> values.</param>
    /// <param name="biasGradient">Receives the gradient with respect to the biases, <c>BiasLength</c> values.</param>
    static abstract void Backward(
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        Span<T> inputGradient,
        Span<T> weightsGradient,
        Span<T> biasGradient);
}

/// <summary>
/// A weighted layer that can also split a batch over the threads of a <see cref="BatchParallel"/> (<c>[Conv2D]</c>):
/// the same passes with a runner as the last parameter.
/// </summary>
/// <remarks>
/// Per-example results are identical to one thread's; the weight and bias gradients, sums over the batch, equal one
/// thread's up to the rounding of the summation order. A null runner throws <see cref="ArgumentNullException"/>, a
/// disposed one <see cref="ObjectDisposedException"/>, a runner busy with another call <see cref="InvalidOperationException"/>.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IParallelWeightedLayer<T> : IWeightedLayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs <see cref="IWeightedLayer{T}.Forward"/> with the batch split over <paramref name="parallel"/>'s threads.</summary>
    /// <param name="input">The batch's inputs, <c>InputLength</c> values per example.</param>
    /// <param name="weights">The weights, <c>WeightsLength</c> values.</param>
    /// <param name="bias">The biases, <c>BiasLength</c> values.</param>
    /// <param name="output">Receives the outputs, <c>OutputLength</c> values per example.</param>
    /// <param name="parallel">The threads to split the batch over.</param>
    static abstract void Forward(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, BatchParallel parallel);

    /// <summary>Runs <see cref="IWeightedLayer{T}.Backward"/> with the batch split over <paramref name="parallel"/>'s threads.</summary>
    /// <param name="outputGradient">The loss gradient with respect to the output, <c>OutputLength</c> values per example.</param>
    /// <param name="input">The input the forward pass saw.</param>
    /// <param name="weights">The weights the forward pass used.</param>
    /// <param name="inputGradient">Receives the gradient with respect to the input.</param>
    /// <param name="weightsGradient">Receives the gradient with respect to the weights, <c>WeightsLength</c> values.</param>
    /// <param name="biasGradient">Receives the gradient with respect to the biases, <c>BiasLength</c> values.</param>
    /// <param name="parallel">The threads to split the batch over.</param>
    static abstract void Backward(
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        Span<T> inputGradient,
        Span<T> weightsGradient,
        Span<T> biasGradient,
        BatchParallel parallel);
}
