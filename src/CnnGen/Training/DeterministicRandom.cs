using System.Numerics;

namespace CnnGen;

/// <summary>
/// A small, fast pseudo-random generator whose every output is fixed by its seed, bit for bit, on every run,
/// runtime and platform: xoshiro256** (Blackman and Vigna) seeded through SplitMix64, with normal deviates from the
/// Marsaglia polar method.
/// </summary>
/// <remarks>
/// Platform independence: the generator is integer arithmetic; the normal deviates use only IEEE-754 operations that
/// are correctly rounded everywhere (+, −, ×, ÷, square root) and a logarithm written here from those operations
/// instead of the C runtime's <see cref="Math.Log(double)"/>, whose last bit may differ between platforms.
/// Not cryptographically secure, and not thread-safe.
/// </remarks>
public sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any value; distinct seeds give independent-looking sequences.</param>
    public DeterministicRandom(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>Returns the next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform value in <c>[0, 1)</c> with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniform integer in <c>[0, <paramref name="maxExclusive"/>)</c>, without modulo bias.</summary>
    /// <param name="maxExclusive">The exclusive upper bound (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is below 1.</exception>
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);

        // Lemire's multiply-and-reject: the high half of a 32×32-bit product, rejecting the few low halves that would bias it.
        uint bound = (uint)maxExclusive;
        ulong product = (NextUInt64() >> 32) * bound;
        if ((uint)product < bound)
        {
            uint threshold = (0u - bound) % bound;
            while ((uint)product < threshold)
            {
                product = (NextUInt64() >> 32) * bound;
            }
        }

        return (int)(product >> 32);
    }

    /// <summary>Returns a standard normal deviate (mean 0, variance 1).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        // Marsaglia's polar method: a uniform point in the unit disc yields two independent normals.
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * DeterministicMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Fills <paramref name="destination"/> with normal deviates of the given mean and standard deviation.</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="mean">The distribution's mean.</param>
    /// <param name="standardDeviation">The distribution's standard deviation (at least 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative or not finite.</exception>
    public void FillNormal<T>(Span<T> destination, double mean, double standardDeviation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(standardDeviation >= 0.0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and at least 0.");
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = T.CreateChecked(mean + NextNormal() * standardDeviation);
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates), every order equally likely.</summary>
    /// <param name="items">The items to shuffle.</param>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>One step of SplitMix64 (Steele, Lea and Flood), used to spread a seed over the 256-bit state.</summary>
    internal static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
