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
        if (Vector512.IsHardwareAccelerated)
        {
            nint lanes = Vector512<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Vector512.Max(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512<T>.Zero).StoreUnsafe(ref y, (nuint)i);
                Vector512.Max(Vector512.LoadUnsafe(ref x, (nuint)(i + lanes)), Vector512<T>.Zero).StoreUnsafe(ref y, (nuint)(i + lanes));
                Vector512.Max(Vector512.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)), Vector512<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 2 * lanes));
                Vector512.Max(Vector512.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)), Vector512<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 3 * lanes));
            }

            for (; i <= length - lanes; i += lanes)
            {
                Vector512.Max(Vector512.LoadUnsafe(ref x, (nuint)i), Vector512<T>.Zero).StoreUnsafe(ref y, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            nint lanes = Vector256<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256<T>.Zero).StoreUnsafe(ref y, (nuint)i);
                Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)(i + lanes)), Vector256<T>.Zero).StoreUnsafe(ref y, (nuint)(i + lanes));
                Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)), Vector256<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 2 * lanes));
                Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)), Vector256<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 3 * lanes));
            }

            for (; i <= length - lanes; i += lanes)
            {
                Vector256.Max(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256<T>.Zero).StoreUnsafe(ref y, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            nint lanes = Vector128<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Vector128.Max(Vector128.LoadUnsafe(ref x, (nuint)i), Vector128<T>.Zero).StoreUnsafe(ref y, (nuint)i);
                Vector128.Max(Vector128.LoadUnsafe(ref x, (nuint)(i + lanes)), Vector128<T>.Zero).StoreUnsafe(ref y, (nuint)(i + lanes));
                Vector128.Max(Vector128.LoadUnsafe(ref x, (nuint)(i + 2 * lanes)), Vector128<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 2 * lanes));
                Vector128.Max(Vector128.LoadUnsafe(ref x, (nuint)(i + 3 * lanes)), Vector128<T>.Zero).StoreUnsafe(ref y, (nuint)(i + 3 * lanes));
            }

            for (; i <= length - lanes; i += lanes)
            {
                Vector128.Max(Vector128.LoadUnsafe(ref x, (nuint)i), Vector128<T>.Zero).StoreUnsafe(ref y, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref y, i) = T.Max(Unsafe.Add(ref x, i), T.Zero);
        }
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
        if (Vector512.IsHardwareAccelerated)
        {
            nint lanes = Vector512<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Pass512(ref g, ref x, ref d, i);
                Pass512(ref g, ref x, ref d, i + lanes);
                Pass512(ref g, ref x, ref d, i + 2 * lanes);
                Pass512(ref g, ref x, ref d, i + 3 * lanes);
            }

            for (; i <= length - lanes; i += lanes)
            {
                Pass512(ref g, ref x, ref d, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            nint lanes = Vector256<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Pass256(ref g, ref x, ref d, i);
                Pass256(ref g, ref x, ref d, i + lanes);
                Pass256(ref g, ref x, ref d, i + 2 * lanes);
                Pass256(ref g, ref x, ref d, i + 3 * lanes);
            }

            for (; i <= length - lanes; i += lanes)
            {
                Pass256(ref g, ref x, ref d, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            nint lanes = Vector128<T>.Count;
            for (; i <= length - 4 * lanes; i += 4 * lanes)
            {
                Pass128(ref g, ref x, ref d, i);
                Pass128(ref g, ref x, ref d, i + lanes);
                Pass128(ref g, ref x, ref d, i + 2 * lanes);
                Pass128(ref g, ref x, ref d, i + 3 * lanes);
            }

            for (; i <= length - lanes; i += lanes)
            {
                Pass128(ref g, ref x, ref d, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref x, i) > T.Zero ? Unsafe.Add(ref g, i) : T.Zero;
        }
    }

    // One register of the backward pass: the gradient where the input is positive, zero elsewhere (and where it is NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass512<T>(ref T g, ref T x, ref T d, nint at)
    {
        Vector512<T> positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref x, (nuint)at), Vector512<T>.Zero);
        Vector512.ConditionalSelect(positive, Vector512.LoadUnsafe(ref g, (nuint)at), Vector512<T>.Zero).StoreUnsafe(ref d, (nuint)at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass256<T>(ref T g, ref T x, ref T d, nint at)
    {
        Vector256<T> positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref x, (nuint)at), Vector256<T>.Zero);
        Vector256.ConditionalSelect(positive, Vector256.LoadUnsafe(ref g, (nuint)at), Vector256<T>.Zero).StoreUnsafe(ref d, (nuint)at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass128<T>(ref T g, ref T x, ref T d, nint at)
    {
        Vector128<T> positive = Vector128.GreaterThan(Vector128.LoadUnsafe(ref x, (nuint)at), Vector128<T>.Zero);
        Vector128.ConditionalSelect(positive, Vector128.LoadUnsafe(ref g, (nuint)at), Vector128<T>.Zero).StoreUnsafe(ref d, (nuint)at);
    }
}
