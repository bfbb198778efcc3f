using System.Numerics;
using System.Runtime.InteropServices;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// Calls the kernels the generator emitted into a layer class through the layer contract (<see cref="IParallelWeightedLayer{T}"/>,
/// <see cref="IUnweightedLayer{T}"/>), in a suite's element type <typeparamref name="T"/> of each method.
/// </summary>
/// <remarks>
/// A layer class implements its interfaces for <see cref="float"/> and for <see cref="double"/>, and a suite is generic over
/// <c>T</c>, so a suite cannot constrain its layer to <c>IWeightedLayer&lt;T&gt;</c>: C# cannot prove that <c>T</c> is one of
/// the two. These methods take the layer constrained to both and pick the overload by <c>typeof(T)</c>, a test the JIT
/// folds away (each value type gets its own code), so what runs is the layer's static kernel, called directly. Because
/// the layer is a class, code generic over it is shared between layers, and the call goes through the generic
/// dictionary: one indirect call, as a delegate would cost, and no reflection anywhere.
/// </remarks>
public static class GeneratedKernels
{
    public static void ConvForward<TLayer, T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where TLayer : IWeightedLayer<float>, IWeightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Forward(In<T, float>(input), In<T, float>(weights), In<T, float>(bias), Out<T, float>(output));
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Forward(In<T, double>(input), In<T, double>(weights), In<T, double>(bias), Out<T, double>(output));
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    public static void ConvForward<TLayer, T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, BatchParallel parallel)
        where TLayer : IParallelWeightedLayer<float>, IParallelWeightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Forward(In<T, float>(input), In<T, float>(weights), In<T, float>(bias), Out<T, float>(output), parallel);
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Forward(In<T, double>(input), In<T, double>(weights), In<T, double>(bias), Out<T, double>(output), parallel);
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    public static void ConvBackward<TLayer, T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
        Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient)
        where TLayer : IWeightedLayer<float>, IWeightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Backward(
                In<T, float>(outputGradient), In<T, float>(input), In<T, float>(weights),
                Out<T, float>(inputGradient), Out<T, float>(weightsGradient), Out<T, float>(biasGradient));
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Backward(
                In<T, double>(outputGradient), In<T, double>(input), In<T, double>(weights),
                Out<T, double>(inputGradient), Out<T, double>(weightsGradient), Out<T, double>(biasGradient));
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    public static void ConvBackward<TLayer, T>(
        ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
        Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient, BatchParallel parallel)
        where TLayer : IParallelWeightedLayer<float>, IParallelWeightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Backward(
                In<T, float>(outputGradient), In<T, float>(input), In<T, float>(weights),
                Out<T, float>(inputGradient), Out<T, float>(weightsGradient), Out<T, float>(biasGradient), parallel);
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Backward(
                In<T, double>(outputGradient), In<T, double>(input), In<T, double>(weights),
                Out<T, double>(inputGradient), Out<T, double>(weightsGradient), Out<T, double>(biasGradient), parallel);
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    public static void PoolForward<TLayer, T>(ReadOnlySpan<T> input, Span<T> output)
        where TLayer : IUnweightedLayer<float>, IUnweightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Forward(In<T, float>(input), Out<T, float>(output));
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Forward(In<T, double>(input), Out<T, double>(output));
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    public static void PoolBackward<TLayer, T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where TLayer : IUnweightedLayer<float>, IUnweightedLayer<double>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            TLayer.Backward(In<T, float>(outputGradient), In<T, float>(input), Out<T, float>(inputGradient));
        }
        else if (typeof(T) == typeof(double))
        {
            TLayer.Backward(In<T, double>(outputGradient), In<T, double>(input), Out<T, double>(inputGradient));
        }
        else
        {
            throw Unsupported<T>();
        }
    }

    private static NotSupportedException Unsupported<T>() =>
        new($"Generated layers implement their contract for float and double, not {typeof(T).Name}.");

    /// <summary><paramref name="values"/> as <typeparamref name="TTo"/>, which the callers' <c>typeof</c> test has shown <typeparamref name="T"/> to be.</summary>
    private static ReadOnlySpan<TTo> In<T, TTo>(ReadOnlySpan<T> values)
        where T : unmanaged
        where TTo : unmanaged =>
        MemoryMarshal.Cast<T, TTo>(values);

    /// <summary><paramref name="values"/> as <typeparamref name="TTo"/>, which the callers' <c>typeof</c> test has shown <typeparamref name="T"/> to be.</summary>
    private static Span<TTo> Out<T, TTo>(Span<T> values)
        where T : unmanaged
        where TTo : unmanaged =>
        MemoryMarshal.Cast<T, TTo>(values);
}
