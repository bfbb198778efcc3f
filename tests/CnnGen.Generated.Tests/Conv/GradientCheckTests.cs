namespace CnnGen.Generated.Tests.Conv;

/// <summary>
/// Central finite differences of L = Σ Z ⊙ G (so dZ = G) against the generated double Backward. The layer is linear
/// in each argument, so the difference quotient is exact up to rounding (about ε·|L| / h).
/// </summary>
public class GradientCheckTests
{
    public static TheoryData<string> Layers() => new(DeclaredLayers.All.Where((_, i) => i % 4 == 0).Select(c => c.Name).Append("Pad3_f3_s3").Append("Stride3_f2_p1").Distinct());

    [Theory]
    [MemberData(nameof(Layers))]
    public void Backward_matches_central_differences(string name)
    {
        ConvLayerCase layer = DeclaredLayers.All.Single(c => c.Name == name);
        ConvShape s = layer.Shape;
        const int batch = 2;
        var rng = new Random(42);
        double[] x = Enumerable.Range(0, batch * s.InputLength).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double[] w = Enumerable.Range(0, s.WeightsLength).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double[] b = Enumerable.Range(0, s.Filters).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double[] g = Enumerable.Range(0, batch * s.OutputLength).Select(_ => rng.NextDouble() * 2 - 1).ToArray();

        double Loss()
        {
            var z = new double[g.Length];
            layer.ForwardDouble(x, w, b, z);
            double sum = 0;
            for (int i = 0; i < z.Length; i++)
            {
                sum += z[i] * g[i];
            }

            return sum;
        }

        var dA = new double[x.Length];
        var dW = new double[w.Length];
        var db = new double[b.Length];
        layer.BackwardDouble(g, x, w, dA, dW, db);

        Check("dA", x, dA);
        Check("dW", w, dW);
        Check("db", b, db);

        void Check(string what, double[] parameter, double[] gradient)
        {
            const double h = 1e-4;
            int stride = Math.Max(1, parameter.Length / 40);
            for (int i = 0; i < parameter.Length; i += stride)
            {
                double saved = parameter[i];
                parameter[i] = saved + h;
                double plus = Loss();
                parameter[i] = saved - h;
                double minus = Loss();
                parameter[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 * (1 + Math.Abs(plus) + Math.Abs(minus)),
                    $"{what}[{i}]: analytic {gradient[i]:R}, numeric {numeric:R}");
            }
        }
    }
}
