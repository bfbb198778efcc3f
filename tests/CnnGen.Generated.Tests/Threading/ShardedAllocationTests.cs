using CnnGen.Generated.Tests.Network;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// Once a runner holds its scratch, a batch-parallel layer call allocates nothing, on the calling thread or any other.
/// Measured process-wide, so it shares the collection that runs alone.
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

        // As for the networks' steps: the least over five windows, because one-time work (a wait's lock object) may land in
        // one, and process-wide the test runner's own threads allocate a little meanwhile; a step that allocated anything
        // would exceed less than the smallest object (24 bytes) per step in every window.
        const int steps = 20;
        long leastHere = long.MaxValue;
        long leastProcess = long.MaxValue;
        for (int window = 0; window < 5; window++)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread();
            long process = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < steps; i++)
            {
                Step();
            }

            leastProcess = Math.Min(leastProcess, GC.GetTotalAllocatedBytes(precise: true) - process);
            leastHere = Math.Min(leastHere, GC.GetAllocatedBytesForCurrentThread() - thread);
        }

        Assert.Equal(0, leastHere);
        Assert.True(leastProcess < 24 * steps, $"at least {leastProcess} bytes allocated in every window of {steps} steps");
    }
}
