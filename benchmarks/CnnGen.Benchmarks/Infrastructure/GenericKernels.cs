using System.Numerics;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// The baseline: CnnGen's generic (runtime-shaped) kernels, called with the layer's geometry.
/// INTERIM: until the generic kernels land on main this forwards to <see cref="ReferenceKernels"/>.
/// </summary>
public static class GenericKernels
{
    public static void ConvForward<T>(in ConvShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReferenceKernels.ConvForward(s, input, weights, bias, output);

    public static void ConvBackward<T>(
        in ConvShape s, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
        Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReferenceKernels.ConvBackward(s, outputGradient, input, weights, inputGradient, weightsGradient, biasGradient);

    public static void PoolForward<T>(in PoolShape s, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReferenceKernels.PoolForward(s, input, output);

    public static void PoolBackward<T>(in PoolShape s, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReferenceKernels.PoolBackward(s, outputGradient, input, inputGradient);
}
