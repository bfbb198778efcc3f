using System.Numerics;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// The baseline: CnnGen's generic (runtime-shaped) kernels. The suites keep their shapes as
/// <see cref="ConvShape"/>/<see cref="PoolShape"/> (which carry the batch size); this class turns them into the
/// kernels' geometry values once and calls the span overloads, so the timed call is the library's own.
/// </summary>
public static class GenericKernels
{
    public static Conv2DGeometry Geometry(in ConvShape s) =>
        new(s.Height, s.Width, s.InputChannels, s.Filters, s.FilterSize, s.Stride, s.Pad);

    public static Pool2DGeometry Geometry(in PoolShape s) =>
        new(s.Height, s.Width, s.Channels, s.FilterSize, s.Stride);

    public static void ConvForward<T>(in Conv2DGeometry g, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Conv2DKernels.Forward(g, input, weights, bias, output);

    public static void ConvBackward<T>(
        in Conv2DGeometry g, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
        Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Conv2DKernels.Backward(g, outputGradient, input, weights, inputGradient, weightsGradient, biasGradient);

    public static void PoolForward<T>(PoolKind kind, in Pool2DGeometry g, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (kind == PoolKind.Max)
        {
            MaxPool2DKernels.Forward(g, input, output);
        }
        else
        {
            AvgPool2DKernels.Forward(g, input, output);
        }
    }

    public static void PoolBackward<T>(PoolKind kind, in Pool2DGeometry g, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (kind == PoolKind.Max)
        {
            MaxPool2DKernels.Backward(g, outputGradient, input, inputGradient);
        }
        else
        {
            AvgPool2DKernels.Backward(g, outputGradient, input, inputGradient);
        }
    }
}
