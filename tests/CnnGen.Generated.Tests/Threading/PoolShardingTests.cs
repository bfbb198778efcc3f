using System.Numerics;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// Pools and zero padding compute everything per example, so their batch-parallel overloads must give the single-thread
/// overloads' bits exactly, forward and backward.
/// </summary>
public class PoolShardingTests
{
    private static readonly int[] Batches = [1, 3, 7, 32];
    private static readonly int[] ThreadCounts = [1, 2, 3, 4];

    public static TheoryData<string, int, int> PoolCases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (string layer in ShardedLayers.Pools)
        {
            foreach (int batch in Batches)
            {
                foreach (int threads in ThreadCounts)
                {
                    cases.Add(layer, batch, threads);
                }
            }
        }

        return cases;
    }

    public static TheoryData<int, int> PadCases()
    {
        var cases = new TheoryData<int, int>();
        foreach (int batch in Batches)
        {
            foreach (int threads in ThreadCounts)
            {
                cases.Add(batch, threads);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void Float_pool_matches_one_thread_bit_for_bit(string layer, int batch, int threads) => CheckPool(ShardedLayers.Pool<float>(layer), batch, threads);

    [Theory]
    [MemberData(nameof(PoolCases))]
    public void Double_pool_matches_one_thread_bit_for_bit(string layer, int batch, int threads) => CheckPool(ShardedLayers.Pool<double>(layer), batch, threads);

    [Theory]
    [MemberData(nameof(PadCases))]
    public void Float_zero_pad_and_crop_match_one_thread_bit_for_bit(int batch, int threads) =>
        CheckPad<float>(ShardedZeroPad.Forward, ShardedZeroPad.Forward, ShardedZeroPad.Backward, ShardedZeroPad.Backward, batch, threads);

    [Theory]
    [MemberData(nameof(PadCases))]
    public void Double_zero_pad_and_crop_match_one_thread_bit_for_bit(int batch, int threads) =>
        CheckPad<double>(ShardedZeroPad.Forward, ShardedZeroPad.Forward, ShardedZeroPad.Backward, ShardedZeroPad.Backward, batch, threads);

    private static void CheckPool<T>(ShardedPoolApi<T> api, int batch, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = ShardedLayers.Values<T>(batch * api.InputLength, 5);
        T[] outputGradient = ShardedLayers.Values<T>(batch * api.OutputLength, 6);
        using var parallel = new BatchParallel(threads);

        T[] expectedOutput = ShardedLayers.NaNs<T>(batch * api.OutputLength);
        T[] output = ShardedLayers.NaNs<T>(batch * api.OutputLength);
        api.Forward(input, expectedOutput);
        api.ForwardSharded(input, output, parallel);
        ShardedLayers.AssertBitIdentical("output", expectedOutput, output);

        T[] expectedGradient = ShardedLayers.NaNs<T>(batch * api.InputLength);
        T[] inputGradient = ShardedLayers.NaNs<T>(batch * api.InputLength);
        api.Backward(outputGradient, input, expectedGradient);
        api.BackwardSharded(outputGradient, input, inputGradient, parallel);
        ShardedLayers.AssertBitIdentical("dA", expectedGradient, inputGradient);
    }

    private static void CheckPad<T>(SpanMap<T> pad, SpanMapSharded<T> padSharded, SpanMap<T> crop, SpanMapSharded<T> cropSharded, int batch, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] input = ShardedLayers.Values<T>(batch * ShardedZeroPad.InputLength, 7);
        T[] outputGradient = ShardedLayers.Values<T>(batch * ShardedZeroPad.OutputLength, 8);
        using var parallel = new BatchParallel(threads);

        T[] expectedOutput = ShardedLayers.NaNs<T>(batch * ShardedZeroPad.OutputLength);
        T[] output = ShardedLayers.NaNs<T>(batch * ShardedZeroPad.OutputLength);
        pad(input, expectedOutput);
        padSharded(input, output, parallel);
        ShardedLayers.AssertBitIdentical("padded", expectedOutput, output);

        T[] expectedGradient = ShardedLayers.NaNs<T>(batch * ShardedZeroPad.InputLength);
        T[] inputGradient = ShardedLayers.NaNs<T>(batch * ShardedZeroPad.InputLength);
        crop(outputGradient, expectedGradient);
        cropSharded(outputGradient, inputGradient, parallel);
        ShardedLayers.AssertBitIdentical("cropped", expectedGradient, inputGradient);
    }
}
