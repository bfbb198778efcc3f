using System.Runtime.CompilerServices;
using CnnGen.TestSupport;

namespace CnnGen.Tests.Network;

/// <summary>
/// The runner's contract for <see cref="BatchParallel.Dispose"/> and for concurrent use: one call at a time, detected;
/// Dispose waits for a call running on another thread and never leaves one waiting.
/// </summary>
public class BatchParallelTests
{
    [Fact]
    public void A_run_overlapping_another_on_the_same_runner_throws_and_leaves_the_first_intact()
    {
        using var parallel = new BatchParallel(2);
        using var held = new HeldRun(parallel);
        int[] second = new int[2];

        var error = Assert.Throws<InvalidOperationException>(() => parallel.Run(shard => second[shard]++));
        Assert.Contains("one call at a time", error.Message, StringComparison.Ordinal);
        Assert.Equal([0, 0], second);

        held.Release();
        Assert.Null(held.Error);
        Assert.Equal([1, 1], held.Runs);

        // Detection does not spoil the runner: the next call runs every shard.
        parallel.Run(shard => second[shard]++);
        Assert.Equal([1, 1], second);
    }

    [Fact]
    public void A_single_thread_runner_detects_overlapping_calls_too()
    {
        using var parallel = new BatchParallel(1);
        using var held = new HeldRun(parallel);
        Assert.Throws<InvalidOperationException>(() => parallel.Run(_ => { }));
        held.Release();
        Assert.Null(held.Error);
        Assert.Equal([1], held.Runs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Work_that_calls_back_into_its_runner_fails_the_call_instead_of_hanging(int callingShard)
    {
        using var parallel = new BatchParallel(2);
        int inner = 0;
        var error = Assert.Throws<InvalidOperationException>(() => parallel.Run(shard =>
        {
            if (shard == callingShard)
            {
                parallel.Run(_ => inner++);
            }
        }));
        Assert.Contains("one call at a time", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, inner);

        parallel.Run(_ => Interlocked.Increment(ref inner));
        Assert.Equal(2, inner);
    }

    [Fact]
    public void Dispose_on_another_thread_waits_for_the_running_call()
    {
        var parallel = new BatchParallel(2);
        var held = new HeldRun(parallel);
        bool callFinishedFirst = false;
        var disposer = new Thread(() =>
        {
            parallel.Dispose();
            callFinishedFirst = held.ShardZeroFinished;
        });
        disposer.Start();

        // Until Dispose has returned or is blocked: this runner blocks it until the call ends, so only then release the call.
        SpinWait.SpinUntil(() => (disposer.ThreadState & (ThreadState.Stopped | ThreadState.WaitSleepJoin)) != 0);
        held.Release();
        disposer.Join();

        Assert.Null(held.Error);
        Assert.Equal([1, 1], held.Runs);
        Assert.True(callFinishedFirst, "Dispose returned while a call was still running on the runner");
        var error = Assert.Throws<ObjectDisposedException>(() => parallel.Run(_ => { }));
        Assert.Equal(typeof(BatchParallel).FullName, error.ObjectName);
        held.Dispose();
    }

    [Fact]
    public void Dispose_racing_calls_on_another_thread_never_leaves_a_call_waiting()
    {
        // Each trial disposes the runner while another thread calls Run back to back, so Dispose lands inside a call, or
        // between two; either the call completes or the next one throws ObjectDisposedException.
        for (int trial = 0; trial < 100; trial++)
        {
            var parallel = new BatchParallel(2);
            using var running = new ManualResetEventSlim();
            Exception? unexpected = null;
            int calls = 0;
            var caller = new Thread(() =>
            {
                try
                {
                    while (true)
                    {
                        parallel.Run(shard => { });
                        calls++;
                        running.Set();
                    }
                }
                catch (ObjectDisposedException)
                {
                }
                catch (Exception exception)
                {
                    unexpected = exception;
                }
            })
            {
                IsBackground = true,
            };
            caller.Start();
            running.Wait();
            parallel.Dispose();

            // A bound for a hang only (the caller stops within one call of Dispose); no speed is measured.
            Assert.True(caller.Join(TimeSpan.FromMinutes(1)), $"trial {trial}: a call never returned after Dispose");
            Assert.Null(unexpected);
            Assert.True(calls >= 1);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Dispose_from_inside_the_work_returns_at_once_and_the_call_still_runs_every_shard(int disposingShard)
    {
        var parallel = new BatchParallel(3);
        int[] runs = new int[3];
        parallel.Run(shard =>
        {
            if (shard == disposingShard)
            {
                parallel.Dispose();
            }

            runs[shard]++;
        });

        Assert.Equal([1, 1, 1], runs);
        Assert.Throws<ObjectDisposedException>(() => parallel.Run(_ => { }));
        parallel.Dispose();
    }

    [Fact]
    public void A_call_that_throws_leaves_nothing_behind_for_dispose_to_wait_for()
    {
        var parallel = new BatchParallel(2);
        Assert.Throws<InvalidOperationException>(() => parallel.Run(shard => throw new InvalidOperationException("shard " + shard)));
        parallel.Dispose();
        parallel.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parallel.Run(_ => { }));
    }

    /// <summary>
    /// A <see cref="BatchParallel.Run"/> on a thread of its own, held inside its work until <see cref="Release"/>: shard 0
    /// (on that thread) waits, every other shard returns at once. The constructor returns once every shard has started.
    /// </summary>
    private sealed class HeldRun : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly CountdownEvent _started;
        private readonly Thread _thread;
        private volatile bool _shardZeroFinished;

        public HeldRun(BatchParallel parallel)
        {
            Runs = new int[parallel.Threads];
            _started = new CountdownEvent(parallel.Threads);
            _thread = new Thread(() =>
            {
                try
                {
                    parallel.Run(shard =>
                    {
                        Runs[shard]++;
                        _started.Signal();
                        if (shard == 0)
                        {
                            _release.Wait();
                            _shardZeroFinished = true;
                        }
                    });
                }
                catch (Exception exception)
                {
                    Error = exception;
                }
            });
            _thread.Start();
            _started.Wait();
        }

        public int[] Runs { get; }

        public Exception? Error { get; private set; }

        public bool ShardZeroFinished => _shardZeroFinished;

        /// <summary>Lets the held call finish and waits for it.</summary>
        public void Release()
        {
            _release.Set();
            _thread.Join();
        }

        public void Dispose()
        {
            Release();
            _release.Dispose();
            _started.Dispose();
        }
    }
}

/// <summary>Counts the process's threads, so nothing else may start or stop threads meanwhile.</summary>
[CollectionDefinition(nameof(ThreadCounting), DisableParallelization = true)]
public sealed class ThreadCounting
{
}

/// <summary>
/// A runner dropped by its owner is collected, and its workers exit, even when the work it last ran was bound to that
/// owner and the workers run unoptimized (tier-0) code, which keeps every reference it loaded on the stack.
/// </summary>
[Collection(nameof(ThreadCounting))]
public class BatchParallelLifetimeTests
{
    private const int Owners = 20;

    [Fact]
    public void Dropped_owners_of_runners_are_collected_and_their_workers_exit()
    {
        ThreadCensus.CollectEverything();
        int before = ThreadCensus.ProcessThreads();

        WeakReference[] owners = CreateAndDrop(Owners);
        ThreadCensus.CollectEverything();

        int alive = owners.Count(owner => owner.IsAlive);
        Assert.True(alive == 0, $"{alive} of {Owners} dropped owners (each with a two-thread runner) are still alive after full collections");

        // Each owner started one worker; fewer than half of them left over is the process's own coming and going.
        int after = ThreadCensus.WaitForAtMost(before + (Owners / 2));
        Assert.True(after <= before + (Owners / 2), $"{after} threads after dropping {Owners} runners, {before} before");
    }

    [Fact]
    public void Disposed_runners_have_stopped_their_workers_when_dispose_returns()
    {
        ThreadCensus.CollectEverything();
        int before = ThreadCensus.ProcessThreads();
        var runners = new BatchParallel[Owners / 2];
        for (int i = 0; i < runners.Length; i++)
        {
            runners[i] = new BatchParallel(3);
            runners[i].Run(_ => { });
        }

        foreach (BatchParallel runner in runners)
        {
            runner.Dispose();
        }

        int after = ThreadCensus.WaitForAtMost(before + (Owners / 2));
        Assert.True(after <= before + (Owners / 2), $"{after} threads after disposing {runners.Length} three-thread runners, {before} before");
        GC.KeepAlive(runners);
    }

    /// <summary>Creates owners, runs their work a few times, and returns only weak references to them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] CreateAndDrop(int count)
    {
        var owners = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            var owner = new Owner();
            for (int step = 0; step < 3; step++)
            {
                owner.Step();
            }

            Assert.Equal(3 * (1 + 2), owner.Total);
            owners[i] = new WeakReference(owner);
        }

        return owners;
    }

    /// <summary>Owns a runner and the work it hands it, bound to itself, as a generated network does.</summary>
    private sealed class Owner
    {
        private readonly BatchParallel _parallel = new(2);
        private readonly long[] _sums = new long[2];
        private readonly Action<int> _work;

        public Owner()
        {
            _work = AddShard;
        }

        public long Total => _sums[0] + _sums[1];

        public void Step() => _parallel.Run(_work);

        private void AddShard(int shard) => _sums[shard] += shard + 1;
    }
}
