using System.Buffers;
using System.Numerics;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) max-pooling kernels on flat NHWC spans, following the generated layers' contract
/// with the geometry as an extra first parameter.
/// </summary>
/// <remarks>
/// Ties send the whole gradient to the first maximum of the window in row-major <c>(dy, dx)</c> order, as
/// PyTorch and TensorFlow do (the notebook's <c>x == max(x)</c> mask would send it to every tied position, which
/// is not a gradient). A NaN in a window makes that output NaN, and its gradient goes to the window's first NaN.
/// Outputs must not overlap inputs (checked).
/// </remarks>
public static class MaxPool2DKernels
{
    /// <summary>The forward pass: each output is the maximum of its <c>f×f</c> window, per channel. Overwrites <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps the input.</exception>
    public static void Forward<T>(in Pool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
        => PoolForward.Run(geometry, input, output, max: true);

    /// <summary>
    /// The backward pass: routes each output gradient to the position of its window's (first) maximum, adding
    /// where windows overlap. Overwrites <paramref name="inputGradient"/>. An empty batch is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the gradient overlaps another span.</exception>
    public static void Backward<T>(in Pool2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = PoolForward.CheckBackward(geometry, outputGradient, input, inputGradient);
        if (batch == 0)
        {
            return;
        }

        inputGradient.Clear();
        int channels = geometry.Channels, size = geometry.FilterSize, stride = geometry.Stride;
        int pitch = geometry.InputWidth * channels;
        int outHeight = geometry.OutputHeight, outWidth = geometry.OutputWidth;
        int inLength = geometry.InputLength, outLength = geometry.OutputLength;

        const int StackLimit = 128;
        T[]? rentedValues = null;
        int[]? rentedPositions = null;
        Span<T> best = channels <= StackLimit ? stackalloc T[StackLimit] : (rentedValues = ArrayPool<T>.Shared.Rent(channels));
        Span<int> bestAt = channels <= StackLimit ? stackalloc int[StackLimit] : (rentedPositions = ArrayPool<int>.Shared.Rent(channels));
        best = best[..channels];
        bestAt = bestAt[..channels];
        try
        {
            for (int n = 0; n < batch; n++)
            {
                ReadOnlySpan<T> x = input.Slice(n * inLength, inLength);
                Span<T> dx = inputGradient.Slice(n * inLength, inLength);
                ReadOnlySpan<T> dy = outputGradient.Slice(n * outLength, outLength);
                for (int i = 0; i < outHeight; i++)
                {
                    for (int j = 0; j < outWidth; j++)
                    {
                        int start = i * stride * pitch + j * stride * channels;
                        x.Slice(start, channels).CopyTo(best);
                        bestAt.Fill(start);
                        for (int wy = 0; wy < size; wy++)
                        {
                            for (int wx = wy == 0 ? 1 : 0; wx < size; wx++)
                            {
                                int at = start + wy * pitch + wx * channels;
                                ReadOnlySpan<T> row = x.Slice(at, channels);
                                for (int c = 0; c < row.Length; c++)
                                {
                                    if (RowOps.TakesOver(row[c], best[c]))
                                    {
                                        best[c] = row[c];
                                        bestAt[c] = at;
                                    }
                                }
                            }
                        }

                        ReadOnlySpan<T> g = dy.Slice((i * outWidth + j) * channels, channels);
                        for (int c = 0; c < g.Length; c++)
                        {
                            dx[bestAt[c] + c] += g[c];
                        }
                    }
                }
            }
        }
        finally
        {
            if (rentedValues is not null)
            {
                ArrayPool<T>.Shared.Return(rentedValues);
            }

            if (rentedPositions is not null)
            {
                ArrayPool<int>.Shared.Return(rentedPositions);
            }
        }
    }
}
