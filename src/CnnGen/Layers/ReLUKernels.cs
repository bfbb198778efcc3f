using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen;

/// <summary>
/// The generic (runtime-shaped) kernels of the rectified linear unit, <c>y = max(x, 0)</c>, applied element by
/// element. The activation works on any layout, so these kernels need no geometry: the batch is simply the span.
/// </summary>
/// <remarks>
/// Spans may be the very same memory (in-place use: <c>output</c> = <c>input</c>, or <c>inputGradient</c> =
/// <c>outputGradient</c>) but must not otherwise overlap. A NaN input gives a NaN output and a zero gradient.
/// </remarks>
public static class ReLUKernels
{
    /// <summary>Computes <c>output[i] = max(input[i], 0)</c>.</summary>
    /// <param name="input">The layer's input, any number of values.</param>
    /// <param name="output">Receives the activations; as long as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(output.Length, input.Length, nameof(output));
        TensorPrimitives.Max(input, T.Zero, output);
    }

    /// <summary>
    /// Computes <c>inputGradient[i] = input[i] &gt; 0 ? outputGradient[i] : 0</c> (the subgradient at 0 is taken as 0).
    /// </summary>
    /// <param name="outputGradient">The loss gradient with respect to the layer's output.</param>
    /// <param name="input">The input the forward pass saw; as long as <paramref name="outputGradient"/>.</param>
    /// <param name="inputGradient">Receives the loss gradient with respect to the input (overwritten); as long as <paramref name="outputGradient"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(input.Length, outputGradient.Length, nameof(input));
        SpanArguments.RequireLength(inputGradient.Length, outputGradient.Length, nameof(inputGradient));

        int i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Mask<Simd512<T>, Vector512<T>, T>(i, outputGradient, input, inputGradient);
        }

        if (Simd256<T>.IsSupported)
        {
            i = Mask<Simd256<T>, Vector256<T>, T>(i, outputGradient, input, inputGradient);
        }

        if (Simd128<T>.IsSupported)
        {
            i = Mask<Simd128<T>, Vector128<T>, T>(i, outputGradient, input, inputGradient);
        }

        Mask<SimdScalar<T>, T, T>(i, outputGradient, input, inputGradient);
    }

    private static int Mask<TW, TVec, T>(int start, ReadOnlySpan<T> gradient, ReadOnlySpan<T> input, Span<T> destination)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly T g = ref MemoryMarshal.GetReference(gradient);
        ref readonly T x = ref MemoryMarshal.GetReference(input);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int i = start;
        for (; i <= gradient.Length - TW.Count; i += TW.Count)
        {
            TW.Store(TW.WherePositive(TW.Load(in x, (nuint)i), TW.Load(in g, (nuint)i)), ref d, (nuint)i);
        }

        return i;
    }
}
