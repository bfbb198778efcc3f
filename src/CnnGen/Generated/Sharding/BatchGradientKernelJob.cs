namespace CnnGen.Generated.Sharding;

/// <summary>Shards a <see cref="BatchGradientKernel{T}"/> call: each shard writes its slice of the input gradient.</summary>
internal sealed unsafe class BatchGradientKernelJob<T> : ShardJob
    where T : unmanaged
{
    private BatchGradientKernel<T>? _kernel;
    private T* _outputGradient;
    private T* _input;
    private T* _inputGradient;
    private int _outputLength;
    private int _inputLength;

    public void Run(
        BatchParallel parallel,
        BatchGradientKernel<T> kernel,
        ReadOnlySpan<T> outputGradient,
        int outputLength,
        ReadOnlySpan<T> input,
        int inputLength,
        Span<T> inputGradient,
        int batch)
    {
        fixed (T* dy = outputGradient)
        fixed (T* x = input)
        fixed (T* dx = inputGradient)
        {
            _kernel = kernel;
            _outputGradient = dy;
            _input = x;
            _inputGradient = dx;
            _outputLength = outputLength;
            _inputLength = inputLength;
            try
            {
                RunShards(parallel, batch);
            }
            finally
            {
                _kernel = null;
                _outputGradient = null;
                _input = null;
                _inputGradient = null;
            }
        }
    }

    protected override void RunShard(int shard, int start, int count)
    {
        nint output = (nint)start * _outputLength;
        nint input = (nint)start * _inputLength;
        _kernel!(ref _outputGradient[output], ref _input[input], ref _inputGradient[input], count);
    }
}
