namespace CnnGen.Tests.Network;

public class DeterministicRandomTests
{
    [Fact]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // SplitMix64 from state 0 (the published reference outputs).
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, DeterministicRandom.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, DeterministicRandom.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, DeterministicRandom.SplitMix64(ref state));
    }

    [Fact]
    public void Xoshiro256StarStar_matches_an_independent_implementation()
    {
        // Seed 42 through SplitMix64, then xoshiro256**, as computed by a separate Python implementation.
        var random = new DeterministicRandom(42);
        ulong[] expected = [0x15780B2E0C2EC716, 0x6104D9866D113A7E, 0xAE17533239E499A1, 0xECB8AD4703B360A1, 0xFDE6DC7FE2EC5E64];
        foreach (ulong value in expected)
        {
            Assert.Equal(value, random.NextUInt64());
        }
    }

    [Fact]
    public void Normal_deviates_are_bit_for_bit_fixed_by_the_seed()
    {
        // The polar method over the platform-independent logarithm, as computed by a separate Python implementation
        // performing the same IEEE operations.
        var random = new DeterministicRandom(42);
        ulong[] expected = [0xBFE73D2FEB0FB377, 0xBFCB088028693F9C, 0x3FCC5E21F7812A4E, 0x3FE0BA8BB0C5FA51, 0x3FDDB514BFAC5B4E, 0x3FE7B6195D5A3E23];
        foreach (ulong bits in expected)
        {
            Assert.Equal(bits, BitConverter.DoubleToUInt64Bits(random.NextNormal()));
        }
    }

    [Fact]
    public void Deterministic_log_is_accurate_to_a_few_ulps()
    {
        var random = new DeterministicRandom(3);
        for (int i = 0; i < 100_000; i++)
        {
            // Spread over many binades, including (0, 1) where the polar method uses it.
            double x = (random.NextDouble() + 1e-3) * Math.Pow(2, random.NextInt32(200) - 100);
            double expected = Math.Log(x);
            double actual = DeterministicMath.Log(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= 4 * ulp,
                $"log({x:R}) = {actual:R}, expected {expected:R}.");
        }

        Assert.Equal(0.0, DeterministicMath.Log(1.0));
    }

    [Fact]
    public void NextInt32_stays_in_range_and_covers_it_evenly()
    {
        var random = new DeterministicRandom(11);
        var counts = new int[7];
        const int draws = 70_000;
        for (int i = 0; i < draws; i++)
        {
            counts[random.NextInt32(7)]++;
        }

        // Each count is Binomial(70000, 1/7): mean 10000, sd ≈ 92.6; allow 5 sd.
        Assert.All(counts, c => Assert.InRange(c, 10_000 - 463, 10_000 + 463));
        Assert.Equal(0, random.NextInt32(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt32(0));
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation()
    {
        int[] a = Enumerable.Range(0, 100).ToArray();
        int[] b = Enumerable.Range(0, 100).ToArray();
        new DeterministicRandom(8).Shuffle(a.AsSpan());
        new DeterministicRandom(8).Shuffle(b.AsSpan());
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 100), a);
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
    }
}

public class HeInitializationTests
{
    [Fact]
    public void He_normal_has_mean_zero_and_variance_two_over_fan_in()
    {
        const int n = 100_000;
        const int fanIn = 50;
        var values = new double[n];
        ParameterInitialization.HeNormal<double>(values, fanIn, seed: 2024);

        double variance = 2.0 / fanIn;
        double sigma = Math.Sqrt(variance);
        double mean = values.Average();
        double sampleVariance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);

        // Tolerances are 5 standard errors, so a correct generator fails with probability below 1e-6:
        // the mean's standard error is σ/√n; the sample variance's is σ²·√(2/(n − 1)) for normal data.
        Assert.InRange(mean, -5 * sigma / Math.Sqrt(n), 5 * sigma / Math.Sqrt(n));
        double varianceError = 5 * variance * Math.Sqrt(2.0 / (n - 1));
        Assert.InRange(sampleVariance, variance - varianceError, variance + varianceError);

        // The shape: P(|x| < σ) = 0.6827 for a normal; its standard error is √(p(1 − p)/n) ≈ 0.00147.
        double within = values.Count(v => Math.Abs(v) < sigma) / (double)n;
        Assert.InRange(within, 0.6827 - 5 * 0.00147, 0.6827 + 5 * 0.00147);
    }

    [Fact]
    public void He_normal_is_reproducible_and_float_matches_rounded_double()
    {
        var a = new double[1000];
        var b = new double[1000];
        var f = new float[1000];
        ParameterInitialization.HeNormal<double>(a, 9, seed: 7);
        ParameterInitialization.HeNormal<double>(b, 9, seed: 7);
        ParameterInitialization.HeNormal<float>(f, 9, seed: 7);
        Assert.Equal(a, b);
        Assert.Equal(Array.ConvertAll(a, v => (float)v), f);

        ParameterInitialization.HeNormal<double>(b, 9, seed: 8);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void He_normal_continues_one_generator_across_layers()
    {
        var whole = new double[30];
        ParameterInitialization.HeNormal<double>(whole, 4, seed: 1);
        var random = new DeterministicRandom(1);
        var first = new double[10];
        var rest = new double[20];
        ParameterInitialization.HeNormal<double>(first, 4, random);
        ParameterInitialization.HeNormal<double>(rest, 4, random);
        Assert.Equal(whole, first.Concat(rest));
    }

    [Fact]
    public void Fan_in_below_one_is_refused()
    {
        Assert.Equal("fanIn", Assert.Throws<ArgumentOutOfRangeException>(() => ParameterInitialization.HeNormal<double>(new double[3], 0, seed: 1)).ParamName);
    }
}
