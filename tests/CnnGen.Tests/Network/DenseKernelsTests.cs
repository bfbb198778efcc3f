using CsCheck;

namespace CnnGen.Tests.Network;

public class DenseKernelsTests
{
    [Fact]
    public void Forward_computes_x_times_W_plus_b_with_row_major_weights()
    {
        var g = new DenseGeometry(inputLength: 2, units: 3);

        // W[i, j] at i·3 + j: W = [[1, 2, 3], [4, 5, 6]].
        double[] w = [1, 2, 3, 4, 5, 6];
        double[] b = [0.5, -0.5, 1];
        double[] x = [1, 10, -1, 0];
        var y = new double[6];
        DenseKernels.Forward<double>(g, x, w, b, y);
        Assert.Equal([41.5, 51.5, 64, -0.5, -2.5, -2], y);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 4)]
    [InlineData(7, 13, 10)]
    [InlineData(2, 17, 33)]
    public void Backward_matches_finite_differences(int batch, int inputLength, int units)
    {
        var g = new DenseGeometry(inputLength, units);
        var random = new DeterministicRandom((ulong)(batch * 1000 + inputLength * 10 + units));
        double[] x = GradientCheck.Random(batch * inputLength, random);
        double[] w = GradientCheck.Random(g.WeightCount, random);
        double[] b = GradientCheck.Random(units, random);
        double[] r = GradientCheck.Random(batch * units, random);
        var y = new double[batch * units];
        double Loss()
        {
            DenseKernels.Forward<double>(g, x, w, b, y);
            return GradientCheck.WeightedSum(y, r);
        }

        double[] dxNumeric = GradientCheck.Numeric(x, Loss);
        double[] dwNumeric = GradientCheck.Numeric(w, Loss);
        double[] dbNumeric = GradientCheck.Numeric(b, Loss);

        var dx = new double[x.Length];
        var dw = new double[w.Length];
        var db = new double[b.Length];
        DenseKernels.Backward<double>(g, r, x, w, dx, dw, db);
        GradientCheck.AssertClose(dx, dxNumeric, "dX");
        GradientCheck.AssertClose(dw, dwNumeric, "dW");
        GradientCheck.AssertClose(db, dbNumeric, "db");
    }

    [Fact]
    public void Kernels_match_a_naive_reference_for_random_shapes_in_float_and_double()
    {
        // Shapes cross the 4-row register blocks and every SIMD width's tail.
        Gen.Select(Gen.Int[0, 9], Gen.Int[1, 40], Gen.Int[1, 40], Gen.ULong).Sample(t =>
        {
            (int batch, int inputLength, int units, ulong seed) = t;
            CheckAgainstReference<double>(batch, inputLength, units, seed, 1e-12);
            CheckAgainstReference<float>(batch, inputLength, units, seed, 1e-5);
        }, iter: 150);
    }

    private static void CheckAgainstReference<T>(int batch, int inputLength, int units, ulong seed, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var g = new DenseGeometry(inputLength, units);
        var random = new DeterministicRandom(seed);
        T[] Make(int n) => Array.ConvertAll(GradientCheck.Random(n, random), T.CreateChecked);
        T[] x = Make(batch * inputLength), w = Make(g.WeightCount), b = Make(units), dy = Make(batch * units);
        var y = new T[batch * units];
        var dx = new T[batch * inputLength];
        var dw = new T[g.WeightCount];
        var db = new T[units];
        dw.AsSpan().Fill(T.CreateChecked(99));
        DenseKernels.Forward<T>(g, x, w, b, y);
        DenseKernels.Backward<T>(g, dy, x, w, dx, dw, db);

        double D(T v) => double.CreateChecked(v);
        void Close(double expected, T actual, string what) =>
            Assert.True(Math.Abs(expected - D(actual)) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual} ({typeof(T).Name}, m={batch}, in={inputLength}, units={units}).");

        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < units; j++)
            {
                double sum = D(b[j]);
                for (int i = 0; i < inputLength; i++)
                {
                    sum += D(x[n * inputLength + i]) * D(w[i * units + j]);
                }

                Close(sum, y[n * units + j], $"y[{n},{j}]");
            }

            for (int i = 0; i < inputLength; i++)
            {
                double sum = 0;
                for (int j = 0; j < units; j++)
                {
                    sum += D(dy[n * units + j]) * D(w[i * units + j]);
                }

                Close(sum, dx[n * inputLength + i], $"dX[{n},{i}]");
            }
        }

        for (int i = 0; i < inputLength; i++)
        {
            for (int j = 0; j < units; j++)
            {
                double sum = 0;
                for (int n = 0; n < batch; n++)
                {
                    sum += D(x[n * inputLength + i]) * D(dy[n * units + j]);
                }

                Close(sum, dw[i * units + j], $"dW[{i},{j}]");
            }
        }

        for (int j = 0; j < units; j++)
        {
            double sum = 0;
            for (int n = 0; n < batch; n++)
            {
                sum += D(dy[n * units + j]);
            }

            Close(sum, db[j], $"db[{j}]");
        }
    }

    [Fact]
    public void Gradients_are_overwritten_not_accumulated()
    {
        var g = new DenseGeometry(3, 2);
        double[] x = [1, 2, 3], w = [1, 2, 3, 4, 5, 6], dy = [1, -1];
        var dx = new double[] { 7, 7, 7 };
        var dw = new double[] { 7, 7, 7, 7, 7, 7 };
        var db = new double[] { 7, 7 };
        DenseKernels.Backward<double>(g, dy, x, w, dx, dw, db);
        Assert.Equal([-1, -1, -1], dx);
        Assert.Equal([1, -1, 2, -2, 3, -3], dw);
        Assert.Equal([1, -1], db);
    }

    [Fact]
    public void Empty_batch_writes_nothing_but_zeroes_the_parameter_gradients()
    {
        var g = new DenseGeometry(3, 2);
        var dw = new double[] { 7, 7, 7, 7, 7, 7 };
        var db = new double[] { 7, 7 };
        DenseKernels.Forward<double>(g, [], new double[6], new double[2], []);
        DenseKernels.Backward<double>(g, [], [], new double[6], [], dw, db);
        Assert.All(dw, v => Assert.Equal(0.0, v));
        Assert.All(db, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Wrong_lengths_are_refused_naming_the_parameter_with_expected_and_actual()
    {
        var g = new DenseGeometry(3, 2);
        double[] Arr(int n) => new double[n];
        void Refused(string name, Action call) => Assert.Equal(name, Assert.Throws<ArgumentException>(call).ParamName);

        Refused("input", () => DenseKernels.Forward<double>(g, Arr(7), Arr(6), Arr(2), Arr(4)));
        Refused("weights", () => DenseKernels.Forward<double>(g, Arr(6), Arr(5), Arr(2), Arr(4)));
        Refused("bias", () => DenseKernels.Forward<double>(g, Arr(6), Arr(6), Arr(3), Arr(4)));
        var output = Assert.Throws<ArgumentException>(() => DenseKernels.Forward<double>(g, Arr(6), Arr(6), Arr(2), Arr(5)));
        Assert.Equal("output", output.ParamName);
        Assert.Contains("Expected a span of 4 values (2 examples × 2), but it has 5", output.Message, StringComparison.Ordinal);

        Refused("input", () => DenseKernels.Backward<double>(g, Arr(4), Arr(5), Arr(6), Arr(6), Arr(6), Arr(2)));
        Refused("outputGradient", () => DenseKernels.Backward<double>(g, Arr(3), Arr(6), Arr(6), Arr(6), Arr(6), Arr(2)));
        Refused("weights", () => DenseKernels.Backward<double>(g, Arr(4), Arr(6), Arr(7), Arr(6), Arr(6), Arr(2)));
        Refused("inputGradient", () => DenseKernels.Backward<double>(g, Arr(4), Arr(6), Arr(6), Arr(3), Arr(6), Arr(2)));
        Refused("weightGradient", () => DenseKernels.Backward<double>(g, Arr(4), Arr(6), Arr(6), Arr(6), Arr(5), Arr(2)));
        Refused("biasGradient", () => DenseKernels.Backward<double>(g, Arr(4), Arr(6), Arr(6), Arr(6), Arr(6), Arr(1)));
        Refused("geometry", () => DenseKernels.Forward<double>(default, Arr(6), Arr(6), Arr(2), Arr(4)));
    }

    [Fact]
    public void Geometry_describes_the_parameter_layout()
    {
        var g = new DenseGeometry(128, 10);
        Assert.Equal(1280, g.WeightCount);
        Assert.Equal(10, g.BiasCount);
        Assert.Equal(1290, g.ParameterCount);
        Assert.Equal(128, g.FanIn);
        Assert.Equal(10, g.OutputLength);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenseGeometry(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenseGeometry(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DenseGeometry(65536, 65536));
    }
}
