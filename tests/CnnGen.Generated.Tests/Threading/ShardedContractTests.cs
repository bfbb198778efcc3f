using System.Numerics;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>The batch-parallel overloads keep the single-thread contract and add the runner's own.</summary>
public class ShardedContractTests
{
    private const int Batch = 3;

    public static TheoryData<string, Action<BatchParallel>> Calls() => new()
    {
        { "conv forward, float", p => ShardedNotebookConv.Forward(new float[Batch * ShardedNotebookConv.InputLength], new float[ShardedNotebookConv.WeightsLength], new float[ShardedNotebookConv.BiasLength], new float[Batch * ShardedNotebookConv.OutputLength], p) },
        { "conv backward, double", p => ShardedNotebookConv.Backward(new double[Batch * ShardedNotebookConv.OutputLength], new double[Batch * ShardedNotebookConv.InputLength], new double[ShardedNotebookConv.WeightsLength], new double[Batch * ShardedNotebookConv.InputLength], new double[ShardedNotebookConv.WeightsLength], new double[ShardedNotebookConv.BiasLength], p) },
        { "max pool forward, double", p => ShardedMaxPool.Forward(new double[Batch * ShardedMaxPool.InputLength], new double[Batch * ShardedMaxPool.OutputLength], p) },
        { "average pool backward, float", p => ShardedAvgPool.Backward(new float[Batch * ShardedAvgPool.OutputLength], new float[Batch * ShardedAvgPool.InputLength], new float[Batch * ShardedAvgPool.InputLength], p) },
        { "zero pad forward, float", p => ShardedZeroPad.Forward(new float[Batch * ShardedZeroPad.InputLength], new float[Batch * ShardedZeroPad.OutputLength], p) },
        { "zero pad backward, double", p => ShardedZeroPad.Backward(new double[Batch * ShardedZeroPad.OutputLength], new double[Batch * ShardedZeroPad.InputLength], p) },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_null_runner_throws_naming_it(string call, Action<BatchParallel> run)
    {
        var error = Assert.Throws<ArgumentNullException>(() => run(null!));
        Assert.True(error.ParamName == "parallel", $"{call}: {error.ParamName}");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_disposed_runner_throws_whatever_its_thread_count(string call, Action<BatchParallel> run)
    {
        foreach (int threads in new[] { 1, 2 })
        {
            var parallel = new BatchParallel(threads);
            run(parallel);
            parallel.Dispose();
            var error = Assert.Throws<ObjectDisposedException>(() => run(parallel));
            Assert.True(error.ObjectName == typeof(BatchParallel).FullName, $"{call}: {error.ObjectName}");
        }
    }

    [Theory]
    [InlineData("outputGradient")]
    [InlineData("input")]
    [InlineData("weights")]
    [InlineData("inputGradient")]
    [InlineData("weightsGradient")]
    [InlineData("biasGradient")]
    public void Conv_backward_refuses_a_wrong_length_naming_the_span(string wrong)
    {
        int Length(string name, int length) => name == wrong ? length + 1 : length;
        var outputGradient = new float[Length("outputGradient", Batch * ShardedNotebookConv.OutputLength)];
        var input = new float[Length("input", Batch * ShardedNotebookConv.InputLength)];
        var weights = new float[Length("weights", ShardedNotebookConv.WeightsLength)];
        var inputGradient = new float[Length("inputGradient", Batch * ShardedNotebookConv.InputLength)];
        var weightsGradient = new float[Length("weightsGradient", ShardedNotebookConv.WeightsLength)];
        var biasGradient = new float[Length("biasGradient", ShardedNotebookConv.BiasLength)];
        using var parallel = new BatchParallel(2);

        var error = Assert.Throws<ArgumentException>(() =>
            ShardedNotebookConv.Backward(outputGradient, input, weights, inputGradient, weightsGradient, biasGradient, parallel));
        Assert.Equal(wrong, error.ParamName);
        Assert.StartsWith("Expected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("output")]
    public void Pool_and_pad_refuse_a_wrong_length_naming_the_span(string wrong)
    {
        int Length(string name, int length) => name == wrong ? length + 1 : length;
        using var parallel = new BatchParallel(2);
        var input = new double[Length("input", Batch * ShardedMaxPool.InputLength)];
        var output = new double[Length("output", Batch * ShardedMaxPool.OutputLength)];
        Assert.Equal(wrong, Assert.Throws<ArgumentException>(() => ShardedMaxPool.Forward(input, output, parallel)).ParamName);

        var padded = new double[Length("output", Batch * ShardedZeroPad.OutputLength)];
        var unpadded = new double[Length("input", Batch * ShardedZeroPad.InputLength)];
        Assert.Equal(wrong, Assert.Throws<ArgumentException>(() => ShardedZeroPad.Forward(unpadded, padded, parallel)).ParamName);
    }

    [Fact]
    public void An_output_overlapping_an_input_is_refused_naming_the_output()
    {
        using var parallel = new BatchParallel(2);
        var buffer = new float[Batch * (ShardedMaxPool.InputLength + ShardedMaxPool.OutputLength)];
        var error = Assert.Throws<ArgumentException>(() =>
            ShardedMaxPool.Forward(buffer.AsSpan(0, Batch * ShardedMaxPool.InputLength), buffer.AsSpan(1, Batch * ShardedMaxPool.OutputLength), parallel));
        Assert.Equal("output", error.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void An_empty_batch_zeroes_dW_and_db_as_one_thread_does_and_touches_nothing_else(int threads)
    {
        using var parallel = new BatchParallel(threads);
        double[] weights = ShardedLayers.Values<double>(ShardedWideConv.WeightsLength, 9);
        double[] bias = ShardedLayers.Values<double>(ShardedWideConv.BiasLength, 10);
        double[] weightsGradient = ShardedLayers.NaNs<double>(ShardedWideConv.WeightsLength);
        double[] biasGradient = ShardedLayers.NaNs<double>(ShardedWideConv.BiasLength);
        double[] none = [];

        ShardedWideConv.Forward(none, weights, bias, none, parallel);
        ShardedWideConv.Backward(none, none, weights, none, weightsGradient, biasGradient, parallel);
        Assert.All(weightsGradient, value => Assert.Equal(0.0, value));
        Assert.All(biasGradient, value => Assert.Equal(0.0, value));

        ShardedMaxPool.Forward(none, none, parallel);
        ShardedAvgPool.Backward(none, none, none, parallel);
        ShardedZeroPad.Forward(none, none, parallel);
        ShardedZeroPad.Backward(none, none, parallel);
    }

    [Fact]
    public void One_runner_serves_several_layers_both_element_types_and_growing_batches_without_changing_a_bit()
    {
        using var shared = new BatchParallel(3);
        (string Layer, int Batch, bool Double)[] calls =
        [
            (nameof(ShardedNotebookConv), 2, false),
            (nameof(ShardedWideConv), 7, true),
            (nameof(ShardedNotebookConv), 32, false),
            (nameof(ShardedWideConv), 2, false),
            (nameof(ShardedStridedConv), 5, true),
            (nameof(ShardedWideConv), 32, true),
        ];
        foreach ((string layer, int batch, bool isDouble) in calls)
        {
            if (isDouble)
            {
                CompareWithFreshRunner<double>(layer, batch, shared);
            }
            else
            {
                CompareWithFreshRunner<float>(layer, batch, shared);
            }
        }
    }

    /// <summary>A runner's scratch history (other layers, other types, smaller batches) must not show in the result.</summary>
    private static void CompareWithFreshRunner<T>(string layer, int batch, BatchParallel shared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var fresh = new BatchParallel(shared.Threads);
        var (sharedInput, sharedWeights, sharedBias) = Backward<T>(layer, batch, shared);
        var (freshInput, freshWeights, freshBias) = Backward<T>(layer, batch, fresh);
        ShardedLayers.AssertBitIdentical($"{layer} dA", freshInput, sharedInput);
        ShardedLayers.AssertBitIdentical($"{layer} dW", freshWeights, sharedWeights);
        ShardedLayers.AssertBitIdentical($"{layer} db", freshBias, sharedBias);
    }

    private static (T[] Input, T[] Weights, T[] Bias) Backward<T>(string layer, int batch, BatchParallel parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShardedConvApi<T> api = ShardedLayers.Conv<T>(layer);
        T[] inputGradient = ShardedLayers.NaNs<T>(batch * api.InputLength);
        T[] weightsGradient = ShardedLayers.NaNs<T>(api.WeightsLength);
        T[] biasGradient = ShardedLayers.NaNs<T>(api.BiasLength);
        api.BackwardSharded(
            ShardedLayers.Values<T>(batch * api.OutputLength, 11),
            ShardedLayers.Values<T>(batch * api.InputLength, 12),
            ShardedLayers.Values<T>(api.WeightsLength, 13),
            inputGradient,
            weightsGradient,
            biasGradient,
            parallel);
        return (inputGradient, weightsGradient, biasGradient);
    }
}
