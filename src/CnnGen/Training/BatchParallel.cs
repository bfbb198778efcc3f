using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
/// One call at a time, enforced: a <see cref="Run"/> (or a layer overload taking this runner) that starts while another
/// call holds the runner, on another thread or from inside that call's own work, throws
/// <see cref="InvalidOperationException"/> before it touches anything, and the running call is unaffected. Calls from
/// several threads in turn are fine.
/// </para>
/// <para>
/// <see cref="Dispose"/> never leaves a call waiting. Called while a call runs on another thread, it waits for that call
/// to finish, then stops the workers; called from inside a call's work (on any of its shards), it returns at once and the
/// workers stop when that call returns. A call that starts after <see cref="Dispose"/> throws
/// <see cref="ObjectDisposedException"/>. Otherwise <see cref="Dispose"/> returns once the workers have exited.
/// </para>
/// <para>
/// The workers are background threads that hold no reference to this instance, and none to the work once a call has
/// returned (whatever code the JIT runs them with), so an owner that drops its runner, or a network it is bound to, lets
/// both be collected: the finalizer then stops the workers.
/// </para>
/// <para>
/// A generated layer's <c>Forward</c> and <c>Backward</c> overloads that take a <see cref="BatchParallel"/> run their shards
/// here and keep their per-shard scratch (a convolution's partial weight and bias gradients) in this instance: allocated
/// on the first call, grown when a call needs more, reused after. They hold the runner for the whole call, under the
/// rules above.
/// </para>
/// </remarks>
public sealed class BatchParallel : IDisposable
{
    /// <summary>The largest thread count accepted: more than any batch-parallel step on one machine profits from.</summary>
    public const int MaxThreads = 64;

    // _state: no call holds the runner, one does, or the workers were stopped (or are being stopped) for good.
    private const int Idle = 0;
    private const int Busy = 1;
    private const int Stopped = 2;

    private readonly Shared _shared;
    private readonly Thread[] _workers;

    // Set once the workers have been told to stop and (unless stopped from one of them) have exited.
    private readonly ManualResetEventSlim _stopped = new(false);
    private int _state;
    private volatile bool _disposeRequested;

