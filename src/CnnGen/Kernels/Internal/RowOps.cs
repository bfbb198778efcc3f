using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CnnGen;

/// <summary>
/// The inner loops of the generic kernels: operations on contiguous rows (a channel vector, a filter-count
/// vector), written with <see cref="Vector{T}"/> and a scalar tail. Callers have validated every length, so
/// these only assert. Types <see cref="Vector{T}"/> does not support (e.g. <see cref="Half"/>) take the scalar path.
/// </summary>
internal static class RowOps
{
    private static bool UseVectors<T>(int length)
        where T : unmanaged
        => Vector.IsHardwareAccelerated && Vector<T>.IsSupported && length >= Vector<T>.Count;

    /// <summary>
    /// <c>acc[j] += Σ_k x[k] · w[k·F + j]</c> for <c>F = acc.Length</c>: a row of inputs times a
    /// <c>(K × F)</c> block of weights. Each accumulator chunk stays in registers across all <c>K</c> rows.
    /// </summary>
    public static void AccumulateRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, Span<T> acc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = x.Length;
        int width = acc.Length;
        Debug.Assert(w.Length == rows * width);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T ar = ref MemoryMarshal.GetReference(acc);
        int j = 0;
        if (UseVectors<T>(width))
        {
            int n = Vector<T>.Count;
            for (; j <= width - 2 * n; j += 2 * n)
            {
                Vector<T> a0 = Vector.LoadUnsafe(ref ar, (nuint)j);
                Vector<T> a1 = Vector.LoadUnsafe(ref ar, (nuint)(j + n));
                nuint offset = (nuint)j;
                for (int k = 0; k < rows; k++, offset += (nuint)width)
                {
                    var xv = new Vector<T>(Unsafe.Add(ref xr, k));
                    a0 += xv * Vector.LoadUnsafe(ref wr, offset);
                    a1 += xv * Vector.LoadUnsafe(ref wr, offset + (nuint)n);
                }

                a0.StoreUnsafe(ref ar, (nuint)j);
                a1.StoreUnsafe(ref ar, (nuint)(j + n));
            }

            for (; j <= width - n; j += n)
            {
                Vector<T> a0 = Vector.LoadUnsafe(ref ar, (nuint)j);
                nuint offset = (nuint)j;
                for (int k = 0; k < rows; k++, offset += (nuint)width)
                {
                    a0 += new Vector<T>(Unsafe.Add(ref xr, k)) * Vector.LoadUnsafe(ref wr, offset);
                }

                a0.StoreUnsafe(ref ar, (nuint)j);
            }
        }

