using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen;

/// <summary>
/// The two small matrix products the dense layer needs, written as register-blocked loops over
/// <see cref="ISimd{TVec, T}"/> so each runs at the widest SIMD width the machine has and finishes the tail at
/// narrower widths. Callers validate lengths; these loops do not.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>The number of output rows computed together, so that each loaded vector of B serves that many FMAs.</summary>
    private const int RowBlock = 4;

    /// <summary>
    /// <c>C[r, j] = init[j] + Σ_k A(r, k)·B[k, j]</c> for <c>r &lt; rows</c>, <c>j &lt; cols</c>, where
    /// <c>A(r, k) = a[r·aRowStride + k·aDepthStride]</c>, B is <c>(depth, cols)</c> row-major and C is
    /// <c>(rows, cols)</c> row-major. An empty <paramref name="init"/> means zeros.
    /// </summary>
    /// <remarks>
    /// Each B row is contiguous, so the loop broadcasts one A value and fuses it into a vector of column
    /// accumulators that stay in registers over the whole depth.
    /// </remarks>
    public static void BroadcastMultiplyAccumulate<T>(
        int rows, int depth, int cols,
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride,
        ReadOnlySpan<T> b, ReadOnlySpan<T> init, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        int j = 0;
        if (Simd512<T>.IsSupported)
        {
            j = BroadcastColumns<Simd512<T>, Vector512<T>, T>(j, rows, depth, cols, a, aRowStride, aDepthStride, b, init, c);
        }

        if (Simd256<T>.IsSupported)
        {
            j = BroadcastColumns<Simd256<T>, Vector256<T>, T>(j, rows, depth, cols, a, aRowStride, aDepthStride, b, init, c);
        }

        if (Simd128<T>.IsSupported)
        {
            j = BroadcastColumns<Simd128<T>, Vector128<T>, T>(j, rows, depth, cols, a, aRowStride, aDepthStride, b, init, c);
        }

        BroadcastColumns<SimdScalar<T>, T, T>(j, rows, depth, cols, a, aRowStride, aDepthStride, b, init, c);
    }

    private static int BroadcastColumns<TW, TVec, T>(
        int j, int rows, int depth, int cols,
        ReadOnlySpan<T> a, int aRowStride, int aDepthStride,
        ReadOnlySpan<T> b, ReadOnlySpan<T> init, Span<T> c)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly T aRef = ref MemoryMarshal.GetReference(a);
        ref readonly T bRef = ref MemoryMarshal.GetReference(b);
        ref readonly T initRef = ref MemoryMarshal.GetReference(init);
        ref T cRef = ref MemoryMarshal.GetReference(c);
        bool hasInit = !init.IsEmpty;
        nuint aStep = (nuint)aDepthStride;
        nuint bStep = (nuint)cols;

        for (; j <= cols - TW.Count; j += TW.Count)
        {
            TVec start = hasInit ? TW.Load(in initRef, (nuint)j) : TW.Zero;
            for (int r = 0; r < rows; r += RowBlock)
            {
                // A short last block repeats its final row in the spare lanes and stores only the real rows.
                int last = rows - 1;
                nuint a0 = (nuint)r * (nuint)aRowStride;
                nuint a1 = (nuint)Math.Min(r + 1, last) * (nuint)aRowStride;
                nuint a2 = (nuint)Math.Min(r + 2, last) * (nuint)aRowStride;
                nuint a3 = (nuint)Math.Min(r + 3, last) * (nuint)aRowStride;
                TVec c0 = start, c1 = start, c2 = start, c3 = start;
                nuint bOffset = (nuint)j;
                for (int k = 0; k < depth; k++)
                {
                    TVec bk = TW.Load(in bRef, bOffset);
                    c0 = TW.MultiplyAdd(TW.Broadcast(Unsafe.Add(ref Unsafe.AsRef(in aRef), a0)), bk, c0);
                    c1 = TW.MultiplyAdd(TW.Broadcast(Unsafe.Add(ref Unsafe.AsRef(in aRef), a1)), bk, c1);
                    c2 = TW.MultiplyAdd(TW.Broadcast(Unsafe.Add(ref Unsafe.AsRef(in aRef), a2)), bk, c2);
                    c3 = TW.MultiplyAdd(TW.Broadcast(Unsafe.Add(ref Unsafe.AsRef(in aRef), a3)), bk, c3);
                    a0 += aStep;
                    a1 += aStep;
                    a2 += aStep;
                    a3 += aStep;
                    bOffset += bStep;
                }

                nuint cOffset = (nuint)r * (nuint)cols + (nuint)j;
                TW.Store(c0, ref cRef, cOffset);
                if (r + 1 < rows)
                {
                    TW.Store(c1, ref cRef, cOffset + (nuint)cols);
                }

                if (r + 2 < rows)
                {
                    TW.Store(c2, ref cRef, cOffset + 2 * (nuint)cols);
                }

                if (r + 3 < rows)
                {
                    TW.Store(c3, ref cRef, cOffset + 3 * (nuint)cols);
                }
            }
        }

        return j;
    }

    /// <summary>
    /// <c>C[r, s] = Σ_k A[r, k]·B[s, k]</c>: every row of A (<c>(rows, depth)</c> row-major) dotted with every row of
    /// B (<c>(bRows, depth)</c> row-major), into C (<c>(rows, bRows)</c> row-major).
    /// </summary>
    public static void RowDotProducts<T>(int rows, int bRows, int depth, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref readonly T aRef = ref MemoryMarshal.GetReference(a);
        ref readonly T bRef = ref MemoryMarshal.GetReference(b);
        for (int r = 0; r < rows; r++)
        {
            ref readonly T aRow = ref Unsafe.Add(ref Unsafe.AsRef(in aRef), (nuint)r * (nuint)depth);
            Span<T> cRow = c.Slice(r * bRows, bRows);
            int s = 0;
            for (; s <= bRows - RowBlock; s += RowBlock)
            {
                ref readonly T b0 = ref Unsafe.Add(ref Unsafe.AsRef(in bRef), (nuint)s * (nuint)depth);
                Dot4(in aRow, in b0, depth, cRow.Slice(s, RowBlock));
            }

            for (; s < bRows; s++)
            {
                ref readonly T b0 = ref Unsafe.Add(ref Unsafe.AsRef(in bRef), (nuint)s * (nuint)depth);
                cRow[s] = Dot(in aRow, in b0, depth);
            }
        }
    }

    /// <summary>Four dot products of one row with four consecutive rows of stride <paramref name="depth"/>.</summary>
    private static void Dot4<T>(ref readonly T aRow, ref readonly T bRows, int depth, Span<T> results)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
        int k = 0;
        if (Simd512<T>.IsSupported)
        {
            k = Dot4Chunk<Simd512<T>, Vector512<T>, T>(k, in aRow, in bRows, depth, ref s0, ref s1, ref s2, ref s3);
        }

        if (Simd256<T>.IsSupported)
        {
            k = Dot4Chunk<Simd256<T>, Vector256<T>, T>(k, in aRow, in bRows, depth, ref s0, ref s1, ref s2, ref s3);
        }

        if (Simd128<T>.IsSupported)
        {
            k = Dot4Chunk<Simd128<T>, Vector128<T>, T>(k, in aRow, in bRows, depth, ref s0, ref s1, ref s2, ref s3);
        }

        Dot4Chunk<SimdScalar<T>, T, T>(k, in aRow, in bRows, depth, ref s0, ref s1, ref s2, ref s3);
        results[0] = s0;
        results[1] = s1;
        results[2] = s2;
        results[3] = s3;
    }

    private static int Dot4Chunk<TW, TVec, T>(int k, ref readonly T aRow, ref readonly T bRows, int depth, ref T s0, ref T s1, ref T s2, ref T s3)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k > depth - TW.Count)
        {
            return k;
        }

        nuint stride = (nuint)depth;
        TVec v0 = TW.Zero, v1 = TW.Zero, v2 = TW.Zero, v3 = TW.Zero;
        for (; k <= depth - TW.Count; k += TW.Count)
        {
            TVec x = TW.Load(in aRow, (nuint)k);
            v0 = TW.MultiplyAdd(x, TW.Load(in bRows, (nuint)k), v0);
            v1 = TW.MultiplyAdd(x, TW.Load(in bRows, stride + (nuint)k), v1);
            v2 = TW.MultiplyAdd(x, TW.Load(in bRows, 2 * stride + (nuint)k), v2);
            v3 = TW.MultiplyAdd(x, TW.Load(in bRows, 3 * stride + (nuint)k), v3);
        }

        s0 += TW.Sum(v0);
        s1 += TW.Sum(v1);
        s2 += TW.Sum(v2);
        s3 += TW.Sum(v3);
        return k;
    }

    private static T Dot<T>(ref readonly T aRow, ref readonly T bRow, int depth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int k = 0;
        if (Simd512<T>.IsSupported)
        {
            k = DotChunk<Simd512<T>, Vector512<T>, T>(k, in aRow, in bRow, depth, ref sum);
        }

        if (Simd256<T>.IsSupported)
        {
            k = DotChunk<Simd256<T>, Vector256<T>, T>(k, in aRow, in bRow, depth, ref sum);
        }

        if (Simd128<T>.IsSupported)
        {
            k = DotChunk<Simd128<T>, Vector128<T>, T>(k, in aRow, in bRow, depth, ref sum);
        }

        DotChunk<SimdScalar<T>, T, T>(k, in aRow, in bRow, depth, ref sum);
        return sum;
    }

    private static int DotChunk<TW, TVec, T>(int k, ref readonly T aRow, ref readonly T bRow, int depth, ref T sum)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k > depth - TW.Count)
        {
            return k;
        }

        TVec v = TW.Zero;
        for (; k <= depth - TW.Count; k += TW.Count)
        {
            v = TW.MultiplyAdd(TW.Load(in aRow, (nuint)k), TW.Load(in bRow, (nuint)k), v);
        }

        sum += TW.Sum(v);
        return k;
    }
}
