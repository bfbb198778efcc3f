using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// The element-wise activations' streaming loops (ReLU6, leaky ReLU, sigmoid, tanh), which generated activation layers
/// and the generic kernels call after checking their spans. Nothing in them depends on the shape but the length, and
/// they are bound by memory bandwidth, so one copy serves every layer: the widest accelerated vector, four registers an
/// iteration, then one, then scalars. Sigmoid and tanh take their values from <see cref="TensorPrimitives"/>.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output and the generic kernels are its only clients.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StreamingActivations
{
    /// <summary>The values a backward pass of sigmoid or tanh recomputes at a time, on the stack.</summary>
    private const int Block = 256;

    /// <summary>y[i] = min(max(x[i], 0), 6); a NaN stays NaN. <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReLU6Forward<T>(ref T x, ref T y, nint length)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Map<ReLU6<T>, T>(ref x, ref y, length, T.Zero);

    /// <summary>d[i] = 0 &lt; x[i] &lt; 6 ? g[i] : 0 (overwritten). <paramref name="d"/> may be <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReLU6Backward<T>(ref T g, ref T x, ref T d, nint length)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Map<ReLU6<T>, T>(ref g, ref x, ref d, length, T.Zero);

    /// <summary>y[i] = x[i] &gt; 0 ? x[i] : slope · x[i]; a NaN stays NaN. <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyReLUForward<T>(ref T x, ref T y, nint length, T slope)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Map<LeakyReLU<T>, T>(ref x, ref y, length, slope);

    /// <summary>d[i] = x[i] &gt; 0 ? g[i] : slope · g[i] (overwritten). <paramref name="d"/> may be <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LeakyReLUBackward<T>(ref T g, ref T x, ref T d, nint length, T slope)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Map<LeakyReLU<T>, T>(ref g, ref x, ref d, length, slope);

    /// <summary>y[i] = 1 / (1 + e^−x[i]). <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void SigmoidForward<T>(ref T x, ref T y, nint length)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Transcendental<SigmoidOf<T>, T>(ref x, ref y, length);

    /// <summary>
    /// d[i] = g[i] · s · (1 − s) with s = sigmoid(x[i]), recomputed from the input (overwritten). <paramref name="d"/> may
    /// be <paramref name="g"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward<T>(ref T g, ref T x, ref T d, nint length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[2 * Block + AlignmentPad<T>()];
        Span<T> aligned = Aligned(scratch);
        Span<T> inputs = aligned[..Block], values = aligned[Block..];
        for (nint start = 0; start < length; start += Block)
        {
            int count = (int)nint.Min(Block, length - start);
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref x, start), count).CopyTo(inputs);
            TensorPrimitives.Sigmoid<T>(inputs[..count], values);
            Map<SigmoidSlope<T>, T>(ref Unsafe.Add(ref g, start), ref MemoryMarshal.GetReference(values), ref Unsafe.Add(ref d, start), count, T.Zero);
        }
    }

    /// <summary>y[i] = tanh(x[i]). <paramref name="y"/> may be <paramref name="x"/>.</summary>
    public static void TanhForward<T>(ref T x, ref T y, nint length)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Transcendental<TanhOf<T>, T>(ref x, ref y, length);

    /// <summary>
    /// d[i] = g[i] · (1 − t²) with t = tanh(x[i]), recomputed from the input (overwritten). <paramref name="d"/> may be
    /// <paramref name="g"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward<T>(ref T g, ref T x, ref T d, nint length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[2 * Block + AlignmentPad<T>()];
        Span<T> aligned = Aligned(scratch);
        Span<T> inputs = aligned[..Block], values = aligned[Block..];
        for (nint start = 0; start < length; start += Block)
        {
            int count = (int)nint.Min(Block, length - start);
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref x, start), count).CopyTo(inputs);
            TensorPrimitives.Tanh<T>(inputs[..count], values);
            Map<TanhSlope<T>, T>(ref Unsafe.Add(ref g, start), ref MemoryMarshal.GetReference(values), ref Unsafe.Add(ref d, start), count, T.Zero);
        }
    }

    // ---- Sigmoid and tanh through aligned blocks ----

    /// <summary>Sigmoid or tanh from TensorPrimitives, one function per type so the loop below is written once.</summary>
    private interface ITranscendental<T>
    {
        static abstract void Apply(ReadOnlySpan<T> x, Span<T> y);
    }

    private readonly struct SigmoidOf<T> : ITranscendental<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);
    }

    private readonly struct TanhOf<T> : ITranscendental<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tanh(x, y);
    }

    /// <summary>
    /// y = F(x) block by block through 64-byte-aligned scratch. TensorPrimitives aligns its vector loop to the memory it is
    /// given, so the same value could round differently in two arrays at different addresses (measured: the last bit of
    /// a double tanh on the Vector256 tier); in scratch of fixed alignment every value gets the same bits wherever the
    /// caller's spans lie, and an empty span is no call at all.
    /// </summary>
    private static void Transcendental<TF, T>(ref T x, ref T y, nint length)
        where TF : struct, ITranscendental<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> scratch = stackalloc T[2 * Block + AlignmentPad<T>()];
        Span<T> aligned = Aligned(scratch);
        Span<T> inputs = aligned[..Block], values = aligned[Block..];
        for (nint start = 0; start < length; start += Block)
        {
            int count = (int)nint.Min(Block, length - start);
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref x, start), count).CopyTo(inputs);
            TF.Apply(inputs[..count], values[..count]);
            values[..count].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref y, start), count));
        }
    }

    /// <summary>The elements of slack that let two blocks start on a 64-byte boundary inside stack scratch.</summary>
    private static int AlignmentPad<T>()
        where T : unmanaged => 64 / Unsafe.SizeOf<T>();

    /// <summary>Two blocks of <see cref="Block"/> values inside <paramref name="scratch"/>, starting on a 64-byte boundary.</summary>
    private static unsafe Span<T> Aligned<T>(Span<T> scratch)
        where T : unmanaged
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(scratch));
        int skip = (int)((64 - (address & 63)) & 63) / Unsafe.SizeOf<T>();
        return scratch.Slice(skip, 2 * Block);
    }

    // ---- The loops, written once for every operation and width ----

    /// <summary>y[i] = TOp(x[i]) on the widest accelerated width, then scalars.</summary>
    private static void Map<TOp, T>(ref T x, ref T y, nint length, T parameter)
        where TOp : struct, IActivation<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Map<TOp, Simd512<T>, Vector512<T>, T>(ref x, ref y, i, length, parameter);
        }
        else if (Simd256<T>.IsSupported)
        {
            i = Map<TOp, Simd256<T>, Vector256<T>, T>(ref x, ref y, i, length, parameter);
        }
        else if (Simd128<T>.IsSupported)
        {
            i = Map<TOp, Simd128<T>, Vector128<T>, T>(ref x, ref y, i, length, parameter);
        }

        Map<TOp, SimdScalar<T>, T, T>(ref x, ref y, i, length, parameter);
    }

    /// <summary>d[i] = TOp's gradient of g[i] at x[i] on the widest accelerated width, then scalars.</summary>
    private static void Map<TOp, T>(ref T g, ref T x, ref T d, nint length, T parameter)
        where TOp : struct, IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Map<TOp, Simd512<T>, Vector512<T>, T>(ref g, ref x, ref d, i, length, parameter);
        }
        else if (Simd256<T>.IsSupported)
        {
            i = Map<TOp, Simd256<T>, Vector256<T>, T>(ref g, ref x, ref d, i, length, parameter);
        }
        else if (Simd128<T>.IsSupported)
        {
            i = Map<TOp, Simd128<T>, Vector128<T>, T>(ref g, ref x, ref d, i, length, parameter);
        }

        Map<TOp, SimdScalar<T>, T, T>(ref g, ref x, ref d, i, length, parameter);
    }

    // From i, four registers of TW an iteration while they fit, then one; returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Map<TOp, TW, TVec, T>(ref T x, ref T y, nint i, nint length, T parameter)
        where TOp : struct, IActivation<T>
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint lanes = TW.Count;
        TVec p = TW.Broadcast(parameter);
        for (; i <= length - 4 * lanes; i += 4 * lanes)
        {
            TW.Store(TOp.Forward<TW, TVec>(TW.Load(in x, (nuint)i), p), ref y, (nuint)i);
            TW.Store(TOp.Forward<TW, TVec>(TW.Load(in x, (nuint)(i + lanes)), p), ref y, (nuint)(i + lanes));
            TW.Store(TOp.Forward<TW, TVec>(TW.Load(in x, (nuint)(i + 2 * lanes)), p), ref y, (nuint)(i + 2 * lanes));
            TW.Store(TOp.Forward<TW, TVec>(TW.Load(in x, (nuint)(i + 3 * lanes)), p), ref y, (nuint)(i + 3 * lanes));
        }

        for (; i <= length - lanes; i += lanes)
        {
            TW.Store(TOp.Forward<TW, TVec>(TW.Load(in x, (nuint)i), p), ref y, (nuint)i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Map<TOp, TW, TVec, T>(ref T g, ref T x, ref T d, nint i, nint length, T parameter)
        where TOp : struct, IGradient<T>
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint lanes = TW.Count;
        TVec p = TW.Broadcast(parameter);
        for (; i <= length - 2 * lanes; i += 2 * lanes)
        {
            TW.Store(TOp.Backward<TW, TVec>(TW.Load(in g, (nuint)i), TW.Load(in x, (nuint)i), p), ref d, (nuint)i);
            TW.Store(TOp.Backward<TW, TVec>(TW.Load(in g, (nuint)(i + lanes)), TW.Load(in x, (nuint)(i + lanes)), p), ref d, (nuint)(i + lanes));
        }

        for (; i <= length - lanes; i += lanes)
        {
            TW.Store(TOp.Backward<TW, TVec>(TW.Load(in g, (nuint)i), TW.Load(in x, (nuint)i), p), ref d, (nuint)i);
        }

        return i;
    }

    /// <summary>An activation's forward pass as a per-register operation, instantiated per width by the loops above.</summary>
    private interface IActivation<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The activation of <paramref name="x"/>; <paramref name="parameter"/> is its parameter, broadcast.</summary>
        static abstract TVec Forward<TW, TVec>(TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct;
    }

    /// <summary>An activation's backward pass as a per-register operation, instantiated per width by the loops above.</summary>
    private interface IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The gradient <paramref name="g"/> passed back through the activation at <paramref name="x"/> (or at its value).</summary>
        static abstract TVec Backward<TW, TVec>(TVec g, TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct;
    }

    /// <summary>min(max(x, 0), 6); the gradient passes strictly between 0 and 6.</summary>
    private readonly struct ReLU6<T> : IActivation<T>, IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward<TW, TVec>(TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.Min(TW.Max(x, TW.Zero), TW.Broadcast(T.CreateTruncating(6)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Backward<TW, TVec>(TVec g, TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.WhereGreater(x, TW.Zero, TW.WhereGreater(TW.Broadcast(T.CreateTruncating(6)), x, g, TW.Zero), TW.Zero);
    }

    /// <summary>x where x &gt; 0, else slope · x (the parameter); the gradient likewise.</summary>
    private readonly struct LeakyReLU<T> : IActivation<T>, IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Forward<TW, TVec>(TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.WhereGreater(x, TW.Zero, x, TW.Multiply(parameter, x));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Backward<TW, TVec>(TVec g, TVec x, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.WhereGreater(x, TW.Zero, g, TW.Multiply(parameter, g));
    }

    /// <summary>The sigmoid's gradient from its value s (passed as x): g · (s − s²).</summary>
    private readonly struct SigmoidSlope<T> : IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Backward<TW, TVec>(TVec g, TVec s, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.Multiply(g, TW.Subtract(s, TW.Multiply(s, s)));
    }

    /// <summary>Tanh's gradient from its value t (passed as x): g · (1 − t²).</summary>
    private readonly struct TanhSlope<T> : IGradient<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Backward<TW, TVec>(TVec g, TVec t, TVec parameter)
            where TW : struct, ISimd<TVec, T>
            where TVec : struct =>
            TW.Multiply(g, TW.Subtract(TW.Broadcast(T.One), TW.Multiply(t, t)));
    }
}
