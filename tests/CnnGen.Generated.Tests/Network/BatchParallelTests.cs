using Digits;

namespace CnnGen.Generated.Tests.Network;

/// <summary>
/// Batch parallelism: a network built with more than one thread splits each batch into contiguous shards and must give
/// what one thread gives, up to the rounding of summing the shards' gradients and losses in another order.
/// </summary>
public class BatchParallelTests
{
    // Double: each weight gradient is a sum over at most 7 examples (then over the filter's positions, unchanged by
    // sharding); regrouping it into per-shard sums changes the result by a few ulps of the largest terms, about 1e-16 of the
    // gradient's scale, so 1e-12 of the largest magnitude leaves room for every layer the error flows through.
    private const double DoubleTolerance = 1e-12;

    // Float: the same regrouping, in float (epsilon 6e-8), through five layers with parameters and activations; 1e-5 of
    // the largest magnitude is about 170 epsilon, and well below any real difference (a wrong 1/m is a factor of 2 or 3).
    private const double FloatTolerance = 1e-5;

    [Theory]
    [InlineData(2, 7)]
    [InlineData(3, 7)] // 7 = 3 + 2 + 2: shards of different sizes
    [InlineData(3, 9)]
    [InlineData(3, 2)] // fewer examples than threads: the last shard is empty
    [InlineData(4, 1)] // one example: three empty shards
    public void Loss_and_gradients_equal_one_thread_in_double(int threads, int batch)
    {
        var single = new DigitsNetDouble(9, seed: 3);
        var sharded = new DigitsNetDouble(9, seed: 3, threads: threads);
        Assert.Equal(1, single.Threads);
        Assert.Equal(threads, sharded.Threads);
        double[] inputs = NetworkTestData.Inputs<double>(batch * 64, 11);
        int[] labels = NetworkTestData.Labels(batch, 10, 12);

        double expected = single.ComputeGradients(inputs, labels);
        double actual = sharded.ComputeGradients(inputs, labels);

        Assert.True(Math.Abs(actual - expected) <= DoubleTolerance * Math.Abs(expected), $"loss {actual} vs {expected}");
        AssertClose(sharded.Probabilities, single.Probabilities, DoubleTolerance);
        AssertClose(sharded.Gradients, single.Gradients, DoubleTolerance);
        AssertClose(sharded.InputGradient, single.InputGradient, DoubleTolerance);
    }

    [Theory]
    [InlineData(2, 8)]
    [InlineData(3, 8)]
    public void Loss_and_gradients_equal_one_thread_in_float(int threads, int batch)
    {
        var single = new DigitsNet(batch, seed: 5);
        var sharded = new DigitsNet(batch, seed: 5, threads: threads);
        float[] inputs = NetworkTestData.Inputs<float>(batch * 64, 21);
        int[] labels = NetworkTestData.Labels(batch, 10, 22);

        float expected = single.ComputeGradients(inputs, labels);
        float actual = sharded.ComputeGradients(inputs, labels);

        Assert.True(Math.Abs(actual - expected) <= FloatTolerance * Math.Abs(expected), $"loss {actual} vs {expected}");
        AssertClose(sharded.Probabilities, single.Probabilities, FloatTolerance);
        AssertClose(sharded.Gradients, single.Gradients, FloatTolerance);
        AssertClose(sharded.InputGradient, single.InputGradient, FloatTolerance);
    }

