using CnnGen.TestSupport;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>
/// Generated pooling against the generic (runtime-shaped) kernels over the matrix of shapes (f 1–5, stride 1–3, channels 1 to 33 taking
/// every vector width and its scalar tail), for double (1e-12 relative) and float (see <see cref="FloatTolerance"/>).
/// </summary>
public class PoolDifferentialTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (PoolCase layer in PoolMatrix.Cases)
        {
            data.Add(layer.Name);
        }

        return data;
    }

    private static PoolCase Case(string name) => Array.Find(PoolMatrix.Cases, c => c.Name == name)!;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_forward_and_backward_match_the_generic_kernels(string name)
    {
        PoolCase layer = Case(name);
        const int batch = 3;
        var random = new Random(StableSeed.Of(name));
        double[] input = Values(random, batch * layer.InputLength);
        double[] outputGradient = Values(random, batch * layer.OutputLength);

        var expected = new double[batch * layer.OutputLength];
        var actual = new double[expected.Length];
        GenericPool.Forward<double>(layer, input, expected);
        layer.ForwardDouble(input, actual);
        AssertClose(expected, actual, 1e-12);

        var expectedGradient = new double[input.Length];
        var actualGradient = Enumerable.Repeat(double.NaN, input.Length).ToArray(); // overwritten, never accumulated
        GenericPool.Backward<double>(layer, outputGradient, input, expectedGradient);
        layer.BackwardDouble(outputGradient, input, actualGradient);
        AssertClose(expectedGradient, actualGradient, 1e-12);
    }

    /// <summary>
    /// Float tolerance. Max pooling selects, so it is exact. Average pooling sums n = f² values and divides: the float
    /// result's error is at most about (n + 1)·u·(Σ|x| / n + |mean|) with u = 2⁻²⁴; the bound below is twice that, against
    /// the generic kernels run in double on the same float inputs. The backward pass adds at most ⌈f/s⌉² shares per input,
    /// bounded the same way.
    /// </summary>
    private static double FloatTolerance(int taps, double scale) => 2.0 * (taps + 1) * Math.Pow(2, -24) * (scale + 1e-30);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_forward_and_backward_match_the_generic_kernels(string name)
    {
        PoolCase layer = Case(name);
        const int batch = 2;
        var random = new Random(StableSeed.Of(name) ^ 0x5eed);
        float[] input = Values(random, batch * layer.InputLength).Select(v => (float)v).ToArray();
        float[] outputGradient = Values(random, batch * layer.OutputLength).Select(v => (float)v).ToArray();
        double[] inputAsDouble = input.Select(v => (double)v).ToArray();

        var expected = new double[batch * layer.OutputLength];
        var actual = new float[expected.Length];
        GenericPool.Forward<double>(layer, inputAsDouble, expected);
        layer.ForwardFloat(input, actual);

        // Every input is a float drawn from (−4, 4); the gradient shares likewise.
        double scale = 4.0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (layer.Kind == PoolKind.Max)
            {
                Assert.Equal((float)expected[i], actual[i]);
            }
            else
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= FloatTolerance(layer.F * layer.F, scale), $"output {i}: {expected[i]} vs {actual[i]}");
            }
        }

        var expectedGradient = new double[input.Length];
        var actualGradient = new float[input.Length];
        actualGradient.AsSpan().Fill(float.NaN);
        GenericPool.Backward<double>(layer, outputGradient.Select(v => (double)v).ToArray(), inputAsDouble, expectedGradient);
        layer.BackwardFloat(outputGradient, input, actualGradient);
        int overlaps = ((layer.F + layer.S - 1) / layer.S) * ((layer.F + layer.S - 1) / layer.S);
        for (int i = 0; i < expectedGradient.Length; i++)
        {
            Assert.True(Math.Abs(expectedGradient[i] - actualGradient[i]) <= FloatTolerance(overlaps, scale) + (layer.Kind == PoolKind.Max ? 0 : FloatTolerance(1, scale)),
                $"input gradient {i}: {expectedGradient[i]} vs {actualGradient[i]}");
        }
    }

    internal static double[] Values(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (random.NextDouble() * 8.0) - 4.0;
        }

        return values;
    }

    internal static void AssertClose(double[] expected, double[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double bound = relative * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
