namespace CnnGen.Tests.Properties;

internal static class Tolerance
{
    /// <summary>
    /// Asserts two double computations of the same sums agree to within a few hundred ulps of the largest
    /// magnitude involved (they differ only in summation order).
    /// </summary>
    public static void SameSums(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string label)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1;
        foreach (double v in expected)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            double limit = 1e-12 * scale;
            if (!(Math.Abs(expected[i] - actual[i]) <= limit))
            {
                Assert.Fail($"{label}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (limit {limit:E2}).");
            }
        }
    }
}
