namespace CnnGen.Generated.Tests.Conv;

/// <summary>Compares kernel results with the reference, scaling the allowed error by Σ|terms| of each value.</summary>
internal static class Tolerance
{
    /// <summary>Double kernels must agree to 1e-12 of the terms' magnitude (summation order differs, nothing else).</summary>
    public const double DoubleRelative = 1e-12;

    /// <summary>
    /// The classic worst-case bound for a sum of <paramref name="terms"/> float products evaluated in any order
    /// (with or without fused multiply-add): |error| ≤ γ_N · Σ|terms|, γ_N = N·u / (1 − N·u), u = 2⁻²⁴,
    /// N = terms + 1 (one rounding per product and per addition at most). The reference is computed in double from
    /// the same float-rounded inputs, so this bound is all the float kernel may deviate by.
    /// </summary>
    public static double SingleRelative(int terms)
    {
        double nu = (terms + 1) * Math.Pow(2, -24);
        return nu / (1 - nu);
    }

    public static void AssertClose(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> magnitude, ReadOnlySpan<double> actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = relative * magnitude[i] + 1e-300;
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= allowed))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (error {error:E3} > allowed {allowed:E3}).");
            }
        }
    }

    public static void AssertClose(string what, ReadOnlySpan<double> expected, ReadOnlySpan<double> magnitude, ReadOnlySpan<float> actual, double relative)
    {
        var widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        AssertClose(what, expected, magnitude, widened, relative);
    }
}
