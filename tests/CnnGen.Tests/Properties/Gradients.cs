namespace CnnGen.Tests.Properties;

internal static class Gradients
{
    /// <summary>
    /// Checks every entry of <paramref name="analytic"/> against the central difference
    /// <c>(L(x + h) − L(x − h)) / 2h</c>, perturbing <paramref name="variable"/> in place and restoring it.
    /// </summary>
    public static void CheckAgainstFiniteDifferences(double[] variable, double[] analytic, Func<double> loss, double h, string label, double tolerance = 1e-7)
    {
        for (int i = 0; i < variable.Length; i++)
        {
            double saved = variable[i];
            variable[i] = saved + h;
            double plus = loss();
            variable[i] = saved - h;
            double minus = loss();
            variable[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            double limit = tolerance * Math.Max(1, Math.Abs(numeric));
            if (!(Math.Abs(numeric - analytic[i]) <= limit))
            {
                Assert.Fail($"{label}[{i}]: analytic {analytic[i]:R}, finite difference {numeric:R} (limit {limit:E2}).");
            }
        }
    }
}
