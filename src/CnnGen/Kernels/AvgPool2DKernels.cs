using System.Buffers;
using System.Numerics;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) average-pooling kernels on flat NHWC spans, following the generated layers' contract
/// with the geometry as an extra first parameter. Every window divides by <c>f·f</c> (there is no padding).
/// Outputs must not overlap inputs (checked).
/// </summary>
public static class AvgPool2DKernels
{
    /// <summary>The forward pass: each output is the mean of its <c>f×f</c> window, per channel. Overwrites <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps the input.</exception>
    public static void Forward<T>(in Pool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
        => PoolForward.Run(geometry, input, output, max: false);

    /// <summary>
    /// The backward pass: spreads each output gradient evenly, <c>dA / (f·f)</c>, over its window, adding where
    /// windows overlap. <paramref name="input"/> is not read (only its length, which gives the batch size), but
    /// is part of the contract every pooling layer shares. Overwrites <paramref name="inputGradient"/>. An empty
    /// batch is a no-op.
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
        T count = T.CreateChecked(geometry.WindowSize);

        const int StackLimit = 128;
        T[]? rented = null;
        Span<T> share = channels <= StackLimit ? stackalloc T[StackLimit] : (rented = ArrayPool<T>.Shared.Rent(channels));
        share = share[..channels];
        try
        {
            for (int n = 0; n < batch; n++)
            {
                Span<T> dx = inputGradient.Slice(n * inLength, inLength);
                ReadOnlySpan<T> dy = outputGradient.Slice(n * outLength, outLength);
                for (int i = 0; i < outHeight; i++)
                {
                    for (int j = 0; j < outWidth; j++)
                    {
                        ReadOnlySpan<T> g = dy.Slice((i * outWidth + j) * channels, channels);
                        for (int c = 0; c < g.Length; c++)
                        {
                            share[c] = g[c] / count;
                        }

                        int start = i * stride * pitch + j * stride * channels;
                        for (int wy = 0; wy < size; wy++)
                        {
                            for (int wx = 0; wx < size; wx++)
                            {
                                RowOps.Add(share, dx.Slice(start + wy * pitch + wx * channels, channels));
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }
        }
    }
}
