using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated.Sharding;

namespace CnnGen.Generated;

/// <summary>
/// Runs a generated layer's per-batch kernel body over a batch split into contiguous shards on the threads of a
/// <see cref="BatchParallel"/> (<see cref="BatchParallel.ShardStart"/>; shard 0 on the calling thread): the plumbing behind
/// every generated <c>Forward</c>/<c>Backward</c> overload that takes a runner, so that generated code needs no
/// <c>unsafe</c> and no per-layer copy of it.
/// </summary>
/// <remarks>
/// <para>
/// Each shard calls the kernel on its slice of the batch, so everything computed per example (outputs, input gradients)
/// equals the single-thread result bit for bit. With one thread, or a batch of at most one example, the kernel runs once on
/// the calling thread on the whole batch, as the single-thread overloads run it.
/// </para>
/// <para>
/// The spans are pinned for the duration of the call. A call allocates nothing once the runner holds the scratch its
/// kind of call needs (created on the first call, grown when a later call needs more). Each call holds the runner from
/// start to end, under <see cref="BatchParallel.Run"/>'s rules: one call at a time per runner (another call meanwhile
/// throws <see cref="InvalidOperationException"/> before touching the runner's jobs and scratch), and
/// <see cref="BatchParallel.Dispose"/> waits for it. The span lengths are checked again here (cheaply) because the kernels
/// index without bounds checks; generated code has already checked them with the parameter names its caller sees.
/// </para>
/// <para>Not meant to be called by hand: the generator's output is its only client.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchShards
{
    /// <summary>Runs a kernel mapping each example of <paramref name="input"/> to the same example of <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parallel"/> or <paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentException">A span does not hold <paramref name="batch"/> examples.</exception>
    /// <exception cref="InvalidOperationException">Another call holds <paramref name="parallel"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="parallel"/> was disposed.</exception>
    public static void Run<T>(BatchParallel parallel, BatchKernel<T> kernel, ReadOnlySpan<T> input, int inputLength, Span<T> output, int outputLength, int batch)
        where T : unmanaged
    {
        Enter(parallel, kernel);
        try
        {
            SpanArguments.RequireBatchLength(input.Length, batch, inputLength, nameof(input));
            SpanArguments.RequireBatchLength(output.Length, batch, outputLength, nameof(output));
            if (OnCallingThread(parallel, batch))
            {
                kernel(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), batch);
                return;
            }

            parallel.Job<BatchKernelJob<T>>().Run(parallel, kernel, input, inputLength, output, outputLength, batch);
        }
        finally
        {
            parallel.Exit();
        }
    }

    /// <summary>Runs a kernel writing each example of <paramref name="inputGradient"/> from the same examples of the other two spans.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parallel"/> or <paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentException">A span does not hold <paramref name="batch"/> examples.</exception>
    /// <exception cref="InvalidOperationException">Another call holds <paramref name="parallel"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="parallel"/> was disposed.</exception>
    public static void Run<T>(
        BatchParallel parallel,
        BatchGradientKernel<T> kernel,
        ReadOnlySpan<T> outputGradient,
        int outputLength,
        ReadOnlySpan<T> input,
        int inputLength,
        Span<T> inputGradient,
        int batch)
        where T : unmanaged
    {
        Enter(parallel, kernel);
        try
        {
            SpanArguments.RequireBatchLength(outputGradient.Length, batch, outputLength, nameof(outputGradient));
            SpanArguments.RequireBatchLength(input.Length, batch, inputLength, nameof(input));
            SpanArguments.RequireBatchLength(inputGradient.Length, batch, inputLength, nameof(inputGradient));
            if (OnCallingThread(parallel, batch))
            {
                kernel(ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(inputGradient), batch);
                return;
            }

            parallel.Job<BatchGradientKernelJob<T>>().Run(parallel, kernel, outputGradient, outputLength, input, inputLength, inputGradient, batch);
        }
        finally
        {
            parallel.Exit();
        }
    }

    /// <summary>Runs a convolution's forward body; every shard reads the whole of <paramref name="weights"/> and <paramref name="bias"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parallel"/> or <paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentException">A batched span does not hold <paramref name="batch"/> examples.</exception>
    /// <exception cref="InvalidOperationException">Another call holds <paramref name="parallel"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="parallel"/> was disposed.</exception>
    public static void ConvForward<T>(
        BatchParallel parallel,
        ConvForwardKernel<T> kernel,
        ReadOnlySpan<T> input,
        int inputLength,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> bias,
        Span<T> output,
        int outputLength,
        int batch)
        where T : unmanaged
    {
        Enter(parallel, kernel);
        try
        {
            SpanArguments.RequireBatchLength(input.Length, batch, inputLength, nameof(input));
            SpanArguments.RequireBatchLength(output.Length, batch, outputLength, nameof(output));
            if (OnCallingThread(parallel, batch))
            {
                kernel(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(bias), ref MemoryMarshal.GetReference(output), batch);
                return;
            }

            parallel.Job<ConvForwardJob<T>>().Run(parallel, kernel, input, inputLength, weights, bias, output, outputLength, batch);
        }
        finally
        {
            parallel.Exit();
        }
    }

    /// <summary>
    /// Runs a convolution's backward body. The input gradient is written per shard; shard 0 writes
    /// <paramref name="weightsGradient"/> and <paramref name="biasGradient"/> and the other shards partial sums in the
    /// runner's scratch, added to them in shard order afterwards. An empty batch overwrites both with zeros, as one thread does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parallel"/> or <paramref name="kernel"/> is null.</exception>
    /// <exception cref="ArgumentException">A batched span does not hold <paramref name="batch"/> examples, or the weights and their gradient differ in length.</exception>
    /// <exception cref="InvalidOperationException">Another call holds <paramref name="parallel"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="parallel"/> was disposed.</exception>
    public static void ConvBackward<T>(
        BatchParallel parallel,
        ConvBackwardKernel<T> kernel,
        ReadOnlySpan<T> outputGradient,
        int outputLength,
        ReadOnlySpan<T> input,
        int inputLength,
        ReadOnlySpan<T> weights,
        Span<T> inputGradient,
        Span<T> weightsGradient,
        Span<T> biasGradient,
        int batch)
        where T : unmanaged, INumberBase<T>
    {
        Enter(parallel, kernel);
        try
        {
            SpanArguments.RequireBatchLength(outputGradient.Length, batch, outputLength, nameof(outputGradient));
            SpanArguments.RequireBatchLength(input.Length, batch, inputLength, nameof(input));
            SpanArguments.RequireBatchLength(inputGradient.Length, batch, inputLength, nameof(inputGradient));
            SpanArguments.RequireLength(weightsGradient.Length, weights.Length, nameof(weightsGradient));
            ConvBackwardJob<T> job = parallel.Job<ConvBackwardJob<T>>();
            if (OnCallingThread(parallel, batch))
            {
                kernel(
                    ref MemoryMarshal.GetReference(outputGradient),
                    ref MemoryMarshal.GetReference(input),
                    ref MemoryMarshal.GetReference(weights),
                    ref MemoryMarshal.GetReference(inputGradient),
                    ref MemoryMarshal.GetReference(weightsGradient),
                    ref MemoryMarshal.GetReference(biasGradient),
                    ref MemoryMarshal.GetReference(job.Flipped(weights.Length)),
                    batch);
                return;
            }

            job.Run(parallel, kernel, outputGradient, outputLength, input, inputLength, weights, inputGradient, weightsGradient, biasGradient, batch);
        }
        finally
        {
            parallel.Exit();
        }
    }

    /// <summary>
    /// Checks the arguments and takes the runner for the whole call, before any of its jobs or scratch is touched: the
    /// caller gives it back with <see cref="BatchParallel.Exit"/> in a <c>finally</c>.
    /// </summary>
    private static void Enter(BatchParallel parallel, Delegate kernel)
    {
        ArgumentNullException.ThrowIfNull(parallel);
        ArgumentNullException.ThrowIfNull(kernel);
        parallel.Enter();
    }

    /// <summary>Whether splitting would leave one shard: then the kernel runs on the calling thread, with nothing pinned.</summary>
    private static bool OnCallingThread(BatchParallel parallel, int batch) => parallel.Threads == 1 || batch <= 1;
}
