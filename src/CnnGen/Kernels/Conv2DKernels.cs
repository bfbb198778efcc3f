using System.Numerics;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) 2-D convolution kernels on flat NHWC spans. They follow the generated layers'
/// contract exactly, with the geometry as an extra first parameter, so the two can be called on the same buffers.
/// </summary>
/// <remarks>
/// <para>Layouts: input <c>(m, H, W, C_in)</c>, weights <c>(f, f, C_in, C_out)</c>, bias <c>(C_out)</c>,
/// output <c>(m, H_out, W_out, C_out)</c>, all row-major. The batch size <c>m</c> is
/// <c>input.Length / geometry.InputLength</c>.</para>
/// <para>No padded copy is made: for every output pixel the kernels compute the range of filter taps that fall
/// inside the input and skip the rest (they would multiply zeros). For one filter row those taps cover a
/// contiguous run of <c>(dx, c)</c> input values and a contiguous <c>(dx, c, :)</c> block of weights, so the
/// innermost loops run over contiguous memory with <see cref="Vector{T}"/>.</para>
/// <para>Outputs must not overlap inputs (checked).</para>
/// </remarks>
public static class Conv2DKernels
{
    /// <summary>
    /// The forward pass: <c>Z[n, i, j, o] = b[o] + Σ_{dy, dx, c} X_pad[n, i·s + dy, j·s + dx, c] · W[dy, dx, c, o]</c>.
    /// Overwrites <paramref name="output"/>. An empty batch is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or an output overlaps an input.</exception>
    public static void Forward<T>(
        in Conv2DGeometry geometry, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(input.Length, geometry.InputLength, nameof(input));
        SpanArguments.RequireLength(weights.Length, geometry.WeightsLength, nameof(weights));
        SpanArguments.RequireLength(bias.Length, geometry.BiasLength, nameof(bias));
        SpanArguments.RequireBatchLength(output.Length, batch, geometry.OutputLength, nameof(output));
        SpanArguments.RequireNoOverlap(output, input, nameof(output), nameof(input));
        SpanArguments.RequireNoOverlap(output, weights, nameof(output), nameof(weights));
        SpanArguments.RequireNoOverlap(output, bias, nameof(output), nameof(bias));

        int height = geometry.InputHeight, width = geometry.InputWidth, channels = geometry.InputChannels;
        int filters = geometry.Filters, size = geometry.FilterSize, stride = geometry.Stride, pad = geometry.Pad;
        int outHeight = geometry.OutputHeight, outWidth = geometry.OutputWidth;
        int inLength = geometry.InputLength, outLength = geometry.OutputLength;

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> x = input.Slice(n * inLength, inLength);
            Span<T> z = output.Slice(n * outLength, outLength);
            for (int i = 0; i < outHeight; i++)
            {
                int top = i * stride - pad;
                int dy0 = Math.Max(0, -top), dy1 = Math.Min(size, height - top);
                for (int j = 0; j < outWidth; j++)
                {
                    int left = j * stride - pad;
                    int dx0 = Math.Max(0, -left), dx1 = Math.Min(size, width - left);
                    Span<T> acc = z.Slice((i * outWidth + j) * filters, filters);
                    bias.CopyTo(acc);
                    if (dx1 <= dx0)
                    {
                        continue;
                    }

                    int run = (dx1 - dx0) * channels;
                    for (int dy = dy0; dy < dy1; dy++)
                    {
                        ReadOnlySpan<T> xs = x.Slice(((top + dy) * width + left + dx0) * channels, run);
                        ReadOnlySpan<T> ws = weights.Slice((dy * size + dx0) * channels * filters, run * filters);
                        RowOps.AccumulateRows(xs, ws, acc);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The backward pass. Given <c>dZ</c> (<paramref name="outputGradient"/>) and the forward pass's input and
    /// weights, computes <c>dA_prev</c>, <c>dW</c> and <c>db</c>, summing <c>dW</c> and <c>db</c> over the batch.
    /// Overwrites all three gradients (never accumulates into what was there). An empty batch computes nothing;
    /// <c>dW</c> and <c>db</c>, sums over no examples, are then zero, so a following optimizer step never applies
    /// stale gradients.
    /// </summary>
    /// <remarks>Unlike the notebook's <c>da_prev_pad[pad:-pad, pad:-pad]</c> crop, works for <c>pad = 0</c>.</remarks>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or an output overlaps another span.</exception>
    public static void Backward<T>(
        in Conv2DGeometry geometry,
        ReadOnlySpan<T> outputGradient,
        ReadOnlySpan<T> input,
        ReadOnlySpan<T> weights,
        Span<T> inputGradient,
        Span<T> weightsGradient,
        Span<T> biasGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        geometry.ThrowIfDefault(nameof(geometry));
        int batch = SpanArguments.BatchSize(input.Length, geometry.InputLength, nameof(input));
        SpanArguments.RequireBatchLength(outputGradient.Length, batch, geometry.OutputLength, nameof(outputGradient));
        SpanArguments.RequireLength(weights.Length, geometry.WeightsLength, nameof(weights));
        SpanArguments.RequireBatchLength(inputGradient.Length, batch, geometry.InputLength, nameof(inputGradient));
        SpanArguments.RequireLength(weightsGradient.Length, geometry.WeightsLength, nameof(weightsGradient));
        SpanArguments.RequireLength(biasGradient.Length, geometry.BiasLength, nameof(biasGradient));
        RequireSeparate(outputGradient, input, weights, inputGradient, nameof(inputGradient));
        RequireSeparate(outputGradient, input, weights, weightsGradient, nameof(weightsGradient));
        RequireSeparate(outputGradient, input, weights, biasGradient, nameof(biasGradient));
        SpanArguments.RequireNoOverlap<T>(weightsGradient, inputGradient, nameof(weightsGradient), nameof(inputGradient));
        SpanArguments.RequireNoOverlap<T>(biasGradient, inputGradient, nameof(biasGradient), nameof(inputGradient));
        SpanArguments.RequireNoOverlap<T>(biasGradient, weightsGradient, nameof(biasGradient), nameof(weightsGradient));
        weightsGradient.Clear();
        biasGradient.Clear();
        if (batch == 0)
        {
            return;
        }

        inputGradient.Clear();

        int height = geometry.InputHeight, width = geometry.InputWidth, channels = geometry.InputChannels;
        int filters = geometry.Filters, size = geometry.FilterSize, stride = geometry.Stride, pad = geometry.Pad;
        int outHeight = geometry.OutputHeight, outWidth = geometry.OutputWidth;
        int inLength = geometry.InputLength, outLength = geometry.OutputLength;

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> x = input.Slice(n * inLength, inLength);
            Span<T> dx = inputGradient.Slice(n * inLength, inLength);
            ReadOnlySpan<T> dz = outputGradient.Slice(n * outLength, outLength);
            for (int i = 0; i < outHeight; i++)
            {
                int top = i * stride - pad;
                int dy0 = Math.Max(0, -top), dy1 = Math.Min(size, height - top);
                for (int j = 0; j < outWidth; j++)
                {
                    int left = j * stride - pad;
                    int dx0 = Math.Max(0, -left), dx1 = Math.Min(size, width - left);
                    ReadOnlySpan<T> g = dz.Slice((i * outWidth + j) * filters, filters);
                    RowOps.Add(g, biasGradient);
                    if (dx1 <= dx0)
                    {
                        continue;
                    }

                    int run = (dx1 - dx0) * channels;
                    for (int dy = dy0; dy < dy1; dy++)
                    {
                        int inputStart = ((top + dy) * width + left + dx0) * channels;
                        int weightsStart = (dy * size + dx0) * channels * filters;
                        RowOps.AccumulateDots(weights.Slice(weightsStart, run * filters), g, dx.Slice(inputStart, run));
                        RowOps.AccumulateOuter(x.Slice(inputStart, run), g, weightsGradient.Slice(weightsStart, run * filters));
                    }
                }
            }
        }
    }

    private static void RequireSeparate<T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> destination, string destinationName)
    {
        SpanArguments.RequireNoOverlap(destination, outputGradient, destinationName, nameof(outputGradient));
        SpanArguments.RequireNoOverlap(destination, input, destinationName, nameof(input));
        SpanArguments.RequireNoOverlap(destination, weights, destinationName, nameof(weights));
    }
}
