using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>
/// numpy's legacy random stream (<c>np.random.seed(k)</c> then <c>np.random.rand</c>/<c>randn</c>), reproduced
/// bit for bit, so that weights and inputs drawn in a Python notebook can be drawn identically in .NET.
/// </summary>
/// <remarks>
/// <para>The algorithm is numpy's <c>RandomState</c>: MT19937 seeded with <c>init_genrand(seed)</c>; a double is
/// <c>((a &gt;&gt; 5)·2^26 + (b &gt;&gt; 6)) / 2^53</c> from two consecutive 32-bit outputs; a standard normal
/// uses the polar Marsaglia method, returns <c>f·x2</c> and keeps <c>f·x1</c> for the next call. Seeding
/// clears the kept value.</para>
/// <para>Not thread-safe; not suitable for cryptography.</para>
/// </remarks>
public sealed class NumpyLegacyRandom
{
    private const int StateSize = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[StateSize];
    private int _position;
    private bool _hasGaussian;
    private double _gaussian;

    /// <summary>Creates a stream seeded like <c>np.random.seed(<paramref name="seed"/>)</c>.</summary>
    public NumpyLegacyRandom(uint seed) => Seed(seed);

    /// <summary>Reseeds the stream like <c>np.random.seed(<paramref name="seed"/>)</c>, dropping any kept normal.</summary>
    public void Seed(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < StateSize; i++)
        {
            uint previous = _state[i - 1];
            _state[i] = unchecked((1812433253u * (previous ^ (previous >> 30))) + (uint)i);
        }

        _position = StateSize;
        _hasGaussian = false;
        _gaussian = 0;
    }

    /// <summary>The next raw 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (_position >= StateSize)
        {
            Regenerate();
        }

        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits (numpy's <c>random_sample</c>).</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal draw (numpy's legacy <c>standard_normal</c> / <c>randn</c>).</summary>
    public double NextStandardNormal()
    {
        if (_hasGaussian)
        {
            _hasGaussian = false;
            return _gaussian;
        }

        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gaussian = f * x1;
        _hasGaussian = true;
        return f * x2;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal draws, in order.</summary>
    public void FillStandardNormal(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextStandardNormal();
        }
    }

    /// <summary>
    /// Draws a tensor of standard normals in row-major order, like <c>np.random.randn(d0, d1, …)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An extent is negative.</exception>
    /// <exception cref="ArgumentException">The shape holds more values than an array can.</exception>
    public Tensor<double> Randn(params ReadOnlySpan<int> shape)
    {
        var lengths = new nint[shape.Length];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            GeometryChecks.NotNegative(shape[i], nameof(shape));
            lengths[i] = shape[i];
            count *= shape[i];
            if (count > Array.MaxLength)
            {
                throw new ArgumentException($"Expected at most {Array.MaxLength} values, but the shape holds more.", nameof(shape));
            }
        }

        var values = new double[count];
        FillStandardNormal(values);
        return Tensor.Create(values, lengths);
    }

    private void Regenerate()
    {
        uint[] mt = _state;
        int k = 0;
        for (; k < StateSize - Shift; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + Shift] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }

        for (; k < StateSize - 1; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[k + 1] & LowerMask);
            mt[k] = mt[k + Shift - StateSize] ^ (y >> 1) ^ ((y & 1u) * MatrixA);
        }

        uint last = (mt[StateSize - 1] & UpperMask) | (mt[0] & LowerMask);
        mt[StateSize - 1] = mt[Shift - 1] ^ (last >> 1) ^ ((last & 1u) * MatrixA);
        _position = 0;
    }
}
