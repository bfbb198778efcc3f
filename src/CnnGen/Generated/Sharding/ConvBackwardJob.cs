using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CnnGen.Generated.Sharding;

/// <summary>
/// Shards a <see cref="ConvBackwardKernel{T}"/> call. The input gradient is disjoint per shard; the weight and bias
/// gradients are sums over the batch, so shard 0 writes the caller's and every other shard its own partial sums, which
/// are then added to the caller's in shard order: for a given thread count the result is the same on every run.
/// </summary>
/// <remarks>
/// The partial sums and each shard's flipped-filter scratch live in arrays this job owns, allocated on first use and
/// replaced by larger ones only when a call needs more (more shards, a bigger layer), so steady-state calls allocate nothing.
/// </remarks>
internal sealed unsafe class ConvBackwardJob<T> : ShardJob
    where T : unmanaged, INumberBase<T>
{
    private T[] _flipped = [];
    private T[] _partials = [];

    private ConvBackwardKernel<T>? _kernel;
    private T* _outputGradient;
    private T* _input;
    private T* _weights;
    private T* _inputGradient;
    private T* _weightsGradient;
    private T* _biasGradient;
    private int _outputLength;
    private int _inputLength;
    private int _weightsLength;
    private int _biasLength;

    /// <summary>Scratch for one flipped filter of <paramref name="weightsLength"/> values, for a call run on the calling thread alone.</summary>
    public Span<T> Flipped(int weightsLength)
    {
        EnsureScratch(shards: 1, weightsLength, biasLength: 0);
        return _flipped.AsSpan(0, weightsLength);
    }

    public void Run(
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
    {
        // Empty shards come last and run nothing, so only the first `shards` need scratch and get summed.
        int shards = Math.Min(parallel.Threads, batch);
        int weightsLength = weightsGradient.Length;
        int biasLength = biasGradient.Length;
        EnsureScratch(shards, weightsLength, biasLength);
        fixed (T* dy = outputGradient)
        fixed (T* x = input)
        fixed (T* w = weights)
        fixed (T* dx = inputGradient)
        fixed (T* dw = weightsGradient)
        fixed (T* db = biasGradient)
        {
            _kernel = kernel;
            _outputGradient = dy;
            _input = x;
            _weights = w;
            _inputGradient = dx;
            _weightsGradient = dw;
            _biasGradient = db;
            _outputLength = outputLength;
            _inputLength = inputLength;
            _weightsLength = weightsLength;
            _biasLength = biasLength;
            try
            {
                RunShards(parallel, batch);
            }
            finally
            {
                _kernel = null;
                _outputGradient = null;
                _input = null;
                _weights = null;
                _inputGradient = null;
                _weightsGradient = null;
                _biasGradient = null;
            }
        }

        for (int shard = 1; shard < shards; shard++)
        {
            int at = PartialOffset(shard, weightsLength, biasLength);
            BatchParallel.AddInto<T>(weightsGradient, _partials.AsSpan(at, weightsLength));
            BatchParallel.AddInto<T>(biasGradient, _partials.AsSpan(at + weightsLength, biasLength));
        }
    }

    protected override void RunShard(int shard, int start, int count)
    {
        // Shard 0 sums into the caller's gradients, every other shard into its own partial sums.
        int at = shard == 0 ? 0 : PartialOffset(shard, _weightsLength, _biasLength);
        ref T weightsGradient = ref shard == 0 ? ref *_weightsGradient : ref _partials[at];
        // A layer without bias (Bias = false) has no bias partials: the ref then points just past the shard's weights and is never read.
        ref T biasGradient = ref shard == 0 ? ref *_biasGradient : ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_partials), at + _weightsLength);
        nint output = (nint)start * _outputLength;
        nint input = (nint)start * _inputLength;
        _kernel!(
            ref _outputGradient[output], ref _input[input], ref *_weights, ref _inputGradient[input],
            ref weightsGradient, ref biasGradient, ref _flipped[shard * _weightsLength], count);
    }

    /// <summary>Where shard <paramref name="shard"/> (≥ 1) keeps its partial weight gradient, followed by its partial bias gradient.</summary>
    private static int PartialOffset(int shard, int weightsLength, int biasLength) => (shard - 1) * (weightsLength + biasLength);

    private void EnsureScratch(int shards, int weightsLength, int biasLength)
    {
        int flipped = Length(shards, weightsLength);
        if (_flipped.Length < flipped)
        {
            _flipped = new T[flipped];
        }

        int partials = Length(shards - 1, weightsLength + biasLength);
        if (_partials.Length < partials)
        {
            _partials = new T[partials];
        }
    }

    private static int Length(int count, int each)
    {
        long length = (long)count * each;
        return length <= Array.MaxLength
            ? (int)length
            : throw new OutOfMemoryException($"{count} shards of {each} values each would need {length} values of scratch, more than an array can hold.");
    }
}
