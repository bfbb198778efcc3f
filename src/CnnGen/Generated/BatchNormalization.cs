using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// The loops of 2-D batch normalization over <c>rows × channels</c> NHWC values (rows = examples · pixels), for the
/// generated <c>[BatchNorm2D]</c> layers and the generic kernels alike. Spans and scratch are the caller's to check and
/// provide. Not meant to be called by hand.
/// </summary>
/// <remarks>
/// Every pass walks the rows in order with the channels as the vector axis, adding into per-channel sums that stay in
/// L1, so the input streams once per pass whatever the channel count, and every vector width (and the scalar tail)
/// adds in the same order: the results are the same bits on every width. The statistics take two passes (the mean,
/// then the squared deviations from it), which keeps the variance accurate where the mean is large. The entry points
/// inline into their caller, so a generated layer's constants become the loops' trip counts.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchNormalization
{
    /// <summary>
    /// Normalizes with the batch's statistics: <c>output = scale · (input − μ) / √(σ² + ε) + shift</c>, μ and σ² (biased)
    /// per channel over the rows, then updates the running statistics with the momentum, the variance unbiased
    /// (<c>σ² · rows / (rows − 1)</c>), as PyTorch does. <paramref name="scratch"/> holds 2 · channels values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardTraining<T>(
        ref T input, ref T scale, ref T shift, ref T output, ref T runningMean, ref T runningVariance, ref T scratch,
        int rows, int channels, T epsilon, T momentum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T mean = ref scratch;
        ref T variance = ref Unsafe.Add(ref scratch, channels);
        Statistics(ref input, ref mean, ref variance, rows, channels);

        T count = T.CreateTruncating(rows);
        T unbiased = count / (count - T.One);
        T keep = T.One - momentum;
        for (int c = 0; c < channels; c++)
        {
            T m = Unsafe.Add(ref mean, c), v = Unsafe.Add(ref variance, c);
            Unsafe.Add(ref runningMean, c) = keep * Unsafe.Add(ref runningMean, c) + momentum * m;
            Unsafe.Add(ref runningVariance, c) = keep * Unsafe.Add(ref runningVariance, c) + momentum * (v * unbiased);

            // output = x · a + b with a = scale / √(σ² + ε), b = shift − μ · a; a and b reuse the statistics' slots.
            T a = Unsafe.Add(ref scale, c) / T.Sqrt(v + epsilon);
            Unsafe.Add(ref mean, c) = a;
            Unsafe.Add(ref variance, c) = Unsafe.Add(ref shift, c) - m * a;
        }

        Affine(ref input, ref output, ref mean, ref variance, rows, channels);
    }

    /// <summary>
    /// Normalizes with the running statistics: <c>output = scale · (input − runningMean) / √(runningVariance + ε) + shift</c>.
    /// <paramref name="scratch"/> holds 2 · channels values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForwardEvaluation<T>(
        ref T input, ref T scale, ref T shift, ref T runningMean, ref T runningVariance, ref T output, ref T scratch,
        int rows, int channels, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a = ref scratch;
        ref T b = ref Unsafe.Add(ref scratch, channels);
        for (int c = 0; c < channels; c++)
        {
            T factor = Unsafe.Add(ref scale, c) / T.Sqrt(Unsafe.Add(ref runningVariance, c) + epsilon);
            Unsafe.Add(ref a, c) = factor;
            Unsafe.Add(ref b, c) = Unsafe.Add(ref shift, c) - Unsafe.Add(ref runningMean, c) * factor;
        }

        Affine(ref input, ref output, ref a, ref b, rows, channels);
    }

    /// <summary>
    /// The gradient of <see cref="ForwardTraining"/> (the statistics recomputed from the input): with x̂ = (x − μ) / σ̂,
    /// <c>shiftGradient = Σ dy</c>, <c>scaleGradient = Σ dy · x̂</c> and
    /// <c>inputGradient = scale / σ̂ · (dy − shiftGradient / rows − x̂ · scaleGradient / rows)</c>, σ̂ = √(σ² + ε).
    /// <paramref name="scratch"/> holds 4 · channels values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardTraining<T>(
        ref T outputGradient, ref T input, ref T scale, ref T inputGradient, ref T scaleGradient, ref T shiftGradient, ref T scratch,
        int rows, int channels, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T mean = ref scratch;
        ref T inverse = ref Unsafe.Add(ref scratch, channels);
        Statistics(ref input, ref mean, ref inverse, rows, channels);
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref inverse, c) = T.One / T.Sqrt(Unsafe.Add(ref inverse, c) + epsilon);
        }

        // Σ dy and Σ dy · (x − μ), then Σ dy · x̂ = σ̂⁻¹ · Σ dy · (x − μ).
        GradientSums(ref outputGradient, ref input, ref mean, ref shiftGradient, ref scaleGradient, rows, channels);
        T count = T.CreateTruncating(rows);
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref scaleGradient, c) *= Unsafe.Add(ref inverse, c);
        }

        // dx = k · (dy − dβ / rows − (x − μ) · σ̂⁻¹ · dγ / rows) with k = scale · σ̂⁻¹, written as
        // dx = k · dy + (x − μ) · p + q with p = −k · σ̂⁻¹ · dγ / rows and q = −k · dβ / rows (x − μ kept whole: folding
        // μ into q would cancel where the mean is large).
        ref T k = ref inverse;
        ref T p = ref Unsafe.Add(ref scratch, 2 * channels);
        ref T q = ref Unsafe.Add(ref scratch, 3 * channels);
        for (int c = 0; c < channels; c++)
        {
            T inv = Unsafe.Add(ref inverse, c);
            T factor = Unsafe.Add(ref scale, c) * inv;
            Unsafe.Add(ref p, c) = -factor * inv * Unsafe.Add(ref scaleGradient, c) / count;
            Unsafe.Add(ref q, c) = -factor * Unsafe.Add(ref shiftGradient, c) / count;
            Unsafe.Add(ref k, c) = factor;
        }

        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * channels;
            RowInputGradient(
                ref Unsafe.Add(ref inputGradient, at), ref Unsafe.Add(ref outputGradient, at), ref Unsafe.Add(ref input, at),
                ref mean, ref k, ref p, ref q, channels);
        }
    }

    /// <summary>
    /// The gradient of <see cref="ForwardEvaluation"/>, the running statistics held fixed: with
    /// x̂ = (x − runningMean) / √(runningVariance + ε), <c>shiftGradient = Σ dy</c>, <c>scaleGradient = Σ dy · x̂</c> and
    /// <c>inputGradient = dy · scale / √(runningVariance + ε)</c>. <paramref name="scratch"/> holds 2 · channels values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BackwardEvaluation<T>(
        ref T outputGradient, ref T input, ref T scale, ref T runningMean, ref T runningVariance,
        ref T inputGradient, ref T scaleGradient, ref T shiftGradient, ref T scratch,
        int rows, int channels, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T inverse = ref scratch;
        ref T zero = ref Unsafe.Add(ref scratch, channels);
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref inverse, c) = T.One / T.Sqrt(Unsafe.Add(ref runningVariance, c) + epsilon);
            Unsafe.Add(ref zero, c) = T.Zero;
        }

        GradientSums(ref outputGradient, ref input, ref runningMean, ref shiftGradient, ref scaleGradient, rows, channels);
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref scaleGradient, c) *= Unsafe.Add(ref inverse, c);
            Unsafe.Add(ref inverse, c) *= Unsafe.Add(ref scale, c);
        }

        // dx = dy · (scale · σ̂⁻¹) + 0.
        Affine(ref outputGradient, ref inputGradient, ref inverse, ref zero, rows, channels);
    }

    /// <summary>The per-channel mean and biased variance over the rows, in two passes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Statistics<T>(ref T input, ref T mean, ref T variance, int rows, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(rows);
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref mean, c) = T.Zero;
            Unsafe.Add(ref variance, c) = T.Zero;
        }

        for (int r = 0; r < rows; r++)
        {
            RowSum(ref mean, ref Unsafe.Add(ref input, (nint)r * channels), channels);
        }

        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref mean, c) /= count;
        }

        for (int r = 0; r < rows; r++)
        {
            RowSquaredDeviation(ref variance, ref Unsafe.Add(ref input, (nint)r * channels), ref mean, channels);
        }

        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref variance, c) /= count;
        }
    }

    /// <summary>dySum = Σ dy and deviationSum = Σ dy · (x − center) per channel (overwritten).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientSums<T>(ref T outputGradient, ref T input, ref T center, ref T dySum, ref T deviationSum, int rows, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int c = 0; c < channels; c++)
        {
            Unsafe.Add(ref dySum, c) = T.Zero;
            Unsafe.Add(ref deviationSum, c) = T.Zero;
        }

        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * channels;
            RowGradientSums(ref dySum, ref deviationSum, ref Unsafe.Add(ref outputGradient, at), ref Unsafe.Add(ref input, at), ref center, channels);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Affine<T>(ref T input, ref T output, ref T a, ref T b, int rows, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            nint at = (nint)r * channels;
            RowAffine(ref Unsafe.Add(ref output, at), ref Unsafe.Add(ref input, at), ref a, ref b, channels);
        }
    }

    // Each row operation runs its channels through the vector widths, widest first, then scalars.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowSum<T>(ref T sum, ref T row, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (Simd512<T>.IsSupported)
        {
            c = RowSum<Simd512<T>, Vector512<T>, T>(ref sum, ref row, c, channels);
        }

        if (Simd256<T>.IsSupported)
        {
            c = RowSum<Simd256<T>, Vector256<T>, T>(ref sum, ref row, c, channels);
        }

        if (Simd128<T>.IsSupported)
        {
            c = RowSum<Simd128<T>, Vector128<T>, T>(ref sum, ref row, c, channels);
        }

        RowSum<SimdScalar<T>, T, T>(ref sum, ref row, c, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowSum<TW, TVec, T>(ref T sum, ref T row, int c, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TW.Store(TW.Add(TW.Load(in sum, (nuint)c), TW.Load(in row, (nuint)c)), ref sum, (nuint)c);
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowSquaredDeviation<T>(ref T sum, ref T row, ref T mean, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (Simd512<T>.IsSupported)
        {
            c = RowSquaredDeviation<Simd512<T>, Vector512<T>, T>(ref sum, ref row, ref mean, c, channels);
        }

        if (Simd256<T>.IsSupported)
        {
            c = RowSquaredDeviation<Simd256<T>, Vector256<T>, T>(ref sum, ref row, ref mean, c, channels);
        }

        if (Simd128<T>.IsSupported)
        {
            c = RowSquaredDeviation<Simd128<T>, Vector128<T>, T>(ref sum, ref row, ref mean, c, channels);
        }

        RowSquaredDeviation<SimdScalar<T>, T, T>(ref sum, ref row, ref mean, c, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowSquaredDeviation<TW, TVec, T>(ref T sum, ref T row, ref T mean, int c, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec deviation = TW.Subtract(TW.Load(in row, (nuint)c), TW.Load(in mean, (nuint)c));
            TW.Store(TW.MultiplyAdd(deviation, deviation, TW.Load(in sum, (nuint)c)), ref sum, (nuint)c);
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowAffine<T>(ref T output, ref T row, ref T a, ref T b, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (Simd512<T>.IsSupported)
        {
            c = RowAffine<Simd512<T>, Vector512<T>, T>(ref output, ref row, ref a, ref b, c, channels);
        }

        if (Simd256<T>.IsSupported)
        {
            c = RowAffine<Simd256<T>, Vector256<T>, T>(ref output, ref row, ref a, ref b, c, channels);
        }

        if (Simd128<T>.IsSupported)
        {
            c = RowAffine<Simd128<T>, Vector128<T>, T>(ref output, ref row, ref a, ref b, c, channels);
        }

        RowAffine<SimdScalar<T>, T, T>(ref output, ref row, ref a, ref b, c, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowAffine<TW, TVec, T>(ref T output, ref T row, ref T a, ref T b, int c, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TW.Store(TW.MultiplyAdd(TW.Load(in row, (nuint)c), TW.Load(in a, (nuint)c), TW.Load(in b, (nuint)c)), ref output, (nuint)c);
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowGradientSums<T>(ref T dySum, ref T deviationSum, ref T dy, ref T x, ref T center, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (Simd512<T>.IsSupported)
        {
            c = RowGradientSums<Simd512<T>, Vector512<T>, T>(ref dySum, ref deviationSum, ref dy, ref x, ref center, c, channels);
        }

        if (Simd256<T>.IsSupported)
        {
            c = RowGradientSums<Simd256<T>, Vector256<T>, T>(ref dySum, ref deviationSum, ref dy, ref x, ref center, c, channels);
        }

        if (Simd128<T>.IsSupported)
        {
            c = RowGradientSums<Simd128<T>, Vector128<T>, T>(ref dySum, ref deviationSum, ref dy, ref x, ref center, c, channels);
        }

        RowGradientSums<SimdScalar<T>, T, T>(ref dySum, ref deviationSum, ref dy, ref x, ref center, c, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowGradientSums<TW, TVec, T>(ref T dySum, ref T deviationSum, ref T dy, ref T x, ref T center, int c, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec gradient = TW.Load(in dy, (nuint)c);
            TW.Store(TW.Add(TW.Load(in dySum, (nuint)c), gradient), ref dySum, (nuint)c);
            TVec deviation = TW.Subtract(TW.Load(in x, (nuint)c), TW.Load(in center, (nuint)c));
            TW.Store(TW.MultiplyAdd(gradient, deviation, TW.Load(in deviationSum, (nuint)c)), ref deviationSum, (nuint)c);
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowInputGradient<T>(ref T dx, ref T dy, ref T x, ref T mean, ref T k, ref T p, ref T q, int channels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = 0;
        if (Simd512<T>.IsSupported)
        {
            c = RowInputGradient<Simd512<T>, Vector512<T>, T>(ref dx, ref dy, ref x, ref mean, ref k, ref p, ref q, c, channels);
        }

        if (Simd256<T>.IsSupported)
        {
            c = RowInputGradient<Simd256<T>, Vector256<T>, T>(ref dx, ref dy, ref x, ref mean, ref k, ref p, ref q, c, channels);
        }

        if (Simd128<T>.IsSupported)
        {
            c = RowInputGradient<Simd128<T>, Vector128<T>, T>(ref dx, ref dy, ref x, ref mean, ref k, ref p, ref q, c, channels);
        }

        RowInputGradient<SimdScalar<T>, T, T>(ref dx, ref dy, ref x, ref mean, ref k, ref p, ref q, c, channels);
    }

    /// <summary>dx = k · dy + (x − mean) · p + q per channel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowInputGradient<TW, TVec, T>(ref T dx, ref T dy, ref T x, ref T mean, ref T k, ref T p, ref T q, int c, int channels)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (; c <= channels - TW.Count; c += TW.Count)
        {
            TVec deviation = TW.Subtract(TW.Load(in x, (nuint)c), TW.Load(in mean, (nuint)c));
            TVec constant = TW.MultiplyAdd(deviation, TW.Load(in p, (nuint)c), TW.Load(in q, (nuint)c));
            TW.Store(TW.MultiplyAdd(TW.Load(in dy, (nuint)c), TW.Load(in k, (nuint)c), constant), ref dx, (nuint)c);
        }

        return c;
    }
}
