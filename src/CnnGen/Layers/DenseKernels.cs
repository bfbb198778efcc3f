using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>
/// The generic (runtime-shaped) kernels of a dense layer, <c>y = x·W + b</c>, over a batch of examples stored one
/// after the other (each example's <see cref="DenseGeometry.InputLength"/> values contiguous).
/// </summary>
/// <remarks>
/// Layout: see <see cref="DenseGeometry"/>: <c>W</c> is <c>(InputLength, Units)</c> row-major, <c>b</c> is
/// <c>(Units)</c>. The batch size is <c>input.Length / InputLength</c>; an empty batch writes nothing, except that
/// <see cref="Backward"/> then sets the weight and bias gradients to zero (their sum over no examples).
/// Output spans must not overlap input spans.
/// </remarks>
public static class DenseKernels
{
    /// <summary>Computes <c>output[n, j] = bias[j] + Σ_i input[n, i]·weights[i, j]</c>.</summary>
    /// <param name="geometry">The layer's shape.</param>
    /// <param name="input">The input batch, <c>(m, InputLength)</c>.</param>
    /// <param name="weights">The weights, <c>(InputLength, Units)</c> row-major.</param>
    /// <param name="bias">The bias, <c>(Units)</c>.</param>
    /// <param name="output">Receives the output batch, <c>(m, Units)</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Forward<T>(DenseGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputLength = RequireGeometry(geometry);
        int units = geometry.Units;
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        SpanArguments.RequireLength(weights.Length, geometry.WeightCount, nameof(weights));
        SpanArguments.RequireLength(bias.Length, units, nameof(bias));
        SpanArguments.RequireBatchLength(output.Length, batch, units, nameof(output));

        MatrixKernels.BroadcastMultiplyAccumulate(
            rows: batch, depth: inputLength, cols: units,
            a: input, aRowStride: inputLength, aDepthStride: 1,
            b: weights, init: bias, c: output);
    }

    /// <summary>
    /// Computes the gradients: <c>inputGradient = outputGradient·Wᵀ</c>, <c>weightGradient = inputᵀ·outputGradient</c>
    /// and <c>biasGradient[j] = Σ_n outputGradient[n, j]</c>, the last two summed over the batch. All three are overwritten.
    /// </summary>
    /// <param name="geometry">The layer's shape.</param>
    /// <param name="outputGradient">The loss gradient with respect to the output, <c>(m, Units)</c>.</param>
    /// <param name="input">The input the forward pass saw, <c>(m, InputLength)</c>.</param>
    /// <param name="weights">The weights, <c>(InputLength, Units)</c> row-major.</param>
    /// <param name="inputGradient">Receives the loss gradient with respect to the input, <c>(m, InputLength)</c>.</param>
    /// <param name="weightGradient">Receives the weight gradient, <c>(InputLength, Units)</c> row-major.</param>
    /// <param name="biasGradient">Receives the bias gradient, <c>(Units)</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Backward<T>(
        DenseGeometry geometry,
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        Span<T> inputGradient,
        Span<T> weightGradient,
        Span<T> biasGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputLength = RequireGeometry(geometry);
        int units = geometry.Units;
        int batch = SpanArguments.BatchSize(input.Length, inputLength, nameof(input));
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, units, nameof(outputGradient));
        SpanArguments.RequireLength(weights.Length, geometry.WeightCount, nameof(weights));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, inputLength, nameof(inputGradient));
        SpanArguments.RequireLength(weightGradient.Length, geometry.WeightCount, nameof(weightGradient));
        SpanArguments.RequireLength(biasGradient.Length, units, nameof(biasGradient));

        if (batch == 0)
        {
            weightGradient.Clear();
            biasGradient.Clear();
            return;
        }

        // dX[n, i] = Σ_j dY[n, j]·W[i, j]: each dY row dotted with each (contiguous) W row.
        MatrixKernels.RowDotProducts(rows: batch, bRows: inputLength, depth: units, a: outputGradient, b: weights, c: inputGradient);

        // dW[i, j] = Σ_n X[n, i]·dY[n, j]: broadcast X[n, i] against the contiguous dY row n.
        MatrixKernels.BroadcastMultiplyAccumulate(
            rows: inputLength, depth: batch, cols: units,
            a: input, aRowStride: 1, aDepthStride: inputLength,
            b: outputGradient, init: default, c: weightGradient);

        // db = Σ_n dY[n, :].
        outputGradient[..units].CopyTo(biasGradient);
        for (int n = 1; n < batch; n++)
        {
            TensorPrimitives.Add(biasGradient, outputGradient.Slice(n * units, units), biasGradient);
        }
    }

    private static int RequireGeometry(DenseGeometry geometry)
    {
        if (geometry.InputLength < 1)
        {
            throw new ArgumentException("The dense geometry is uninitialized (default); create it with new DenseGeometry(inputLength, units).", nameof(geometry));
        }

        return geometry.InputLength;
    }
}
