using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// What <see cref="BatchShards"/> does when a shard's kernel throws (no generated kernel does, so a test kernel stands in)
/// and when its own length checks fail: it is public, and the kernels it runs index without bounds checks.
/// </summary>
public class ShardExceptionTests
{
    private const int ExampleLength = 4;

    [Fact]
    public void A_shard_that_throws_on_a_worker_fails_the_call_and_leaves_the_runner_usable()
    {
        const int batch = 7; // shards of 3, 2 and 2 examples: the last example is on the third thread
        using var parallel = new BatchParallel(3);
        float[] input = ShardedLayers.Values<float>(batch * ExampleLength, 14);
        float[] output = new float[input.Length];
        input[(batch - 1) * ExampleLength] = float.NaN;

        var error = Assert.Throws<InvalidOperationException>(() => BatchShards.Run<float>(parallel, CopyRefusingNaN, input, ExampleLength, output, ExampleLength, batch));
        Assert.Equal($"NaN in a shard of 2 examples on thread {WorkerNamePrefix}2.", error.Message);

        input[(batch - 1) * ExampleLength] = 1;
        BatchShards.Run<float>(parallel, CopyRefusingNaN, input, ExampleLength, output, ExampleLength, batch);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Its_own_length_checks_name_the_span()
    {
        using var parallel = new BatchParallel(2);
        float[] input = new float[3 * ExampleLength];
        var error = Assert.Throws<ArgumentException>(() =>
            BatchShards.Run<float>(parallel, CopyRefusingNaN, input, ExampleLength, new float[input.Length - 1], ExampleLength, 3));
        Assert.Equal("output", error.ParamName);
        Assert.Throws<ArgumentNullException>(() => BatchShards.Run<float>(parallel, null!, input, ExampleLength, new float[input.Length], ExampleLength, 3));
    }

    private const string WorkerNamePrefix = "CnnGen batch shard ";

    /// <summary>Copies each example, or throws naming the thread (a worker's name, or "caller") when one holds NaN.</summary>
    private static void CopyRefusingNaN(ref float input, ref float output, int batch)
    {
        ReadOnlySpan<float> from = MemoryMarshal.CreateReadOnlySpan(ref input, batch * ExampleLength);
        if (from.ContainsAnyExceptInRange(float.NegativeInfinity, float.PositiveInfinity))
        {
            throw new InvalidOperationException($"NaN in a shard of {batch} examples on thread {Thread.CurrentThread.Name ?? "caller"}.");
        }

        from.CopyTo(MemoryMarshal.CreateSpan(ref output, batch * ExampleLength));
    }
}
