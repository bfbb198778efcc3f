using System.Numerics;
using System.Runtime.InteropServices;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// A fixed-length buffer in native memory whose first element sits on a 64-byte boundary (a cache line, one
/// <c>Vector512</c>). Managed arrays start wherever the allocator put them, so the same kernel may read split cache
/// lines in one benchmark process and not in the next. (In one process, the mid layer timed on two sets of separately
/// allocated arrays differed by up to 9 %; on one set of arrays refilled, by under 3 %.) The suites keep every timed
/// operand here, so every run sees the same alignment.
/// </summary>
public sealed unsafe class AlignedArray<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The alignment of the first element, in bytes.</summary>
    public const int Alignment = 64;

    private T* _items;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public AlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        nuint bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(T);
        _items = (T*)NativeMemory.AlignedAlloc(bytes, Alignment);
        AsSpan().Clear();
    }

    /// <summary>Frees the memory of a buffer nobody disposed.</summary>
    ~AlignedArray() => Free();

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    /// <exception cref="ObjectDisposedException">The buffer was disposed.</exception>
    public Span<T> AsSpan()
    {
        ObjectDisposedException.ThrowIf(_items is null, this);
        return new Span<T>(_items, Length);
    }

    /// <summary>The elements from <paramref name="start"/> on, <paramref name="length"/> of them.</summary>
    public Span<T> AsSpan(int start, int length) => AsSpan().Slice(start, length);

    /// <summary>A managed copy of the elements.</summary>
    public T[] ToArray() => AsSpan().ToArray();

    public static implicit operator Span<T>(AlignedArray<T> array) => array.AsSpan();

    public static implicit operator ReadOnlySpan<T>(AlignedArray<T> array) => array.AsSpan();

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_items is not null)
        {
            NativeMemory.AlignedFree(_items);
            _items = null;
        }
    }
}

/// <summary>Fills for <see cref="AlignedArray{T}"/> that the suites' setups use.</summary>
public static class AlignedArray
{
    /// <summary>A buffer holding <see cref="Agreement.Random{T}"/>'s values for the same length and seed.</summary>
    public static AlignedArray<T> Random<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var array = new AlignedArray<T>(length);
        Agreement.Random<T>(length, seed).CopyTo(array.AsSpan());
        return array;
    }

    /// <summary>A buffer of NaNs, so a kernel that skips an element is caught.</summary>
    public static AlignedArray<T> NaNs<T>(int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var array = new AlignedArray<T>(length);
        array.AsSpan().Fill(T.NaN);
        return array;
    }
}
