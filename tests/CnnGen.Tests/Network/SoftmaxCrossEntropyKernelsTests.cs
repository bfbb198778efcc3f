using CsCheck;

namespace CnnGen.Tests.Network;

public class SoftmaxCrossEntropyKernelsTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 10)]
    [InlineData(3, 17)]
    public void Backward_matches_finite_differences_of_the_mean_loss(int batch, int classes)
    {
        var random = new DeterministicRandom((ulong)(batch * 100 + classes));
        double[] z = GradientCheck.Random(batch * classes, random, -3, 3);
        int[] labels = Enumerable.Range(0, batch).Select(_ => random.NextInt32(classes)).ToArray();
        var p = new double[z.Length];
        double Loss() => SoftmaxCrossEntropyKernels.Forward<double>(classes, z, labels, p);

        double[] numeric = GradientCheck.Numeric(z, Loss);
        Loss();
        var analytic = new double[z.Length];
        SoftmaxCrossEntropyKernels.Backward<double>(classes, p, labels, analytic);
        GradientCheck.AssertClose(analytic, numeric, "dZ");
    }

    [Fact]
    public void Forward_matches_the_textbook_formula()
    {
        double[] z = [1, 2, 3, 0, 0, 0];
        int[] labels = [2, 1];
        var p = new double[6];
        double loss = SoftmaxCrossEntropyKernels.Forward<double>(3, z, labels, p);
        double s = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / s, p[0], 15);
        Assert.Equal(Math.Exp(3) / s, p[2], 15);
        Assert.Equal(1.0 / 3, p[4], 15);
        double expected = (-Math.Log(Math.Exp(3) / s) + Math.Log(3)) / 2;
        Assert.Equal(expected, loss, 14);
    }

    [Fact]
    public void Huge_logits_stay_finite_and_exact()
    {
        double[] z = [1e4, 0, -1e4, 1e4, 1e4 - 1, -1e4];
        int[] labels = [0, 2];
        var p = new double[6];
        double loss = SoftmaxCrossEntropyKernels.Forward<double>(3, z, labels, p);
        Assert.All(p, v => Assert.True(double.IsFinite(v) && v >= 0 && v <= 1));
        Assert.Equal(1.0, p[0]);
        Assert.Equal(0.0, p[2]);
        double a = 1 / (1 + Math.Exp(-1));
        Assert.Equal(a, p[3], 15);
        Assert.Equal(1 - a, p[4], 15);

        // Example 0 is certain (loss 0); example 1's label has logit 2e4 + log(1 + e^-1) below the log-sum-exp.
        double expected = (0 + 2e4 + Math.Log(1 + Math.Exp(-1))) / 2;
        Assert.Equal(expected, loss, 9);

        var pf = new float[6];
        float lossF = SoftmaxCrossEntropyKernels.Forward<float>(3, Array.ConvertAll(z, v => (float)v), labels, pf);
        Assert.True(float.IsFinite(lossF));
        Assert.All(pf, v => Assert.True(float.IsFinite(v)));
        Assert.Equal((float)expected, lossF, 1f);
    }

    [Fact]
    public void Equal_logits_give_uniform_probabilities_and_log_classes_loss()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Double[-1e4, 1e4]).Sample(t =>
        {
            (int classes, double value) = t;
            double[] z = Enumerable.Repeat(value, classes).ToArray();
            var p = new double[classes];
            double loss = SoftmaxCrossEntropyKernels.Forward<double>(classes, z, [classes - 1], p);
            Assert.All(p, v => Assert.Equal(1.0 / classes, v, 15));
            Assert.Equal(Math.Log(classes), loss, 12);
        });
    }

    [Fact]
    public void Probabilities_sum_to_one_and_gradient_rows_sum_to_zero()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 35], Gen.ULong).Sample(t =>
        {
            (int batch, int classes, ulong seed) = t;
            var random = new DeterministicRandom(seed);
            float[] z = Array.ConvertAll(GradientCheck.Random(batch * classes, random, -50, 50), v => (float)v);
            int[] labels = Enumerable.Range(0, batch).Select(_ => random.NextInt32(classes)).ToArray();
            var p = new float[z.Length];
            float loss = SoftmaxCrossEntropyKernels.Forward<float>(classes, z, labels, p);
            Assert.True(loss >= 0 && float.IsFinite(loss));
            var dz = new float[z.Length];
            SoftmaxCrossEntropyKernels.Backward<float>(classes, p, labels, dz);
            for (int n = 0; n < batch; n++)
            {
                Assert.Equal(1f, p.AsSpan(n * classes, classes).ToArray().Sum(), 4);
                Assert.Equal(0f, dz.AsSpan(n * classes, classes).ToArray().Sum(), 5);
            }
        });
    }

    [Fact]
    public void Probabilities_and_gradient_may_reuse_the_logits_buffer()
    {
        double[] z = [0.5, -1, 2, 3, 3, -7];
        int[] labels = [1, 0];
        var p = new double[6];
        double loss = SoftmaxCrossEntropyKernels.Forward<double>(3, z, labels, p);
        var dz = new double[6];
        SoftmaxCrossEntropyKernels.Backward<double>(3, p, labels, dz);

        double[] buffer = (double[])z.Clone();
        Assert.Equal(loss, SoftmaxCrossEntropyKernels.Forward<double>(3, buffer, labels, buffer));
        Assert.Equal(p, buffer);
        SoftmaxCrossEntropyKernels.Backward<double>(3, buffer, labels, buffer);
        Assert.Equal(dz, buffer);
    }

    [Fact]
    public void Softmax_and_ArgMax_serve_inference()
    {
        double[] z = [0.1, 3, -2, 5, 5, 1];
        var p = new double[6];
        SoftmaxCrossEntropyKernels.Softmax<double>(3, z, p);
        var expected = new double[6];
        SoftmaxCrossEntropyKernels.Forward<double>(3, z, [0, 0], expected);
        Assert.Equal(expected, p);
        var predictions = new int[2];
        SoftmaxCrossEntropyKernels.ArgMax<double>(3, p, predictions);
        Assert.Equal([1, 0], predictions);
    }

    [Theory]
    [InlineData(new[] { 1.0, 3.0, 2.0 }, 1)]
    [InlineData(new[] { 2.0, 5.0, 5.0 }, 1)] // a tie: the first
    [InlineData(new[] { 1.0, double.NaN, 2.0 }, 1)] // a NaN: the first NaN
    [InlineData(new[] { 9.0, 1.0, double.NaN }, 2)]
    [InlineData(new[] { double.NaN, double.NaN, 1.0 }, 0)]
    [InlineData(new[] { double.PositiveInfinity, double.NaN, 1.0 }, 1)]
    [InlineData(new[] { 1.0, double.PositiveInfinity, double.PositiveInfinity }, 1)]
    [InlineData(new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity }, 0)]
    [InlineData(new[] { -0.0, 0.0, -1.0 }, 0)] // −0 and +0 are equal: a tie
    [InlineData(new[] { -1.0, -0.0, 0.0 }, 1)]
    public void ArgMax_picks_the_largest_the_first_on_ties_and_the_first_NaN_of_a_row_with_NaN(double[] row, int expected)
    {
        var doubles = new int[2];
        SoftmaxCrossEntropyKernels.ArgMax<double>(row.Length, [.. row, .. row], doubles);
        Assert.Equal([expected, expected], doubles);

        var floats = new int[1];
        SoftmaxCrossEntropyKernels.ArgMax<float>(row.Length, row.Select(v => (float)v).ToArray(), floats);
        Assert.Equal(expected, floats[0]);
    }

    [Fact]
    public void ArgMax_on_logits_and_on_their_probabilities_agree_on_signed_zeros()
    {
        double[] logits = [-0.0, 0.0];
        var probabilities = new double[2];
        SoftmaxCrossEntropyKernels.Softmax<double>(2, logits, probabilities);
        var fromLogits = new int[1];
        var fromProbabilities = new int[1];
        SoftmaxCrossEntropyKernels.ArgMax<double>(2, logits, fromLogits);
        SoftmaxCrossEntropyKernels.ArgMax<double>(2, probabilities, fromProbabilities);
        Assert.Equal(fromProbabilities, fromLogits);
    }

    [Fact]
    public void Labels_out_of_range_are_refused_before_anything_is_written()
    {
        double[] z = [1, 2, 3, 4];
        double[] p = [9, 9, 9, 9];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropyKernels.Forward<double>(2, z, [1, 2], p));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("example 1 is 2", e.Message, StringComparison.Ordinal);
        Assert.Equal([9, 9, 9, 9], p);

        e = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropyKernels.Backward<double>(2, z, [-1, 0], p));
        Assert.Equal("labels", e.ParamName);
        Assert.Equal([9, 9, 9, 9], p);
    }

    [Fact]
    public void Wrong_lengths_are_refused_naming_the_parameter()
    {
        void Refused(string name, Action call) => Assert.Equal(name, Assert.Throws<ArgumentException>(call).ParamName);
        Refused("logits", () => SoftmaxCrossEntropyKernels.Forward<double>(3, new double[7], new int[2], new double[6]));
        Refused("labels", () => SoftmaxCrossEntropyKernels.Forward<double>(3, new double[6], new int[3], new double[6]));
        Refused("probabilities", () => SoftmaxCrossEntropyKernels.Forward<double>(3, new double[6], new int[2], new double[5]));
        Refused("probabilities", () => SoftmaxCrossEntropyKernels.Backward<double>(3, new double[5], new int[2], new double[6]));
        Refused("labels", () => SoftmaxCrossEntropyKernels.Backward<double>(3, new double[6], new int[1], new double[6]));
        Refused("logitsGradient", () => SoftmaxCrossEntropyKernels.Backward<double>(3, new double[6], new int[2], new double[3]));
        Refused("predictions", () => SoftmaxCrossEntropyKernels.ArgMax<double>(3, new double[6], new int[3]));
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropyKernels.Forward<double>(0, [], [], [])).ParamName);
    }

    [Fact]
    public void Empty_batch_has_zero_loss_and_writes_nothing()
    {
        Assert.Equal(0.0, SoftmaxCrossEntropyKernels.Forward<double>(10, [], [], []));
        SoftmaxCrossEntropyKernels.Backward<double>(10, [], [], []);
    }
}
