using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;

namespace CnnGen;

/// <summary>
/// Runs one piece of work per shard of a batch on a fixed set of threads: shard 0 on the calling thread, every other
/// shard on a worker thread of its own that this instance starts once and keeps. A <see cref="Run"/> allocates nothing,
/// so a generated network's training step stays allocation-free with more than one thread.
/// </summary>
/// <remarks>
/// <para>
/// Shards are contiguous and fixed by the batch size and the thread count alone (<see cref="ShardStart"/>), so for a
/// given thread count every run splits a batch the same way. Work on different shards must touch disjoint memory; the
/// caller combines what the shards produced after <see cref="Run"/> returns (which happens after every shard finished).
/// </para>
/// <para>
/// The workers are background threads that hold no reference to this instance or to the work between runs: when the
/// owner is dropped, the finalizer stops them; <see cref="Dispose"/> stops them at once. Not thread-safe: one
/// <see cref="Run"/> at a time.
/// </para>
/// <para>
/// A generated layer's <c>Forward</c> and <c>Backward</c> overloads that take a <see cref="BatchParallel"/> run their shards
/// here and keep their per-shard scratch (a convolution's partial weight and bias gradients) in this instance: allocated
/// on the first call, grown when a call needs more, reused after. They inherit the rule above: one call at a time per
/// instance, whichever layer makes it.
/// </para>
/// </remarks>
public sealed class BatchParallel : IDisposable
{
    /// <summary>The largest thread count accepted: more than any batch-parallel step on one machine profits from.</summary>
    public const int MaxThreads = 64;

    private readonly Shared _shared;
    private bool _disposed;

    // The per-layer-shape shard jobs of generated single layers, indexed by JobSlot<TJob>.Index; grown on first use of a kind.
    private object?[] _jobs = [];

    /// <summary>Starts <paramref name="threads"/> − 1 worker threads (none for 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1 or above <see cref="MaxThreads"/>.</exception>
    public BatchParallel(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, MaxThreads);
        Threads = threads;
        _shared = new Shared(threads);
        for (int shard = 1; shard < threads; shard++)
        {
            var worker = new Thread(Shared.Loop)
            {
                IsBackground = true,
                Name = $"CnnGen batch shard {shard}",
            };
            worker.Start(new WorkerStart(_shared, shard));
        }
    }

    /// <summary>Finalizes: stops the worker threads of an instance nobody disposed.</summary>
    ~BatchParallel()
    {
        // Null when the constructor threw (a bad thread count): the finalizer runs on that instance too.
        _shared?.Stop();
    }

    /// <summary>The number of shards each <see cref="Run"/> runs: the calling thread and the workers.</summary>
    public int Threads { get; }

    /// <summary>
    /// Where shard <paramref name="shard"/> of a batch of <paramref name="count"/> examples starts when split into
    /// <paramref name="shards"/> contiguous shards; shard <paramref name="shards"/> "starts" at <paramref name="count"/>.
    /// The first <c>count % shards</c> shards hold one example more than the rest, so shard 0 is never empty when
    /// <paramref name="count"/> ≥ 1 and the empty shards (when <paramref name="count"/> &lt; <paramref name="shards"/>) are the last.
    /// </summary>
    public static int ShardStart(int shard, int count, int shards)
    {
        int quotient = count / shards;
        int remainder = count - quotient * shards;
        return shard * quotient + Math.Min(shard, remainder);
    }

    /// <summary>
    /// Runs <paramref name="work"/>(shard) for every shard from 0 to <see cref="Threads"/> − 1 at once, shard 0 on the
    /// calling thread, and returns when all have finished. If shards throw, rethrows the exception of the lowest shard
    /// that threw (after every shard finished).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">This instance was disposed.</exception>
    public void Run(Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Threads == 1)
        {
            work(0);
            return;
        }

        Shared shared = _shared;
        shared.Work = work;
        shared.Done.Reset(Threads - 1);
        foreach (ManualResetEventSlim start in shared.Start)
        {
            start.Set();
        }

        try
        {
            work(0);
        }
        catch (Exception exception)
        {
            shared.Errors[0] = exception;
        }

        shared.Done.Wait();
        shared.Work = null;
        for (int shard = 0; shard < Threads; shard++)
        {
            Exception? error = shared.Errors[shard];
            if (error is not null)
            {
                Array.Clear(shared.Errors);
                ExceptionDispatchInfo.Throw(error);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="part"/> into <paramref name="total"/> element by element (vectorized), for combining the
    /// per-shard sums of a batch in a fixed order.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void AddInto<T>(Span<T> total, ReadOnlySpan<T> part)
        where T : IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T>
    {
        if (part.Length != total.Length)
        {
            throw new ArgumentException($"Expected {total.Length} values to add, but the span holds {part.Length}.", nameof(part));
        }

        TensorPrimitives.Add(total, part, total);
    }

    /// <summary>Throws when this instance was disposed: the layers' overloads check before they touch their scratch.</summary>
    /// <exception cref="ObjectDisposedException">This instance was disposed.</exception>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// This instance's job of kind <typeparamref name="TJob"/>, created on first use and kept: a job holds a kind of layer
    /// kernel's per-call state and scratch, so a later call of the same kind allocates nothing.
    /// </summary>
    internal TJob Job<TJob>()
        where TJob : class, new()
    {
        int index = JobSlot<TJob>.Index;
        if (index >= _jobs.Length)
        {
            Array.Resize(ref _jobs, index + 1);
        }

        return (TJob)(_jobs[index] ??= new TJob());
    }

    /// <summary>Stops the worker threads; later calls to <see cref="Run"/> throw.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _shared.Stop();
            GC.SuppressFinalize(this);
        }
    }

    private sealed record WorkerStart(Shared Shared, int Shard);

    /// <summary>Numbers the job kinds in the order they are first used, process-wide, so each has a slot in every instance.</summary>
    private static class JobSlots
    {
        private static int s_count;

        public static int Next() => Interlocked.Increment(ref s_count) - 1;
    }

    /// <summary>The slot of job kind <typeparamref name="TJob"/> (assigned once, by the type's static initializer).</summary>
    private static class JobSlot<TJob>
    {
        public static readonly int Index = JobSlots.Next();
    }

    /// <summary>What the workers see: never the owning <see cref="BatchParallel"/>, so it can be collected.</summary>
    private sealed class Shared
    {
        public Shared(int threads)
        {
            Start = new ManualResetEventSlim[threads - 1];
            for (int i = 0; i < Start.Length; i++)
            {
                Start[i] = new ManualResetEventSlim(false);
            }

            Done = new CountdownEvent(Math.Max(1, threads - 1));
            Errors = new Exception?[threads];
        }

        public ManualResetEventSlim[] Start { get; }

        public CountdownEvent Done { get; }

        public Exception?[] Errors { get; }

        public Action<int>? Work { get; set; }

        private volatile bool _stopping;

        public void Stop()
        {
            _stopping = true;
            foreach (ManualResetEventSlim start in Start)
            {
                start.Set();
            }
        }

        public static void Loop(object? state)
        {
            var (shared, shard) = (WorkerStart)state!;
            ManualResetEventSlim start = shared.Start[shard - 1];
            while (true)
            {
                start.Wait();
                start.Reset();
                if (shared._stopping)
                {
                    return;
                }

                try
                {
                    shared.Work!(shard);
                }
                catch (Exception exception)
                {
                    shared.Errors[shard] = exception;
                }

                shared.Done.Signal();
            }
        }
    }
}
