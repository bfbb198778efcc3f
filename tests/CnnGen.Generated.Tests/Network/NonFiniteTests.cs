namespace CnnGen.Generated.Tests.Network;

/// <summary>
/// NaN and infinity in a generated network: Predict follows the generic ArgMax's rule, and TrainStep never applies an
/// update computed from a non-finite loss or gradient.
/// </summary>
public class NonFiniteTests
{
    private const int Batch = 4;
    private const float NaN = float.NaN;
    private const float Inf = float.PositiveInfinity;

    /// <summary>Logit rows (one per line) and the class the documented rule picks for each.</summary>
    public static TheoryData<int, float[], int> Rows => new()
    {
        { 1, [1, NaN, 2, 0.5f, 0.25f, -1, -2, -3, -4, -5], 1 },
        { 1, [3, 1, 2, 2, 2, 2, 2, 2, 2, NaN], 9 },
        { 1, [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN], 0 },
        { 1, [Inf, 5, 4, 3, 2, 1, NaN, 1, 2, 3], 6 },
        { 1, [2, 7, 7, 1, 1, 1, 1, 1, 1, 1], 1 },
        { 1, [-Inf, -Inf, -Inf, -Inf, -Inf, -Inf, -Inf, -Inf, -Inf, -Inf], 0 },
        { 2, [1, NaN, 2, 0.5f, 0.25f, -1, -2, -3, -4, -5], 1 },
        { 2, [1, 2, 3, 4, 5, 6, 7, 8, Inf, NaN], 9 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Predict_and_the_generic_ArgMax_agree_on_NaN_infinities_and_ties(int threads, float[] row, int expected)
    {
        var net = new DigitsNet(Batch, seed: 1, threads);

        // With all-zero inputs every activation before the dense layer is zero, so each logit is its class's dense bias.
        row.CopyTo(net.Parameters.Slice(DigitsNet.Layer8BiasOffset, DigitsNet.Layer8BiasLength));
        float[] inputs = new float[Batch * DigitsNet.InputLength];
        int[] predicted = new int[Batch];
        net.Predict(inputs, predicted);

        ReadOnlySpan<float> logits = net.Logits;
        for (int i = 0; i < logits.Length; i++)
        {
            float want = row[i % DigitsNet.ClassCount];
            Assert.True(float.IsNaN(want) ? float.IsNaN(logits[i]) : logits[i] == want, $"logit {i} is {logits[i]}, expected {want}");
        }

        int[] generic = new int[Batch];
        SoftmaxCrossEntropyKernels.ArgMax(DigitsNet.ClassCount, logits, generic);
        Assert.Equal(generic, predicted);
        Assert.All(predicted, p => Assert.Equal(expected, p));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_returns_a_NaN_loss_as_is_and_skips_the_update(int threads)
    {
        var net = new DigitsNet(Batch, seed: 1, threads);
        var optimizer = new Adam<float>(0.01f);
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 31);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 32);
        Assert.True(float.IsFinite(net.TrainStep(inputs, labels, optimizer)));
        float[] before = net.Parameters.ToArray();

        float[] poisoned = (float[])inputs.Clone();
        poisoned[70] = NaN;
        float loss = net.TrainStep(poisoned, labels, optimizer);

        Assert.True(float.IsNaN(loss), $"loss {loss}");
        Assert.True(net.Parameters.SequenceEqual(before), "the parameters changed");
        Assert.Equal(1, optimizer.StepCount);

        // Training goes on as if the bad batch had never come.
        var twin = new DigitsNet(Batch, seed: 1, threads);
        var twinOptimizer = new Adam<float>(0.01f);
        twin.TrainStep(inputs, labels, twinOptimizer);
        net.TrainStep(inputs, labels, optimizer);
        twin.TrainStep(inputs, labels, twinOptimizer);
        Assert.True(net.Parameters.SequenceEqual(twin.Parameters));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TrainStep_skips_the_update_and_returns_NaN_when_the_loss_is_finite_but_a_gradient_is_not(int threads)
    {
        var net = new DigitsNet(Batch, seed: 1, threads);
        OverflowingWeightGradients(net.Parameters);
        float[] inputs = Enumerable.Repeat(1e36f, Batch * DigitsNet.InputLength).ToArray();
        int[] labels = new int[Batch];

        // The setting's premise: a finite loss whose gradient overflows.
        float loss = net.ComputeGradients(inputs, labels);
        Assert.True(float.IsFinite(loss), $"loss {loss}");
        Assert.Contains(net.Gradients.ToArray(), float.IsInfinity);

        float[] before = net.Parameters.ToArray();
        var optimizer = new Adam<float>(0.01f);
        float result = net.TrainStep(inputs, labels, optimizer);

        Assert.True(float.IsNaN(result), $"TrainStep returned {result}");
        Assert.True(net.Parameters.SequenceEqual(before), "the parameters changed");
        Assert.Equal(0, optimizer.StepCount);
    }

    /// <summary>
    /// Parameters under which inputs of 1e36 give the first convolution outputs near 1e37, the second convolution tiny
    /// weights (so the logits stay finite) and the dense layer weights growing with the class: the second convolution's
    /// weight gradient (those large outputs times a gradient in the hundreds) overflows float while the loss does not.
    /// </summary>
    private static void OverflowingWeightGradients(Span<float> parameters)
    {
        parameters.Clear();
        parameters.Slice(DigitsNet.Layer1WeightsOffset, DigitsNet.Layer1WeightsLength).Fill(1f);
        parameters.Slice(DigitsNet.Layer4WeightsOffset, DigitsNet.Layer4WeightsLength).Fill(1e-40f);
        Span<float> dense = parameters.Slice(DigitsNet.Layer8WeightsOffset, DigitsNet.Layer8WeightsLength);
        for (int i = 0; i < dense.Length; i++)
        {
            dense[i] = 100f * (i % DigitsNet.ClassCount + 1);
        }
    }
}
