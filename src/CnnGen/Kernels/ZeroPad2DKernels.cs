using System.Numerics;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) zero-padding kernels on flat NHWC spans, following the generated layers' contract
/// with the geometry as an extra first parameter. Outputs must not overlap inputs (checked).
/// </summary>
public static class ZeroPad2DKernels
{
    /// <summary>
    /// Pads every example with <c>pad</c> zeros on each side of height and width (the notebook's
    /// <c>zero_pad</c>). Overwrites <paramref name="output"/>. The batch size is <c>input.Length / InputLength</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps the input.</exception>
    public static void Forward<T>(in ZeroPad2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(input.Length, geometry.InputLength, nameof(input));
        SpanArguments.RequireBatchLength(output.Length, batch, geometry.OutputLength, nameof(output));
        SpanArguments.RequireNoOverlap<T>(output, input, nameof(output), nameof(input));

        int height = geometry.InputHeight, pad = geometry.Pad;
        int rowLength = geometry.InputWidth * geometry.Channels;
        int outPitch = geometry.OutputWidth * geometry.Channels;
        int side = pad * geometry.Channels;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> x = input.Slice(n * geometry.InputLength, geometry.InputLength);
            Span<T> y = output.Slice(n * geometry.OutputLength, geometry.OutputLength);
            y[..(pad * outPitch)].Clear();
            for (int i = 0; i < height; i++)
            {
                Span<T> row = y.Slice((pad + i) * outPitch, outPitch);
                row[..side].Clear();
                x.Slice(i * rowLength, rowLength).CopyTo(row.Slice(side, rowLength));
                row[(side + rowLength)..].Clear();
            }

            y[((pad + height) * outPitch)..].Clear();
        }
    }

    /// <summary>
    /// The backward pass, which is the crop: copies the unpadded interior of each example of
    /// <paramref name="outputGradient"/> into <paramref name="inputGradient"/> (overwriting it). The batch size
    /// is <c>outputGradient.Length / OutputLength</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the spans overlap.</exception>
    public static void Backward<T>(in ZeroPad2DGeometry geometry, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(outputGradient.Length, geometry.OutputLength, nameof(outputGradient));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, geometry.InputLength, nameof(inputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));

        int height = geometry.InputHeight, pad = geometry.Pad;
        int rowLength = geometry.InputWidth * geometry.Channels;
        int outPitch = geometry.OutputWidth * geometry.Channels;
        int side = pad * geometry.Channels;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> dy = outputGradient.Slice(n * geometry.OutputLength, geometry.OutputLength);
            Span<T> dx = inputGradient.Slice(n * geometry.InputLength, geometry.InputLength);
            for (int i = 0; i < height; i++)
            {
                dy.Slice((pad + i) * outPitch + side, rowLength).CopyTo(dx.Slice(i * rowLength, rowLength));
            }
        }
    }
}