    // The managed thread id of the call holding the runner (0 when none): Dispose from inside that call must not wait for it.
    private int _holder;

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
        _workers = new Thread[threads - 1];
        for (int shard = 1; shard < threads; shard++)
        {
            var worker = new Thread(Shared.Loop)
            {
                IsBackground = true,
                Name = $"CnnGen batch shard {shard}",
            };
            _workers[shard - 1] = worker;

            // UnsafeStart: the worker must not capture the creator's execution context (its async-local values), which
            // could hold whatever the creating code held, for as long as the worker lives.
            worker.UnsafeStart(new WorkerStart(_shared, shard));
        }
    }

    /// <summary>Finalizes: stops the worker threads of an instance nobody disposed.</summary>
    ~BatchParallel()
    {
        // Null when the constructor threw (a bad thread count): the finalizer runs on that instance too. Nothing can be
        // running: a call keeps this instance reachable until it returns.
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
    /// that threw (after every shard finished). When it returns or throws, the runner holds no reference to
    /// <paramref name="work"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Another call holds this runner: one on another thread, or the call whose work this is.</exception>
    /// <exception cref="ObjectDisposedException">This instance was disposed.</exception>
    public void Run(Action<int> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enter();
        try
        {
            RunEntered(work);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Takes the runner for one call, which must end with <see cref="Exit"/> (in a <c>finally</c>): everything that uses the
    /// runner's workers, jobs or scratch happens between the two.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another call holds the runner.</exception>
    /// <exception cref="ObjectDisposedException">This instance was disposed (or is being disposed).</exception>
    internal void Enter()
    {
        int state = Interlocked.CompareExchange(ref _state, Busy, Idle);
        if (state == Busy)
        {
            throw new InvalidOperationException(
                "This BatchParallel is already running a call (on another thread, or this call comes from inside that call's work); a runner takes one call at a time.");
        }

        ObjectDisposedException.ThrowIf(state == Stopped, this);

        // Dispose asked after the exchange above: give the runner back (which stops it) rather than start a call.
        if (_disposeRequested)
        {
            Exit();
            throw new ObjectDisposedException(typeof(BatchParallel).FullName);
        }

        _holder = Environment.CurrentManagedThreadId;
    }

    /// <summary>Gives the runner back after <see cref="Enter"/>; stops it when <see cref="Dispose"/> was called meanwhile.</summary>
    internal void Exit()
    {
        _holder = 0;
        Interlocked.Exchange(ref _state, Idle);

        // Either this sees the request, or Dispose's exchange sees Idle (both are full fences): one of them stops the runner.
        if (_disposeRequested && Interlocked.CompareExchange(ref _state, Stopped, Idle) == Idle)
        {
            StopWorkers();
        }
    }

    /// <summary>The body of <see cref="Run"/>, for a caller that holds the runner (<see cref="Enter"/>).</summary>
    internal void RunEntered(Action<int> work)
    {
        if (Threads == 1)
        {
            work(0);
            return;
        }

        Shared shared = _shared;
        shared.Work = work;
        try
        {
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
        }
        finally
        {
            // The workers read the work only inside a call and keep no copy of it, so the runner now holds none.
            shared.Work = null;
        }

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

    /// <summary>
    /// This instance's job of kind <typeparamref name="TJob"/>, created on first use and kept: a job holds a kind of layer
    /// kernel's per-call state and scratch, so a later call of the same kind allocates nothing. Only for a caller that
    /// holds the runner (<see cref="Enter"/>).
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

    /// <summary>
    /// Stops the worker threads; later calls throw <see cref="ObjectDisposedException"/>. Waits for a call running on
    /// another thread to finish first; from inside a call's work, returns at once and the workers stop when that call
    /// returns. Otherwise returns once the workers have exited. Calling it again does nothing more.
    /// </summary>
    public void Dispose()
    {
        _disposeRequested = true;
        int state = Interlocked.CompareExchange(ref _state, Stopped, Idle);
        if (state == Idle)
        {
            StopWorkers();
            return;
        }

        if (state == Busy && (Volatile.Read(ref _holder) == Environment.CurrentManagedThreadId || _shared.IsWorkerThread))
        {
            // From inside the running call: waiting would wait for ourselves. That call's Exit stops the workers.
            return;
        }

        // Busy on another thread (its Exit stops the workers), or already stopped or being stopped by another thread.
        _stopped.Wait();
    }

    /// <summary>Tells the workers to stop and waits for them to exit (unless this is one of them), once per instance.</summary>
    private void StopWorkers()
    {
        _shared.Stop();
        foreach (Thread worker in _workers)
        {
            if (worker != Thread.CurrentThread)
            {
                worker.Join();
            }
        }

        _stopped.Set();
        GC.SuppressFinalize(this);
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

    /// <summary>
    /// What the workers see: never the owning <see cref="BatchParallel"/>, and the work only while a call runs, so both
    /// can be collected once their owner drops them.
    /// </summary>
    private sealed class Shared
    {
        // The runner whose worker the current thread is (null on every other thread).
        [ThreadStatic]
        private static Shared? t_workerOf;

        private volatile Action<int>? _work;
        private volatile bool _stopping;

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

        /// <summary>The work of the running call; null between calls.</summary>
        public Action<int>? Work
        {
            get => _work;
            set => _work = value;
        }

        /// <summary>Whether the current thread is one of this runner's workers.</summary>
        public bool IsWorkerThread => t_workerOf == this;

        /// <summary>Tells the workers to exit once idle (a worker released for a call runs its shard and signals first).</summary>
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
            t_workerOf = shared;
            ManualResetEventSlim start = shared.Start[shard - 1];
            while (true)
            {
                start.Wait();
                start.Reset();

                // A worker released for a call always signals it, even when also told to stop, so no call is left waiting.
                if (RunShard(shared, shard))
                {
                    shared.Done.Signal();
                }

                if (shared._stopping)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Runs this worker's shard of the running call, if there is one. The work is read only here, into a local of this
        /// frame, which is gone when it returns: the loop that waits for the next call holds no reference to it, however
        /// the JIT keeps locals alive (unoptimized code reports every local it loaded until its method returns).
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool RunShard(Shared shared, int shard)
        {
            Action<int>? work = shared.Work;
            if (work is null)
            {
                return false;
            }

            try
            {
                work(shard);
            }
            catch (Exception exception)
            {
                shared.Errors[shard] = exception;
            }

            return true;
        }
    }
}