    [Fact]
    public void Forward_backward_forward_without_labels_and_predict_shard_too()
    {
        const int batch = 7;
        var single = new DigitsNetDouble(batch, seed: 4);
        var sharded = new DigitsNetDouble(batch, seed: 4, threads: 3);
        double[] inputs = NetworkTestData.Inputs<double>(batch * 64, 31);
        int[] labels = NetworkTestData.Labels(batch, 10, 32);

        double expected = single.Forward(inputs, labels);
        double actual = sharded.Forward(inputs, labels);
        Assert.True(Math.Abs(actual - expected) <= DoubleTolerance * Math.Abs(expected));
        single.Backward(labels);
        sharded.Backward(labels);
        AssertClose(sharded.Gradients, single.Gradients, DoubleTolerance);
        AssertClose(sharded.InputGradient, single.InputGradient, DoubleTolerance);

        AssertClose(sharded.Forward(inputs), single.Forward(inputs).ToArray(), DoubleTolerance);
        AssertClose(sharded.Logits, single.Logits, DoubleTolerance);

        // Predict takes more examples than the batch size, in chunks, each of them sharded.
        double[] many = NetworkTestData.Inputs<double>(23 * 64, 33);
        int[] expectedClasses = new int[23];
        int[] actualClasses = new int[23];
        single.Predict(many, expectedClasses);
        sharded.Predict(many, actualClasses);
        Assert.Equal(expectedClasses, actualClasses);
    }

    [Fact]
    public void Training_with_two_threads_is_deterministic_and_tracks_one_thread()
    {
        float[] first = TrainBriefly(threads: 2);
        float[] second = TrainBriefly(threads: 2);
        Assert.True(first.AsSpan().SequenceEqual(second), "two runs with two threads differ");

        // Six Adam steps normalize each update, so rounding differences can grow; they stay far below the step size (0.01).
        float[] single = TrainBriefly(threads: 1);
        double worst = 0;
        for (int i = 0; i < single.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(first[i] - single[i]));
        }

        Assert.True(worst < 1e-3, $"largest parameter difference from one thread: {worst}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(BatchParallel.MaxThreads + 1)]
    public void Bad_thread_counts_throw_naming_the_parameter(int threads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DigitsNet(4, seed: 1, threads: threads));
        Assert.Equal("threads", error.ParamName);
        Assert.Equal(threads, error.ActualValue);
        Assert.Contains(threads < 1 ? "'1'" : $"'{BatchParallel.MaxThreads}'", error.Message, StringComparison.Ordinal);

        var direct = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchParallel(threads));
        Assert.Equal("threads", direct.ParamName);

        // The half-built instance is finalized too, and must not crash the process.
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void A_bad_label_is_refused_on_the_calling_thread_with_the_labels_named()
    {
        var net = new DigitsNet(4, seed: 1, threads: 2);
        float[] inputs = NetworkTestData.Inputs<float>(4 * 64, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => net.ComputeGradients(inputs, [1, 2, 10, 3]));
        Assert.Equal("labels", error.ParamName);
        Assert.Throws<InvalidOperationException>(() => net.Backward([1, 2, 3, 4]));

        net.Forward(inputs, [1, 2, 3, 4]);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => net.Backward([1, -1, 3, 4])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => net.Backward([1, 2, 3])).ParamName);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(2, 3)]
    [InlineData(0, 2)]
    [InlineData(64, 4)]
    [InlineData(1, 1)]
    public void Shards_are_contiguous_balanced_and_empty_only_at_the_end(int count, int shards)
    {
        Assert.Equal(0, BatchParallel.ShardStart(0, count, shards));
        Assert.Equal(count, BatchParallel.ShardStart(shards, count, shards));
        int previousSize = int.MaxValue;
        for (int shard = 0; shard < shards; shard++)
        {
            int size = BatchParallel.ShardStart(shard + 1, count, shards) - BatchParallel.ShardStart(shard, count, shards);
            Assert.InRange(size, count / shards, (count + shards - 1) / shards);
            Assert.True(size <= previousSize, "sizes never grow, so empty shards come last");
            previousSize = size;
        }
    }

    [Fact]
    public void Run_runs_every_shard_once_and_rethrows_the_lowest_shards_exception()
    {
        using var parallel = new BatchParallel(3);
        int[] runs = new int[3];
        int caller = Environment.CurrentManagedThreadId;
        int[] threadIds = new int[3];
        parallel.Run(shard =>
        {
            runs[shard]++;
            threadIds[shard] = Environment.CurrentManagedThreadId;
        });
        Assert.Equal([1, 1, 1], runs);
        Assert.Equal(caller, threadIds[0]);
        Assert.Equal(3, threadIds.Distinct().Count());

        var error = Assert.Throws<InvalidOperationException>(() => parallel.Run(shard =>
        {
            if (shard >= 1)
            {
                throw new InvalidOperationException("shard " + shard);
            }
        }));
        Assert.Equal("shard 1", error.Message);

        // A failed run leaves the instance usable.
        parallel.Run(shard => runs[shard]++);
        Assert.Equal([2, 2, 2], runs);

        parallel.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parallel.Run(_ => { }));
    }

    private static float[] TrainBriefly(int threads)
    {
        const int batch = 8;
        var net = new DigitsNet(batch, seed: 9, threads: threads);
        var optimizer = new Adam<float>(0.01f);
        for (int step = 0; step < 6; step++)
        {
            float[] inputs = NetworkTestData.Inputs<float>(batch * 64, 100 + (ulong)step);
            int[] labels = NetworkTestData.Labels(batch, 10, 200 + (ulong)step);
            net.TrainStep(inputs, labels, optimizer);
        }

        return net.Parameters.ToArray();
    }

    /// <summary>Every |actual − expected| within <paramref name="tolerance"/> of the largest |expected|.</summary>
    internal static void AssertClose<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateChecked(expected[i]);
            scale = Math.Max(scale, Math.Abs(e));
            worst = Math.Max(worst, Math.Abs(double.CreateChecked(actual[i]) - e));
        }

        Assert.True(worst <= tolerance * scale, $"largest difference {worst:E3} against a scale of {scale:E3} (tolerance {tolerance:E0})");
    }
}