        for (; j < width; j++)
        {
            T sum = Unsafe.Add(ref ar, j);
            int offset = j;
            for (int k = 0; k < rows; k++, offset += width)
            {
                sum += Unsafe.Add(ref xr, k) * Unsafe.Add(ref wr, offset);
            }

            Unsafe.Add(ref ar, j) = sum;
        }
    }

    /// <summary>
    /// <c>dst[k] += Σ_j w[k·F + j] · g[j]</c> for <c>F = g.Length</c>: each row of a <c>(K × F)</c> block dotted
    /// with <paramref name="g"/>.
    /// </summary>
    public static void AccumulateDots<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = dst.Length;
        int width = g.Length;
        Debug.Assert(w.Length == rows * width);
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T gr = ref MemoryMarshal.GetReference(g);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        bool vectors = UseVectors<T>(width);
        int n = vectors ? Vector<T>.Count : int.MaxValue;
        for (int k = 0; k < rows; k++)
        {
            ref T row = ref Unsafe.Add(ref wr, k * width);
            T sum = T.Zero;
            int j = 0;
            if (vectors)
            {
                Vector<T> acc = Vector<T>.Zero;
                for (; j <= width - n; j += n)
                {
                    acc += Vector.LoadUnsafe(ref row, (nuint)j) * Vector.LoadUnsafe(ref gr, (nuint)j);
                }

                sum = Vector.Sum(acc);
            }

            for (; j < width; j++)
            {
                sum += Unsafe.Add(ref row, j) * Unsafe.Add(ref gr, j);
            }

            Unsafe.Add(ref dr, k) += sum;
        }
    }

    /// <summary><c>dst[k·F + j] += x[k] · g[j]</c> for <c>F = g.Length</c>: adds the outer product of two rows.</summary>
    public static void AccumulateOuter<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = x.Length;
        int width = g.Length;
        Debug.Assert(dst.Length == rows * width);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T gr = ref MemoryMarshal.GetReference(g);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        bool vectors = UseVectors<T>(width);
        int n = vectors ? Vector<T>.Count : int.MaxValue;
        for (int k = 0; k < rows; k++)
        {
            T xk = Unsafe.Add(ref xr, k);
            ref T row = ref Unsafe.Add(ref dr, k * width);
            int j = 0;
            if (vectors)
            {
                var xv = new Vector<T>(xk);
                for (; j <= width - n; j += n)
                {
                    (Vector.LoadUnsafe(ref row, (nuint)j) + xv * Vector.LoadUnsafe(ref gr, (nuint)j)).StoreUnsafe(ref row, (nuint)j);
                }
            }

            for (; j < width; j++)
            {
                Unsafe.Add(ref row, j) += xk * Unsafe.Add(ref gr, j);
            }
        }
    }

    /// <summary><c>dst[j] += src[j]</c>.</summary>
    public static void Add<T>(ReadOnlySpan<T> src, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Debug.Assert(src.Length == dst.Length);
        ref T sr = ref MemoryMarshal.GetReference(src);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        int length = dst.Length;
        int j = 0;
        if (UseVectors<T>(length))
        {
            int n = Vector<T>.Count;
            for (; j <= length - n; j += n)
            {
                (Vector.LoadUnsafe(ref dr, (nuint)j) + Vector.LoadUnsafe(ref sr, (nuint)j)).StoreUnsafe(ref dr, (nuint)j);
            }
        }

        for (; j < length; j++)
        {
            Unsafe.Add(ref dr, j) += Unsafe.Add(ref sr, j);
        }
    }

    /// <summary>
    /// Reduces an <c>f×f</c> window of channel rows to one row: <c>dst[c] = max</c> or the sum over the window.
    /// The window's row <c>(dy, dx)</c> starts at <c>start + dy·pitch + dx·C</c> with <c>C = dst.Length</c>.
    /// For the maximum, the first maximum in row-major order wins and a NaN anywhere makes the result NaN.
    /// </summary>
    public static void ReduceWindow<T>(ReadOnlySpan<T> x, int start, int pitch, int size, bool max, Span<T> dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = dst.Length;
        Debug.Assert(start + (size - 1) * pitch + size * channels <= x.Length);
        ref T xr = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), start);
        ref T dr = ref MemoryMarshal.GetReference(dst);
        int j = 0;
        if (UseVectors<T>(channels))
        {
            int n = Vector<T>.Count;
            for (; j <= channels - n; j += n)
            {
                Vector<T> acc = Vector.LoadUnsafe(ref xr, (nuint)j);
                for (int dy = 0; dy < size; dy++)
                {
                    for (int dx = dy == 0 ? 1 : 0; dx < size; dx++)
                    {
                        Vector<T> v = Vector.LoadUnsafe(ref xr, (nuint)(dy * pitch + dx * channels + j));
                        if (max)
                        {
                            // Take v where v > acc, or where v is the first NaN (acc not yet NaN).
                            Vector<T> accIsNumber = Vector.Equals(acc, acc);
                            Vector<T> vIsNaN = ~Vector.Equals(v, v);
                            Vector<T> take = Vector.GreaterThan(v, acc) | (vIsNaN & accIsNumber);
                            acc = Vector.ConditionalSelect(take, v, acc);
                        }
                        else
                        {
                            acc += v;
                        }
                    }
                }

                acc.StoreUnsafe(ref dr, (nuint)j);
            }
        }

        for (; j < channels; j++)
        {
            T acc = Unsafe.Add(ref xr, j);
            for (int dy = 0; dy < size; dy++)
            {
                for (int dx = dy == 0 ? 1 : 0; dx < size; dx++)
                {
                    T v = Unsafe.Add(ref xr, dy * pitch + dx * channels + j);
                    if (!max)
                    {
                        acc += v;
                    }
                    else if (TakesOver(v, acc))
                    {
                        acc = v;
                    }
                }
            }

            Unsafe.Add(ref dr, j) = acc;
        }
    }

    /// <summary>
    /// The max-pool rule for a candidate <paramref name="v"/> against the best so far, scanning in row-major
    /// order: a strictly larger value takes over, so ties keep the first; the first NaN takes over and then stays.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TakesOver<T>(T v, T best)
        where T : IFloatingPointIeee754<T>
        => v > best || (T.IsNaN(v) && !T.IsNaN(best));
}
