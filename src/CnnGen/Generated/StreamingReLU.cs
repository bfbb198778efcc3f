using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// The rectified linear unit's streaming loops, which generated ReLU layers call after checking their spans. Nothing
/// in them depends on the shape but the length, and they are bound by memory bandwidth, so one copy serves every
/// layer instead of a copy per layer: the widest accelerated vector, four registers an iteration, then one, then scalars.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StreamingReLU
{
    /// <summary>y[i] = max(x[i], 0) for i in [0, length); a NaN stays NaN. <paramref name="y"/> may be <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ref T x, ref T y, nint length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Forward<Simd512<T>, Vector512<T>, T>(ref x, ref y, i, length);
        }
        else if (Simd256<T>.IsSupported)
        {
            i = Forward<Simd256<T>, Vector256<T>, T>(ref x, ref y, i, length);
        }
        else if (Simd128<T>.IsSupported)
        {
            i = Forward<Simd128<T>, Vector128<T>, T>(ref x, ref y, i, length);
        }

        Forward<SimdScalar<T>, T, T>(ref x, ref y, i, length);
    }

    /// <summary>
    /// d[i] = x[i] &gt; 0 ? g[i] : 0 for i in [0, length) (overwritten). <paramref name="x"/> may be the forward output
    /// instead of its input (both are positive at the same places); <paramref name="d"/> may be <paramref name="g"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ref T g, ref T x, ref T d, nint length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Backward<Simd512<T>, Vector512<T>, T>(ref g, ref x, ref d, i, length);
        }
        else if (Simd256<T>.IsSupported)
        {
            i = Backward<Simd256<T>, Vector256<T>, T>(ref g, ref x, ref d, i, length);
        }
        else if (Simd128<T>.IsSupported)
        {
            i = Backward<Simd128<T>, Vector128<T>, T>(ref g, ref x, ref d, i, length);
        }

        Backward<SimdScalar<T>, T, T>(ref g, ref x, ref d, i, length);
    }

    // From i, four registers of TW an iteration while they fit, then one; returns where it stopped.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Forward<TW, TVec, T>(ref T x, ref T y, nint i, nint length)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint lanes = TW.Count;
        for (; i <= length - 4 * lanes; i += 4 * lanes)
        {
            TW.Store(TW.Max(TW.Load(in x, (nuint)i), TW.Zero), ref y, (nuint)i);
            TW.Store(TW.Max(TW.Load(in x, (nuint)(i + lanes)), TW.Zero), ref y, (nuint)(i + lanes));
            TW.Store(TW.Max(TW.Load(in x, (nuint)(i + 2 * lanes)), TW.Zero), ref y, (nuint)(i + 2 * lanes));
            TW.Store(TW.Max(TW.Load(in x, (nuint)(i + 3 * lanes)), TW.Zero), ref y, (nuint)(i + 3 * lanes));
        }

        for (; i <= length - lanes; i += lanes)
        {
            TW.Store(TW.Max(TW.Load(in x, (nuint)i), TW.Zero), ref y, (nuint)i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Backward<TW, TVec, T>(ref T g, ref T x, ref T d, nint i, nint length)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint lanes = TW.Count;
        for (; i <= length - 4 * lanes; i += 4 * lanes)
        {
            Pass<TW, TVec, T>(ref g, ref x, ref d, i);
            Pass<TW, TVec, T>(ref g, ref x, ref d, i + lanes);
            Pass<TW, TVec, T>(ref g, ref x, ref d, i + 2 * lanes);
            Pass<TW, TVec, T>(ref g, ref x, ref d, i + 3 * lanes);
        }

        for (; i <= length - lanes; i += lanes)
        {
            Pass<TW, TVec, T>(ref g, ref x, ref d, i);
        }

        return i;
    }

    // One register of the backward pass: the gradient where the input is positive, zero elsewhere (and where it is NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass<TW, TVec, T>(ref T g, ref T x, ref T d, nint at)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TW.Store(TW.WherePositive(TW.Load(in x, (nuint)at), TW.Load(in g, (nuint)at)), ref d, (nuint)at);
}
