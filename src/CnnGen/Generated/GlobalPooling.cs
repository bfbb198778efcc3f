using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// The loops of global average and global max pooling over NHWC examples of <c>pixels × channels</c> values, for the
/// generated <c>[GlobalAvgPool2D]</c> and <c>[GlobalMaxPool2D]</c> layers and the generic kernels alike.
/// </summary>
/// <remarks>
/// Channels are the vector axis: blocks of four vectors (four independent chains hide the add latency), then single
/// vectors of each narrower width, then scalars, every lane visiting the pixels in order, so every width gives the
/// same bits. The entry points inline into their caller: a generated layer passes its shape as constants, and the JIT
/// compiles the loops with constant trip counts and drops the widths the channel count does not use. The pass reads
/// each input once, so its speed is the memory's. Spans are the caller's to check. Not meant to be called by hand.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GlobalPooling
{
    /// <summary>output[n, c] = Σ_p input[n, p, c] / pixels, the sum taken in pixel order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AverageForward<T>(ref T input, ref T output, int batch, int pixels, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(pixels);
        for (int n = 0; n < batch; n++)
        {
            ref T x = ref Unsafe.Add(ref input, (nint)n * pixels * channels);
            ref T y = ref Unsafe.Add(ref output, (nint)n * channels);
            int c = 0;
            if (Simd512<T>.IsSupported)
            {
                c = AverageBlocks<Simd512<T>, Vector512<T>, T>(ref x, ref y, c, pixels, channels, count);
                c = AverageSingles<Simd512<T>, Vector512<T>, T>(ref x, ref y, c, pixels, channels, count);
            }

            if (Simd256<T>.IsSupported)
            {
                c = AverageBlocks<Simd256<T>, Vector256<T>, T>(ref x, ref y, c, pixels, channels, count);
                c = AverageSingles<Simd256<T>, Vector256<T>, T>(ref x, ref y, c, pixels, channels, count);
            }

            if (Simd128<T>.IsSupported)
            {
                c = AverageBlocks<Simd128<T>, Vector128<T>, T>(ref x, ref y, c, pixels, channels, count);
                c = AverageSingles<Simd128<T>, Vector128<T>, T>(ref x, ref y, c, pixels, channels, count);
            }

            AverageSingles<SimdScalar<T>, T, T>(ref x, ref y, c, pixels, channels, count);
        }
    }

    /// <summary>inputGradient[n, p, c] = outputGradient[n, c] / pixels for every pixel (overwritten).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AverageBackward<T>(ref T outputGradient, ref T inputGradient, int batch, int pixels, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(pixels);
        for (int n = 0; n < batch; n++)
        {
            ref T dy = ref Unsafe.Add(ref outputGradient, (nint)n * channels);
            ref T dx = ref Unsafe.Add(ref inputGradient, (nint)n * pixels * channels);
            int c = 0;
            if (Simd512<T>.IsSupported)
            {
                c = SpreadAverage<Simd512<T>, Vector512<T>, T>(ref dy, ref dx, c, pixels, channels, count);
            }

            if (Simd256<T>.IsSupported)
            {
                c = SpreadAverage<Simd256<T>, Vector256<T>, T>(ref dy, ref dx, c, pixels, channels, count);
            }

            if (Simd128<T>.IsSupported)
            {
                c = SpreadAverage<Simd128<T>, Vector128<T>, T>(ref dy, ref dx, c, pixels, channels, count);
            }

            SpreadAverage<SimdScalar<T>, T, T>(ref dy, ref dx, c, pixels, channels, count);
        }
    }

    /// <summary>
    /// output[n, c] = the maximum of input[n, p, c] over the pixels; NaN if any is NaN (the first maximum in pixel order
    /// is the one kept, which decides between +0 and −0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaxForward<T>(ref T input, ref T output, int batch, int pixels, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            ref T x = ref Unsafe.Add(ref input, (nint)n * pixels * channels);
            ref T y = ref Unsafe.Add(ref output, (nint)n * channels);
            int c = 0;
            if (Simd512<T>.IsSupported)
            {
                c = MaxBlocks<Simd512<T>, Vector512<T>, T>(ref x, ref y, c, pixels, channels);
                c = MaxSingles<Simd512<T>, Vector512<T>, T>(ref x, ref y, c, pixels, channels);
            }

            if (Simd256<T>.IsSupported)
            {
                c = MaxBlocks<Simd256<T>, Vector256<T>, T>(ref x, ref y, c, pixels, channels);
                c = MaxSingles<Simd256<T>, Vector256<T>, T>(ref x, ref y, c, pixels, channels);
            }

            if (Simd128<T>.IsSupported)
            {
                c = MaxBlocks<Simd128<T>, Vector128<T>, T>(ref x, ref y, c, pixels, channels);
                c = MaxSingles<Simd128<T>, Vector128<T>, T>(ref x, ref y, c, pixels, channels);
            }

            MaxSingles<SimdScalar<T>, T, T>(ref x, ref y, c, pixels, channels);
        }
    }

    /// <summary>
    /// inputGradient[n, p, c] = outputGradient[n, c] at each channel's first maximum in pixel order (its first NaN, if
    /// any), zero at every other pixel (overwritten).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MaxBackward<T>(ref T outputGradient, ref T input, ref T inputGradient, int batch, int pixels, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            ref T dy = ref Unsafe.Add(ref outputGradient, (nint)n * channels);
            ref T x = ref Unsafe.Add(ref input, (nint)n * pixels * channels);
            ref T dx = ref Unsafe.Add(ref inputGradient, (nint)n * pixels * channels);
            int c = 0;
            if (Simd512<T>.IsSupported)
            {
                c = RouteMax<Simd512<T>, Vector512<T>, T>(ref dy, ref x, ref dx, c, pixels, channels);
            }

            if (Simd256<T>.IsSupported)
            {
                c = RouteMax<Simd256<T>, Vector256<T>, T>(ref dy, ref x, ref dx, c, pixels, channels);
            }

            if (Simd128<T>.IsSupported)
            {
                c = RouteMax<Simd128<T>, Vector128<T>, T>(ref dy, ref x, ref dx, c, pixels, channels);
            }

            RouteMax<SimdScalar<T>, T, T>(ref dy, ref x, ref dx, c, pixels, channels);
        }
    }

    /// <summary>Averages channels [c, …) four vectors at a time while four fit; returns the first channel left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AverageBlocks<TW, TVec, T>(ref T x, ref T y, int c, int pixels, int channels, T count)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = TW.Count;
        for (; c <= channels - 4 * width; c += 4 * width)
        {
            TVec s0 = TW.Zero, s1 = TW.Zero, s2 = TW.Zero, s3 = TW.Zero;
            for (int p = 0; p < pixels; p++)
            {
                nuint at = (nuint)(p * channels + c);
                s0 = TW.Add(s0, TW.Load(in x, at));
                s1 = TW.Add(s1, TW.Load(in x, at + (nuint)width));
                s2 = TW.Add(s2, TW.Load(in x, at + (nuint)(2 * width)));
                s3 = TW.Add(s3, TW.Load(in x, at + (nuint)(3 * width)));
            }

            TVec divisor = TW.Broadcast(count);
            TW.Store(TW.Divide(s0, divisor), ref y, (nuint)c);
            TW.Store(TW.Divide(s1, divisor), ref y, (nuint)(c + width));
            TW.Store(TW.Divide(s2, divisor), ref y, (nuint)(c + 2 * width));
            TW.Store(TW.Divide(s3, divisor), ref y, (nuint)(c + 3 * width));
        }

        return c;
    }

    /// <summary>Averages channels [c, …) one vector at a time while one fits; returns the first channel left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AverageSingles<TW, TVec, T>(ref T x, ref T y, int c, int pixels, int channels, T count)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec sum = TW.Zero;
            for (int p = 0; p < pixels; p++)
            {
                sum = TW.Add(sum, TW.Load(in x, (nuint)(p * channels + c)));
            }

            TW.Store(TW.Divide(sum, TW.Broadcast(count)), ref y, (nuint)c);
        }

        return c;
    }

    /// <summary>Writes channels [c, …)'s gradient / pixels to every pixel, as many vectors at a time as fit; returns the first channel left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SpreadAverage<TW, TVec, T>(ref T dy, ref T dx, int c, int pixels, int channels, T count)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec share = TW.Divide(TW.Load(in dy, (nuint)c), TW.Broadcast(count));
            for (int p = 0; p < pixels; p++)
            {
                TW.Store(share, ref dx, (nuint)(p * channels + c));
            }
        }

        return c;
    }

    /// <summary>Takes channels [c, …)'s maxima four vectors at a time while four fit; returns the first channel left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MaxBlocks<TW, TVec, T>(ref T x, ref T y, int c, int pixels, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = TW.Count;
        for (; c <= channels - 4 * width; c += 4 * width)
        {
            TVec m0 = TW.Load(in x, (nuint)c), m1 = TW.Load(in x, (nuint)(c + width));
            TVec m2 = TW.Load(in x, (nuint)(c + 2 * width)), m3 = TW.Load(in x, (nuint)(c + 3 * width));
            for (int p = 1; p < pixels; p++)
            {
                nuint at = (nuint)(p * channels + c);
                m0 = TW.TakeOver(m0, TW.Load(in x, at));
                m1 = TW.TakeOver(m1, TW.Load(in x, at + (nuint)width));
                m2 = TW.TakeOver(m2, TW.Load(in x, at + (nuint)(2 * width)));
                m3 = TW.TakeOver(m3, TW.Load(in x, at + (nuint)(3 * width)));
            }

            TW.Store(m0, ref y, (nuint)c);
            TW.Store(m1, ref y, (nuint)(c + width));
            TW.Store(m2, ref y, (nuint)(c + 2 * width));
            TW.Store(m3, ref y, (nuint)(c + 3 * width));
        }

        return c;
    }

    /// <summary>Takes channels [c, …)'s maxima one vector at a time while one fits; returns the first channel left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MaxSingles<TW, TVec, T>(ref T x, ref T y, int c, int pixels, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TW.Store(MaxOf<TW, TVec, T>(ref x, c, pixels, channels), ref y, (nuint)c);
        }

        return c;
    }

    /// <summary>
    /// Routes channels [c, …)'s gradients to their first maxima, one vector at a time while one fits: the maxima are found
    /// again, then a second pass over the pixels writes every pixel's gradient; returns the first channel left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RouteMax<TW, TVec, T>(ref T dy, ref T x, ref T dx, int c, int pixels, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec best = MaxOf<TW, TVec, T>(ref x, c, pixels, channels);
            TVec gradient = TW.Load(in dy, (nuint)c);
            TVec pending = TW.Broadcast(T.One);
            for (int p = 0; p < pixels; p++)
            {
                nuint at = (nuint)(p * channels + c);
                TW.Store(TW.RouteToFirstMatch(TW.Load(in x, at), best, gradient, ref pending), ref dx, at);
            }
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec MaxOf<TW, TVec, T>(ref T x, int c, int pixels, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TVec best = TW.Load(in x, (nuint)c);
        for (int p = 1; p < pixels; p++)
        {
            best = TW.TakeOver(best, TW.Load(in x, (nuint)(p * channels + c)));
        }

        return best;
    }
}
