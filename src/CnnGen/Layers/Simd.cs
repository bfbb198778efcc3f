using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen;

/// <summary>
/// One SIMD width as a set of static operations, so that a loop body is written once and instantiated for
/// <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>, <see cref="Vector128{T}"/> and a one-lane scalar
/// "vector" (which handles the tails). The JIT specializes each instantiation, so the calls inline away.
/// </summary>
/// <typeparam name="TVec">The register type (a vector of <typeparamref name="T"/>, or <typeparamref name="T"/> itself).</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal interface ISimd<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>True when this width is hardware accelerated for <typeparamref name="T"/>.</summary>
    static abstract bool IsSupported { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(ref readonly T source, nuint offset);

    static abstract void Store(TVec value, ref T destination, nuint offset);

    static abstract TVec Broadcast(T value);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Divide(TVec left, TVec right);

    /// <summary><c>left·right + addend</c>, fused where the hardware has a fused multiply-add.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec Sqrt(TVec value);

    /// <summary>Per lane: <paramref name="value"/> where <paramref name="condition"/> is above zero, else zero (NaN counts as not above).</summary>
    static abstract TVec WherePositive(TVec condition, TVec value);

    /// <summary>Per lane: the larger of the two; NaN if either is NaN.</summary>
    static abstract TVec Max(TVec left, TVec right);

    /// <summary>Per lane: the smaller of the two; NaN if either is NaN.</summary>
    static abstract TVec Min(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    /// <summary>Per lane: <paramref name="whenTrue"/> where <paramref name="left"/> &gt; <paramref name="right"/>, else <paramref name="whenFalse"/> (a NaN compares false).</summary>
    static abstract TVec WhereGreater(TVec left, TVec right, TVec whenTrue, TVec whenFalse);

    static abstract T Sum(TVec value);

    /// <summary>
    /// Per lane: <paramref name="candidate"/> where it takes over from <paramref name="best"/> as a max pool's running maximum
    /// (it is greater, or it is NaN and <paramref name="best"/> is not), else <paramref name="best"/>: the first maximum
    /// stays, and the first NaN wins.
    /// </summary>
    static abstract TVec TakeOver(TVec best, TVec candidate);

    /// <summary>
    /// Per lane where <paramref name="pending"/> is above zero and <paramref name="value"/> is <paramref name="best"/> (or both
    /// are NaN): <paramref name="gradient"/>, and <paramref name="pending"/> becomes zero; elsewhere zero. Called over a
    /// window in order with <paramref name="pending"/> starting at one, it routes each lane's gradient to its first maximum.
    /// </summary>
    static abstract TVec RouteToFirstMatch(TVec value, TVec best, TVec gradient, ref TVec pending);
}

internal readonly struct Simd512<T> : ISimd<Vector512<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool IsSupported => Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint offset) => Vector512.LoadUnsafe(in source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.MultiplyAddEstimate(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.MultiplyAddEstimate(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> WherePositive(Vector512<T> condition, Vector512<T> value) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(condition, Vector512<T>.Zero), value, Vector512<T>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Min(Vector512<T> left, Vector512<T> right) => Vector512.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> WhereGreater(Vector512<T> left, Vector512<T> right, Vector512<T> whenTrue, Vector512<T> whenFalse) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(left, right), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> TakeOver(Vector512<T> best, Vector512<T> candidate)
    {
        // x ≠ x only for NaN.
        Vector512<T> takes = Vector512.GreaterThan(candidate, best) | Vector512.AndNot(~Vector512.Equals(candidate, candidate), ~Vector512.Equals(best, best));
        return Vector512.ConditionalSelect(takes, candidate, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> RouteToFirstMatch(Vector512<T> value, Vector512<T> best, Vector512<T> gradient, ref Vector512<T> pending)
    {
        Vector512<T> matches = Vector512.Equals(value, best) | (~Vector512.Equals(value, value) & ~Vector512.Equals(best, best));
        Vector512<T> hit = matches & Vector512.GreaterThan(pending, Vector512<T>.Zero);
        pending = Vector512.ConditionalSelect(hit, Vector512<T>.Zero, pending);
        return Vector512.ConditionalSelect(hit, gradient, Vector512<T>.Zero);
    }
}

internal readonly struct Simd256<T> : ISimd<Vector256<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nuint offset) => Vector256.LoadUnsafe(in source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> left, Vector256<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.MultiplyAddEstimate(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector256.MultiplyAddEstimate(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> WherePositive(Vector256<T> condition, Vector256<T> value) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(condition, Vector256<T>.Zero), value, Vector256<T>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> left, Vector256<T> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Min(Vector256<T> left, Vector256<T> right) => Vector256.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> WhereGreater(Vector256<T> left, Vector256<T> right, Vector256<T> whenTrue, Vector256<T> whenFalse) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(left, right), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> TakeOver(Vector256<T> best, Vector256<T> candidate)
    {
        // x ≠ x only for NaN.
        Vector256<T> takes = Vector256.GreaterThan(candidate, best) | Vector256.AndNot(~Vector256.Equals(candidate, candidate), ~Vector256.Equals(best, best));
        return Vector256.ConditionalSelect(takes, candidate, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> RouteToFirstMatch(Vector256<T> value, Vector256<T> best, Vector256<T> gradient, ref Vector256<T> pending)
    {
        Vector256<T> matches = Vector256.Equals(value, best) | (~Vector256.Equals(value, value) & ~Vector256.Equals(best, best));
        Vector256<T> hit = matches & Vector256.GreaterThan(pending, Vector256<T>.Zero);
        pending = Vector256.ConditionalSelect(hit, Vector256<T>.Zero, pending);
        return Vector256.ConditionalSelect(hit, gradient, Vector256<T>.Zero);
    }
}

internal readonly struct Simd128<T> : ISimd<Vector128<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static bool IsSupported => Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source, nuint offset) => Vector128.LoadUnsafe(in source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.MultiplyAddEstimate(left.As<T, float>(), right.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector128.MultiplyAddEstimate(left.As<T, double>(), right.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> WherePositive(Vector128<T> condition, Vector128<T> value) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(condition, Vector128<T>.Zero), value, Vector128<T>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> left, Vector128<T> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Min(Vector128<T> left, Vector128<T> right) => Vector128.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> WhereGreater(Vector128<T> left, Vector128<T> right, Vector128<T> whenTrue, Vector128<T> whenFalse) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(left, right), whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> TakeOver(Vector128<T> best, Vector128<T> candidate)
    {
        // x ≠ x only for NaN.
        Vector128<T> takes = Vector128.GreaterThan(candidate, best) | Vector128.AndNot(~Vector128.Equals(candidate, candidate), ~Vector128.Equals(best, best));
        return Vector128.ConditionalSelect(takes, candidate, best);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> RouteToFirstMatch(Vector128<T> value, Vector128<T> best, Vector128<T> gradient, ref Vector128<T> pending)
    {
        Vector128<T> matches = Vector128.Equals(value, best) | (~Vector128.Equals(value, value) & ~Vector128.Equals(best, best));
        Vector128<T> hit = matches & Vector128.GreaterThan(pending, Vector128<T>.Zero);
        pending = Vector128.ConditionalSelect(hit, Vector128<T>.Zero, pending);
        return Vector128.ConditionalSelect(hit, gradient, Vector128<T>.Zero);
    }
}

/// <summary>The one-lane width: plain scalar arithmetic, used for tails and for element types without SIMD support.</summary>
internal readonly struct SimdScalar<T> : ISimd<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static bool IsSupported => true;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref readonly T source, nuint offset) => Unsafe.Add(ref Unsafe.AsRef(in source), offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T left, T right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T left, T right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) => T.MultiplyAddEstimate(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt(T value) => T.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WherePositive(T condition, T value) => condition > T.Zero ? value : T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Max(T left, T right) => T.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Min(T left, T right) => T.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract(T left, T right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WhereGreater(T left, T right, T whenTrue, T whenFalse) => left > right ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T TakeOver(T best, T candidate) => candidate > best || (T.IsNaN(candidate) && !T.IsNaN(best)) ? candidate : best;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T RouteToFirstMatch(T value, T best, T gradient, ref T pending)
    {
        if (pending > T.Zero && (value == best || (T.IsNaN(value) && T.IsNaN(best))))
        {
            pending = T.Zero;
            return gradient;
        }

        return T.Zero;
    }
}
