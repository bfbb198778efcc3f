using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// Once a runner holds its scratch, a batch-parallel layer call allocates nothing, on the calling thread or on the
/// runner's workers. Runs in the collection that runs alone, so no other test's work shares the runner's cores.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
public class ShardedAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sharded_layer_calls_allocate_nothing_after_the_first(int threads)
    {
        const int batch = 8;
        using var parallel = new BatchParallel(threads);
        float[] convInput = ShardedLayers.Values<float>(batch * ShardedNotebookConv.InputLength, 1);
        float[] convWeights = ShardedLayers.Values<float>(ShardedNotebookConv.WeightsLength, 2);
        float[] convBias = ShardedLayers.Values<float>(ShardedNotebookConv.BiasLength, 3);
        float[] convOutput = new float[batch * ShardedNotebookConv.OutputLength];
        float[] convInputGradient = new float[convInput.Length];
        float[] convWeightsGradient = new float[convWeights.Length];
        float[] convBiasGradient = new float[convBias.Length];
        double[] wideInput = ShardedLayers.Values<double>(batch * ShardedWideConv.InputLength, 4);
        double[] wideWeights = ShardedLayers.Values<double>(ShardedWideConv.WeightsLength, 5);
        double[] wideBias = ShardedLayers.Values<double>(ShardedWideConv.BiasLength, 6);
        double[] wideOutput = new double[batch * ShardedWideConv.OutputLength];
        double[] wideInputGradient = new double[wideInput.Length];
        double[] wideWeightsGradient = new double[wideWeights.Length];
        double[] wideBiasGradient = new double[wideBias.Length];
        double[] poolInput = ShardedLayers.Values<double>(batch * ShardedMaxPool.InputLength, 7);
        double[] poolOutput = new double[batch * ShardedMaxPool.OutputLength];
        double[] poolInputGradient = new double[poolInput.Length];
        float[] padInput = ShardedLayers.Values<float>(batch * ShardedZeroPad.InputLength, 8);
        float[] padOutput = new float[batch * ShardedZeroPad.OutputLength];
        float[] padInputGradient = new float[padInput.Length];

        // Every kind of call, both element types: each kind keeps its own scratch in the runner.
        void Step()
        {
            ShardedNotebookConv.Forward(convInput, convWeights, convBias, convOutput, parallel);
            ShardedNotebookConv.Backward(convOutput, convInput, convWeights, convInputGradient, convWeightsGradient, convBiasGradient, parallel);
            ShardedWideConv.Forward(wideInput, wideWeights, wideBias, wideOutput, parallel);
            ShardedWideConv.Backward(wideOutput, wideInput, wideWeights, wideInputGradient, wideWeightsGradient, wideBiasGradient, parallel);
            ShardedMaxPool.Forward(poolInput, poolOutput, parallel);
            ShardedMaxPool.Backward(poolOutput, poolInput, poolInputGradient, parallel);
            ShardedZeroPad.Forward(padInput, padOutput, parallel);
            ShardedZeroPad.Backward(padOutput, padInputGradient, parallel);
        }

        for (int i = 0; i < 5; i++)
        {
            Step();
        }

        // Each thread's own allocation counter, read on that thread: the calling thread directly, every worker through a
        // run of the runner itself (shard k always runs on the same worker), so nothing another thread of the process
        // allocates meanwhile (the test runner's) is counted. The least over five windows, because one-time work (a wait's
        // lock object, created the first time a wait outlasts its spinning) may land in one.
        long[] counters = new long[threads];
        Action<int> readCounter = shard => counters[shard] = GC.GetAllocatedBytesForCurrentThread();
        parallel.Run(readCounter);

        const int steps = 20;
        long[] least = new long[threads];
        Array.Fill(least, long.MaxValue);
        long[] before = new long[threads];
        for (int window = 0; window < 5; window++)
        {
            parallel.Run(readCounter);
            counters.CopyTo(before, 0);
            for (int i = 0; i < steps; i++)
            {
                Step();
            }

            parallel.Run(readCounter);
            for (int shard = 0; shard < threads; shard++)
            {
                least[shard] = Math.Min(least[shard], counters[shard] - before[shard]);
            }
        }

        for (int shard = 0; shard < threads; shard++)
        {
            Assert.True(least[shard] == 0, $"the thread of shard {shard} allocated at least {least[shard]} bytes in every window of {steps} steps");
        }
    }
}
