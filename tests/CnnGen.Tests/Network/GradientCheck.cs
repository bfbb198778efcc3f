namespace CnnGen.Tests.Network;

/// <summary>Central finite differences, in double, for checking analytic gradients.</summary>
internal static class GradientCheck
{
    /// <summary>
    /// The step: central differences err by O(h²·f‴) from truncation and O(ε·|f|/h) from rounding; h = 1e-5 keeps
    /// both near 1e-10 for the O(1) functions checked here.
    /// </summary>
    public const double Step = 1e-5;

    /// <summary>Returns ∂loss/∂values[i] for every i, perturbing <paramref name="values"/> in place and restoring it.</summary>
    public static double[] Numeric(double[] values, Func<double> loss)
    {
        var gradient = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double saved = values[i];
            values[i] = saved + Step;
            double plus = loss();
            values[i] = saved - Step;
            double minus = loss();
            values[i] = saved;
            gradient[i] = (plus - minus) / (2 * Step);
        }

        return gradient;
    }

    /// <summary>Asserts that analytic and numeric gradients agree to 1e-6 relative (or absolute, below magnitude 1).</summary>
    public static void AssertClose(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric, string what)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        for (int i = 0; i < analytic.Length; i++)
        {
            double scale = Math.Max(1.0, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric[i])));
            double error = Math.Abs(analytic[i] - numeric[i]) / scale;
            Assert.True(error < 1e-6, $"{what}[{i}]: analytic {analytic[i]:R}, numeric {numeric[i]:R}, relative error {error:E2}.");
        }
    }

    /// <summary>Random values in [-1, 1) from a seeded generator.</summary>
    public static double[] Random(int length, DeterministicRandom random, double low = -1.0, double high = 1.0)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = low + (high - low) * random.NextDouble();
        }

        return values;
    }

    /// <summary>Σ weights·values: a scalar "loss" whose gradient with respect to values is weights.</summary>
    public static double WeightedSum(ReadOnlySpan<double> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i] * weights[i];
        }

        return sum;
    }
}
