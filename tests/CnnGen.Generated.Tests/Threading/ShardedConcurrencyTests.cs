using System.Runtime.InteropServices;

namespace CnnGen.Generated.Tests.Threading;

/// <summary>
/// The layer overloads share their runner's rule, one call at a time, and have it enforced: a call that starts while
/// another holds the runner throws <see cref="InvalidOperationException"/> before it touches the runner's jobs and
/// scratch (where the running call keeps its pinned spans), and Dispose waits for the running call.
/// </summary>
public class ShardedConcurrencyTests
{
    private const int Batch = 4;
    private const int ExampleLength = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_layer_call_overlapping_another_on_the_same_runner_throws_and_the_first_call_is_undisturbed(int threads)
    {
        using var parallel = new BatchParallel(threads);
        using var held = new HeldLayerCall(parallel);
        var calls = new (string Name, Action Call)[]
        {
            ("max pool forward", () => ShardedMaxPool.Forward(new double[Batch * ShardedMaxPool.InputLength], new double[Batch * ShardedMaxPool.OutputLength], parallel)),
            ("zero pad backward", () => ShardedZeroPad.Backward(new float[Batch * ShardedZeroPad.OutputLength], new float[Batch * ShardedZeroPad.InputLength], parallel)),
            ("conv forward", () => ShardedNotebookConv.Forward(new float[Batch * ShardedNotebookConv.InputLength], new float[ShardedNotebookConv.WeightsLength], new float[ShardedNotebookConv.BiasLength], new float[Batch * ShardedNotebookConv.OutputLength], parallel)),
            // One example runs on the calling thread alone, but still uses the runner's scratch for its flipped filter.
            ("conv backward, one example", () => ShardedNotebookConv.Backward(new double[ShardedNotebookConv.OutputLength], new double[ShardedNotebookConv.InputLength], new double[ShardedNotebookConv.WeightsLength], new double[ShardedNotebookConv.InputLength], new double[ShardedNotebookConv.WeightsLength], new double[ShardedNotebookConv.BiasLength], parallel)),
            ("the same kind of call as the held one", () => BatchShards.Run<float>(parallel, Copy, new float[Batch * ExampleLength], ExampleLength, new float[Batch * ExampleLength], ExampleLength, Batch)),
            ("Run", () => parallel.Run(_ => { })),
        };
        foreach ((string name, Action call) in calls)
        {
            var error = Record.Exception(call);
            Assert.True(error is InvalidOperationException, $"{name} while a layer call held the runner: {error?.GetType().Name ?? "no exception"}");
            Assert.Contains("one call at a time", error!.Message, StringComparison.Ordinal);
        }

        held.Release();
        Assert.Null(held.Error);
        Assert.Equal(held.Input, held.Output);

        // Afterwards the runner serves calls again.
        ShardedMaxPool.Forward(new double[Batch * ShardedMaxPool.InputLength], new double[Batch * ShardedMaxPool.OutputLength], parallel);
    }

    [Fact]
    public void Dispose_on_another_thread_waits_for_a_layer_call_holding_the_runner()
    {
        var parallel = new BatchParallel(2);
        using var held = new HeldLayerCall(parallel);
        bool finishedFirst = false;
        var disposer = new Thread(() =>
        {
            parallel.Dispose();
            finishedFirst = held.Finished;
        });
        disposer.Start();
        SpinWait.SpinUntil(() => (disposer.ThreadState & (ThreadState.Stopped | ThreadState.WaitSleepJoin)) != 0);
        held.Release();
        disposer.Join();

        Assert.Null(held.Error);
        Assert.Equal(held.Input, held.Output);
        Assert.True(finishedFirst, "Dispose returned while a layer call still held the runner (and its pinned spans)");
        Assert.Throws<ObjectDisposedException>(() => ShardedMaxPool.Forward(new double[Batch * ShardedMaxPool.InputLength], new double[Batch * ShardedMaxPool.OutputLength], parallel));
    }

    private static void Copy(ref float input, ref float output, int batch) =>
        MemoryMarshal.CreateReadOnlySpan(ref input, batch * ExampleLength).CopyTo(MemoryMarshal.CreateSpan(ref output, batch * ExampleLength));

    /// <summary>
    /// A sharded copy through <see cref="BatchShards"/> on a thread of its own, held inside shard 0's kernel (on that
    /// thread) until <see cref="Release"/>; the constructor returns once every shard has started.
    /// </summary>
    private sealed class HeldLayerCall : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly CountdownEvent _started;
        private readonly Thread _thread;
        private readonly int _callingThread;
        private volatile bool _finished;

        public HeldLayerCall(BatchParallel parallel)
        {
            Input = ShardedLayers.Values<float>(Batch * ExampleLength, 61);
            Output = new float[Input.Length];
            _started = new CountdownEvent(Math.Min(parallel.Threads, Batch));
            _thread = new Thread(() =>
            {
                try
                {
                    BatchShards.Run<float>(parallel, HeldCopy, Input, ExampleLength, Output, ExampleLength, Batch);
                }
                catch (Exception exception)
                {
                    Error = exception;
                }
            });
            _callingThread = _thread.ManagedThreadId;
            _thread.Start();
            _started.Wait();
        }

        public float[] Input { get; }

        public float[] Output { get; }

        public Exception? Error { get; private set; }

        /// <summary>Whether the held kernel has finished (set inside the call, before it lets go of the runner).</summary>
        public bool Finished => _finished;

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

        private void HeldCopy(ref float input, ref float output, int batch)
        {
            Copy(ref input, ref output, batch);
            _started.Signal();
            if (Environment.CurrentManagedThreadId == _callingThread)
            {
                _release.Wait();
                _finished = true;
            }
        }
    }
}
