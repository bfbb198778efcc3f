using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Generated;

/// <summary>
/// The vector operations a generated kernel body uses, as static abstract members, so one body serves every vector
/// width and element type whose register plan is the same: the JIT compiles the body once per instantiation, inlines
/// each operation and folds <see cref="Count"/> to a constant, giving the code the width-specific text would.
/// </summary>
/// <typeparam name="TVector">The vector type, e.g. <see cref="Vector512{T}"/>.</typeparam>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IVectorOps<TVector, T>
    where TVector : struct
    where T : unmanaged
{
    /// <summary>The number of elements in one vector.</summary>
    static abstract nint Count { get; }

    /// <summary>A vector of zeros.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Loads a vector from <paramref name="source"/> without alignment or bounds checks.</summary>
    static abstract TVector Load(ref T source);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> without alignment or bounds checks.</summary>
    static abstract void Store(TVector value, ref T destination);

    /// <summary>A vector with every element <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(T value);

    /// <summary>Loads a vector from <paramref name="offset"/> elements past <paramref name="source"/>, unchecked.</summary>
    static abstract TVector Load(ref T source, nint offset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="offset"/> elements past <paramref name="destination"/>, unchecked.</summary>
    static abstract void Store(TVector value, ref T destination, nint offset);

    /// <summary>A vector with every element the one at <paramref name="offset"/> elements past <paramref name="source"/>, unchecked.</summary>
    static abstract TVector Broadcast(ref T source, nint offset);

    /// <summary>left · right + addend, fused where the hardware has an FMA instruction.</summary>
    static abstract TVector MultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>The element-wise sum.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>The sum of the elements.</summary>
    static abstract T Sum(TVector value);

    /// <summary>
    /// <paramref name="value"/> with all but its last <paramref name="count"/> elements set to zero: the lanes of an
    /// overlapping last vector that no earlier vector covered.
    /// </summary>
    static abstract TVector KeepLast(TVector value, nint count);
}

/// <summary>The <see cref="IVectorOps{TVector, T}"/> of <see cref="Vector512{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector512Ops<T> : IVectorOps<Vector512<T>, T>
    where T : unmanaged
{
    /// <inheritdoc/>
    public static nint Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    /// <inheritdoc/>
    public static Vector512<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source) => Vector512.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nint offset) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(ref T source, nint offset) => Vector512.Create(Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        // The element type is a constant of the instantiation, so the JIT keeps exactly one branch.
        if (typeof(T) == typeof(float))
        {
            return Vector512.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return left * right + addend;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> KeepLast(Vector512<T> value, nint count)
    {
        // Lane i survives where i ≥ Count − count; the element type is a constant of the instantiation.
        if (typeof(T) == typeof(float))
        {
            Vector512<int> kept = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Vector512<float>.Count - (int)count));
            return Vector512.ConditionalSelect(kept.As<int, T>(), value, Vector512<T>.Zero);
        }

        if (typeof(T) == typeof(double))
        {
            Vector512<long> kept = Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)(Vector512<double>.Count - count)));
            return Vector512.ConditionalSelect(kept.As<long, T>(), value, Vector512<T>.Zero);
        }

        throw new NotSupportedException("Only float and double vectors are generated.");
    }
}

/// <summary>The <see cref="IVectorOps{TVector, T}"/> of <see cref="Vector256{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector256Ops<T> : IVectorOps<Vector256<T>, T>
    where T : unmanaged
{
    /// <inheritdoc/>
    public static nint Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    /// <inheritdoc/>
    public static Vector256<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nint offset) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(ref T source, nint offset) => Vector256.Create(Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return left * right + addend;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> KeepLast(Vector256<T> value, nint count)
    {
        // Lane i survives where i ≥ Count − count; the element type is a constant of the instantiation.
        if (typeof(T) == typeof(float))
        {
            Vector256<int> kept = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Vector256<float>.Count - (int)count));
            return Vector256.ConditionalSelect(kept.As<int, T>(), value, Vector256<T>.Zero);
        }

        if (typeof(T) == typeof(double))
        {
            Vector256<long> kept = Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)(Vector256<double>.Count - count)));
            return Vector256.ConditionalSelect(kept.As<long, T>(), value, Vector256<T>.Zero);
        }

        throw new NotSupportedException("Only float and double vectors are generated.");
    }
}

/// <summary>The <see cref="IVectorOps{TVector, T}"/> of <see cref="Vector128{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Vector128Ops<T> : IVectorOps<Vector128<T>, T>
    where T : unmanaged
{
    /// <inheritdoc/>
    public static nint Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<T>.Count;
    }

    /// <inheritdoc/>
    public static Vector128<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<T>.Zero;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source) => Vector128.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nint offset) => Vector128.LoadUnsafe(ref Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref Unsafe.Add(ref destination, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(ref T source, nint offset) => Vector128.Create(Unsafe.Add(ref source, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.MultiplyAddEstimate(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector128.MultiplyAddEstimate(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return left * right + addend;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> KeepLast(Vector128<T> value, nint count)
    {
        // Lane i survives where i ≥ Count − count; the element type is a constant of the instantiation.
        if (typeof(T) == typeof(float))
        {
            Vector128<int> kept = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Vector128<float>.Count - (int)count));
            return Vector128.ConditionalSelect(kept.As<int, T>(), value, Vector128<T>.Zero);
        }

        if (typeof(T) == typeof(double))
        {
            Vector128<long> kept = Vector128.GreaterThanOrEqual(Vector128<long>.Indices, Vector128.Create((long)(Vector128<double>.Count - count)));
            return Vector128.ConditionalSelect(kept.As<long, T>(), value, Vector128<T>.Zero);
        }

        throw new NotSupportedException("Only float and double vectors are generated.");
    }
}
