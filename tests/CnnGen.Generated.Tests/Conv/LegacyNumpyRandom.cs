namespace CnnGen.Generated.Tests.Conv;

// TEMPORARY: a local copy of numpy's legacy RandomState (MT19937 + Marsaglia polar randn) until the shared
// CnnGen.TestSupport generator lands on main; then the conv tests switch to it and this file goes.

/// <summary>numpy.random.seed(s); numpy.random.randn(...) — the legacy stream the notebook draws from.</summary>
internal sealed class LegacyNumpyRandom
{
    private readonly uint[] _state = new uint[624];
    private int _index;
    private bool _hasSpare;
    private double _spare;

    public LegacyNumpyRandom(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < 624; i++)
        {
            _state[i] = 1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i;
        }

        _index = 624;
    }

    private uint NextUInt32()
    {
        if (_index >= 624)
        {
            for (int i = 0; i < 624; i++)
            {
                uint y = (_state[i] & 0x80000000u) | (_state[(i + 1) % 624] & 0x7fffffffu);
                _state[i] = _state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            }

            _index = 0;
        }

        uint z = _state[_index++];
        z ^= z >> 11;
        z ^= (z << 7) & 0x9d2c5680u;
        z ^= (z << 15) & 0xefc60000u;
        z ^= z >> 18;
        return z;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>One standard normal value.</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
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
        _spare = f * x1;
        _hasSpare = true;
        return f * x2;
    }

    public double[] Randn(int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = NextGaussian();
        }

        return values;
    }
}
