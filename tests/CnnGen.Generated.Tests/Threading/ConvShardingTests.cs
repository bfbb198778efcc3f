using System.Numerics;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// A convolution's batch-parallel overloads against its single-thread ones. Everything computed per example (the output,
/// dA) must be the same bits; dW and db are sums over the batch that the shards regroup, so they may differ by the
/// rounding of a sum in another order, and no more.
/// </summary>
public class ConvShardingTests
{
    public static TheoryData<string, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (string layer in ShardedLayers.Convs)
        {
            foreach (int batch in new[] { 1, 3, 7, 32 })
            {
                foreach (int threads in new[] { 1, 2, 3, 4 })
                {
                    cases.Add(layer, batch, threads);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_sharded_passes_match_one_thread(string layer, int batch, int threads) => Check<float>(layer, batch, threads);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_sharded_passes_match_one_thread(string layer, int batch, int threads) => Check<double>(layer, batch, threads);

    private static void Check<T>(string layer, int batch, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShardedConvApi<T> api = ShardedLayers.Conv<T>(layer);
        T[] input = ShardedLayers.Values<T>(batch * api.InputLength, 1);
        T[] weights = ShardedLayers.Values<T>(api.WeightsLength, 2);
        T[] bias = ShardedLayers.Values<T>(api.BiasLength, 3);
        T[] outputGradient = ShardedLayers.Values<T>(batch * api.OutputLength, 4);
        using var parallel = new BatchParallel(threads);

        T[] expectedOutput = ShardedLayers.NaNs<T>(batch * api.OutputLength);
        T[] output = ShardedLayers.NaNs<T>(batch * api.OutputLength);
        api.Forward(input, weights, bias, expectedOutput);
        api.ForwardSharded(input, weights, bias, output, parallel);
        ShardedLayers.AssertBitIdentical("output", expectedOutput, output);

        var expected = new Gradients<T>(api, batch);
        var sharded = new Gradients<T>(api, batch);
        api.Backward(outputGradient, input, weights, expected.Input, expected.Weights, expected.Bias);
        api.BackwardSharded(outputGradient, input, weights, sharded.Input, sharded.Weights, sharded.Bias, parallel);
        ShardedLayers.AssertBitIdentical("dA", expected.Input, sharded.Input);
        if (threads == 1 || batch == 1)
        {
            // One shard: the very call the single-thread overload makes.
            ShardedLayers.AssertBitIdentical("dW", expected.Weights, sharded.Weights);
            ShardedLayers.AssertBitIdentical("db", expected.Bias, sharded.Bias);
        }
        else
        {
            (double[] weightsMagnitude, double[] biasMagnitude) = Magnitudes(layer, batch, input, outputGradient);
            int terms = batch * api.OutputPixels;
            AssertWithinSummationBound("dW", expected.Weights, sharded.Weights, weightsMagnitude, terms);
            AssertWithinSummationBound("db", expected.Bias, sharded.Bias, biasMagnitude, terms);
        }

        // The shards' sums are added in a fixed order: the same thread count gives the same bits on every run.
        var again = new Gradients<T>(api, batch);
        api.BackwardSharded(outputGradient, input, weights, again.Input, again.Weights, again.Bias, parallel);
        ShardedLayers.AssertBitIdentical("dW on a second run", sharded.Weights, again.Weights);
        ShardedLayers.AssertBitIdentical("db on a second run", sharded.Bias, again.Bias);
    }

    /// <summary>
    /// Σ|terms| of every dW and db value: the layer's own double backward run on |dZ| and |A| (every term then positive).
    /// </summary>
    private static (double[] Weights, double[] Bias) Magnitudes<T>(string layer, int batch, T[] input, T[] outputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShardedConvApi<double> api = ShardedLayers.Conv<double>(layer);
        double[] absoluteInput = input.Select(v => Math.Abs(double.CreateChecked(v))).ToArray();
        double[] absoluteGradient = outputGradient.Select(v => Math.Abs(double.CreateChecked(v))).ToArray();
        var magnitudes = new Gradients<double>(api, batch);
        api.Backward(absoluteGradient, absoluteInput, new double[api.WeightsLength], magnitudes.Input, magnitudes.Weights, magnitudes.Bias);
        return (magnitudes.Weights, magnitudes.Bias);
    }

    /// <summary>
    /// Each value of a sum of <paramref name="terms"/> products (or plain terms), in any order, with or without fused
    /// multiply-add, is within γ_n·Σ|terms| of the exact sum, γ_n = n·u / (1 − n·u) with n = terms + 1 and u the unit
    /// roundoff of <typeparamref name="T"/>. Both results obey it, so they differ by at most twice that. The magnitude
    /// itself is a double sum of positive terms, good to far better than the 1e-9 allowed for it.
    /// </summary>
    private static void AssertWithinSummationBound<T>(string what, T[] expected, T[] actual, double[] magnitude, int terms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double unitRoundoff = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
        double nu = (terms + 1) * unitRoundoff;
        double gamma = nu / (1 - nu);
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(double.CreateChecked(actual[i]) - double.CreateChecked(expected[i]));
            double allowed = 2 * gamma * magnitude[i] * (1 + 1e-9);
            if (!(difference <= allowed))
            {
                Assert.Fail($"{what}[{i}]: one thread {expected[i]:R}, sharded {actual[i]:R}: {difference:E3} apart, more than {allowed:E3} ({terms} terms).");
            }
        }
    }

    /// <summary>A backward pass's three outputs, prefilled with NaN so a value left unwritten fails.</summary>
    private sealed class Gradients<T>(ShardedConvApi<T> api, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[] Input { get; } = ShardedLayers.NaNs<T>(batch * api.InputLength);

        public T[] Weights { get; } = ShardedLayers.NaNs<T>(api.WeightsLength);

        public T[] Bias { get; } = ShardedLayers.NaNs<T>(api.BiasLength);
    }
}
