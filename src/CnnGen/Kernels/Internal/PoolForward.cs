using System.Numerics;

namespace CnnGen;

/// <summary>The parts the max and average pooling kernels share: argument checks and the forward loop.</summary>
internal static class PoolForward
{
    public static void Run<T>(in Pool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(input.Length, geometry.InputLength, nameof(input));
        SpanArguments.RequireBatchLength(output.Length, batch, geometry.OutputLength, nameof(output));
        SpanArguments.RequireNoOverlap<T>(output, input, nameof(output), nameof(input));

        int channels = geometry.Channels, size = geometry.FilterSize, stride = geometry.Stride;
        int pitch = geometry.InputWidth * channels;
        int outHeight = geometry.OutputHeight, outWidth = geometry.OutputWidth;
        int inLength = geometry.InputLength, outLength = geometry.OutputLength;
        T count = T.CreateChecked(geometry.WindowSize);

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> x = input.Slice(n * inLength, inLength);
            Span<T> y = output.Slice(n * outLength, outLength);
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    Span<T> row = y.Slice((i * outWidth + j) * channels, channels);
                    RowOps.ReduceWindow(x, i * stride * pitch + j * stride * channels, pitch, size, max, row);
                    if (!max)
                    {
                        for (int c = 0; c < row.Length; c++)
                        {
                            row[c] /= count;
                        }
                    }
                }
            }
        }
    }

    public static int CheckBackward<T>(in Pool2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(input.Length, geometry.InputLength, nameof(input));
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, geometry.OutputLength, nameof(outputGradient));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, geometry.InputLength, nameof(inputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, input, nameof(inputGradient), nameof(input));
        return batch;
    }
}
