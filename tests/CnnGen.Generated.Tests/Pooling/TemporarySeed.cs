namespace CnnGen.Generated.Tests.Pooling;

// TEMPORARY: numpy's legacy random stream and the notebook's pool values, until the shared ones in
// CnnGen.TestSupport land on main; then this file goes and the tests use the shared helpers.

/// <summary>numpy.random.RandomState's legacy stream (MT19937, seeded by init_genrand; gauss by the polar method).</summary>
internal sealed class TemporaryLegacyRandom
{
    private readonly uint[] _state = new uint[624];
    private int _position;
    private bool _hasGauss;
    private double _gauss;

    public TemporaryLegacyRandom(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < 624; i++)
        {
            _state[i] = unchecked((1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i);
        }

        _position = 624;
    }

    public double[] Randn(int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = Gauss();
        }

        return values;
    }

    private double Gauss()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }

        double x1, x2, r2;
        do
        {
            x1 = (2.0 * NextDouble()) - 1.0;
            x2 = (2.0 * NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    private double NextDouble()
    {
        uint a = Next() >> 5;
        uint b = Next() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    private uint Next()
    {
        if (_position >= 624)
        {
            Twist();
        }

        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (int i = 0; i < 624; i++)
        {
            uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % 624] & 0x7fffffffu);
            _state[i] = _state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }

        _position = 0;
    }
}

/// <summary>The notebook's printed pool outputs (8 decimals), for A_prev = randn(2, 5, 5, 3) after seed(1).</summary>
internal static class TemporaryNotebookPoolValues
{
    public const double PrintedTolerance = 1e-8;

    public static double[] APrev() => new TemporaryLegacyRandom(1).Randn(2 * 5 * 5 * 3);

    /// <summary>Stride 1, max, A[1, 1] (3×3).</summary>
    public static readonly double[] MaxStride1A11 =
        [1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403, 1.62765075, 1.12141771, 1.2245077];

    /// <summary>Stride 1, average, A[1, 1] (3×3).</summary>
    public static readonly double[] AverageStride1A11 =
        [0.44497696, -0.00261695, -0.31040307, 0.50811474, -0.23493734, -0.23961183, 0.11872677, 0.17255229, -0.22112197];

    /// <summary>Stride 2, max, A[0] (2×2×3).</summary>
    public static readonly double[] MaxStride2A0 =
        [1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218, 1.13162939, 1.51981682, 2.18557541, 1.13162939, 1.6924546, 2.18557541];

    /// <summary>Stride 2, average, A[1] (2×2×3).</summary>
    public static readonly double[] AverageStride2A1 =
        [-0.17313416, 0.32377198, -0.34317572, 0.02030094, 0.14141479, -0.01231585, 0.42944926, 0.08446996, -0.27290905, 0.15077452, 0.28911175, 0.00123239];
}
