namespace CnnGen.Generated.Tests.Network;

/// <summary>The gradient check the network tests share: analytic gradients against central differences of the loss, in double.</summary>
internal static class FiniteDifferences
{
    private const double Step = 1e-6;

    /// <summary>
    /// Asserts that <paramref name="analytic"/>[i] matches (loss(x + h) − loss(x − h)) / 2h for every <paramref name="stride"/>-th
    /// value x, read and written through <paramref name="get"/> and <paramref name="set"/> (and restored), within
    /// 1e-7 + 1e-4 relative.
    /// </summary>
    public static void Check(string what, double[] analytic, int stride, Func<int, double> get, Action<int, double> set, Func<double> loss)
    {
        for (int i = 0; i < analytic.Length; i += stride)
        {
            double saved = get(i);
            set(i, saved + Step);
            double plus = loss();
            set(i, saved - Step);
            double minus = loss();
            set(i, saved);
            double numeric = (plus - minus) / (2 * Step);
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= 1e-7 + 1e-4 * Math.Abs(numeric),
                $"{what} {i}: analytic {analytic[i]:R}, numeric {numeric:R}");
        }
    }
}
