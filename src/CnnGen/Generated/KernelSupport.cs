using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// Small building blocks that generated layer kernels call, kept here once instead of pasted into every layer.
/// Everything is aggressively inlined, so a call costs what the written-out code would.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelSupport
{
    /// <summary>Adds <paramref name="value"/> into the vector at <paramref name="destination"/> + <paramref name="elementOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto<T>(Vector512<T> value, ref T destination, nuint elementOffset)
    {
        (Vector512.LoadUnsafe(ref destination, elementOffset) + value).StoreUnsafe(ref destination, elementOffset);
    }

    /// <summary>Adds <paramref name="value"/> into the vector at <paramref name="destination"/> + <paramref name="elementOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto<T>(Vector256<T> value, ref T destination, nuint elementOffset)
    {
        (Vector256.LoadUnsafe(ref destination, elementOffset) + value).StoreUnsafe(ref destination, elementOffset);
    }

    /// <summary>Adds <paramref name="value"/> into the vector at <paramref name="destination"/> + <paramref name="elementOffset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddInto<T>(Vector128<T> value, ref T destination, nuint elementOffset)
    {
        (Vector128.LoadUnsafe(ref destination, elementOffset) + value).StoreUnsafe(ref destination, elementOffset);
    }

    /// <summary>
    /// Max-pool backward, one window tap for a vector of channels: lanes where <paramref name="tap"/> equals the window's
    /// <paramref name="max"/> and that are still <paramref name="open"/> (no earlier tap took the gradient) receive
    /// <paramref name="gradient"/>, and close. Visiting taps in row-major order sends each gradient to the first maximum.
    /// A NaN maximum equals nothing, so a window holding NaN passes no gradient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RouteToFirstMax<T>(Vector512<T> gradient, Vector512<T> tap, Vector512<T> max, ref Vector512<T> open, ref T destination, nuint elementOffset)
    {
        Vector512<T> hit = Vector512.Equals(tap, max) & open;
        open = Vector512.AndNot(open, hit);
        AddInto(gradient & hit, ref destination, elementOffset);
    }

    /// <inheritdoc cref="RouteToFirstMax{T}(Vector512{T}, Vector512{T}, Vector512{T}, ref Vector512{T}, ref T, nuint)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RouteToFirstMax<T>(Vector256<T> gradient, Vector256<T> tap, Vector256<T> max, ref Vector256<T> open, ref T destination, nuint elementOffset)
    {
        Vector256<T> hit = Vector256.Equals(tap, max) & open;
        open = Vector256.AndNot(open, hit);
        AddInto(gradient & hit, ref destination, elementOffset);
    }

    /// <inheritdoc cref="RouteToFirstMax{T}(Vector512{T}, Vector512{T}, Vector512{T}, ref Vector512{T}, ref T, nuint)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RouteToFirstMax<T>(Vector128<T> gradient, Vector128<T> tap, Vector128<T> max, ref Vector128<T> open, ref T destination, nuint elementOffset)
    {
        Vector128<T> hit = Vector128.Equals(tap, max) & open;
        open = Vector128.AndNot(open, hit);
        AddInto(gradient & hit, ref destination, elementOffset);
    }

    /// <summary>The scalar form of <see cref="RouteToFirstMax{T}(Vector512{T}, Vector512{T}, Vector512{T}, ref Vector512{T}, ref T, nuint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RouteToFirstMax<T>(T gradient, T tap, T max, ref bool open, ref T destination, nuint elementOffset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (open && tap == max)
        {
            open = false;
            Unsafe.Add(ref destination, elementOffset) += gradient;
        }
    }

    /// <summary>Copies <paramref name="length"/> values from <paramref name="source"/> + <paramref name="sourceOffset"/> to <paramref name="destination"/> + <paramref name="destinationOffset"/> (a vectorized memmove).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<T>(ref T source, int sourceOffset, ref T destination, int destinationOffset, int length)
        where T : unmanaged
    {
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, sourceOffset), length)
            .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, destinationOffset), length));
    }

    /// <summary>Sets <paramref name="length"/> values at <paramref name="destination"/> + <paramref name="offset"/> to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear<T>(ref T destination, int offset, int length)
        where T : unmanaged
    {
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, offset), length).Clear();
    }
}