/// <summary>Measures allocations process-wide (the shards run on worker threads), so nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement
{
}

/// <summary>
/// A network owns its runner, so its workers' allocations can only be seen process-wide, together with whatever the test
/// runner's own threads allocate meanwhile. That background grows with the time a window takes, so the vector-tier reruns
/// (<c>tests/run-vector-tiers.sh</c>), whose slowest tier is several times slower, leave this class out
/// (<see cref="ProcessWideTrait"/>); it runs in the README's test command.
/// </summary>
[Collection(nameof(AllocationMeasurement))]
[Trait(ProcessWideTrait, "true")]
public class BatchParallelAllocationTests
{
    /// <summary>The trait that marks tests measuring allocations process-wide.</summary>
    public const string ProcessWideTrait = "ProcessWideAllocation";

    [Fact]
    public void TrainStep_and_predict_with_two_threads_allocate_nothing_after_warm_up()
    {
        const int batch = 16;
        var net = new DigitsNet(batch, seed: 2, threads: 2);
        var optimizer = new SgdMomentum<float>(0.01f, 0.9f);
        float[] inputs = NetworkTestData.Inputs<float>(batch * 64, 3);
        int[] labels = NetworkTestData.Labels(batch, 10, 4);
        int[] predictions = new int[batch];
        for (int i = 0; i < 10; i++)
        {
            net.TrainStep(inputs, labels, optimizer);
            net.Predict(inputs, predictions);
        }

        // The least over five windows of 20 steps. One-time work may land in one window: a ManualResetEventSlim creates its
        // lock object (24 bytes) the first time a wait outlasts its spinning. Process-wide, the test runner's own threads
        // allocate meanwhile (tens to hundreds of bytes per window in a full run), so the bound there is less than the
        // smallest object (24 bytes) per step: a step that allocated anything on any thread would exceed it in every window.
        const int steps = 20;
        long leastHere = long.MaxValue;
        long leastProcess = long.MaxValue;
        for (int window = 0; window < 5; window++)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread();
            long process = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < steps; i++)
            {
                net.TrainStep(inputs, labels, optimizer);
                net.Predict(inputs, predictions);
            }

            leastProcess = Math.Min(leastProcess, GC.GetTotalAllocatedBytes(precise: true) - process);
            leastHere = Math.Min(leastHere, GC.GetAllocatedBytesForCurrentThread() - thread);
        }

        Assert.Equal(0, leastHere);
        Assert.True(leastProcess < 24 * steps, $"at least {leastProcess} bytes allocated in every window of {steps} steps");
    }
}
