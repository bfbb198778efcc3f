namespace CnnGen.Generated.Sharding;

/// <summary>Shards a <see cref="BatchKernel{T}"/> call: each shard maps its slice of the input to its slice of the output.</summary>
internal sealed unsafe class BatchKernelJob<T> : ShardJob
    where T : unmanaged
{
    private BatchKernel<T>? _kernel;
    private T* _input;
    private T* _output;
    private int _inputLength;
    private int _outputLength;

    public void Run(BatchParallel parallel, BatchKernel<T> kernel, ReadOnlySpan<T> input, int inputLength, Span<T> output, int outputLength, int batch)
    {
        fixed (T* x = input)
        fixed (T* y = output)
        {
            _kernel = kernel;
            _input = x;
            _inputLength = inputLength;
            _output = y;
            _outputLength = outputLength;
            try
            {
                RunShards(parallel, batch);
            }
            finally
            {
                _kernel = null;
                _input = null;
                _output = null;
            }
        }
    }

    protected override void RunShard(int shard, int start, int count) =>
        _kernel!(ref _input[(nint)start * _inputLength], ref _output[(nint)start * _outputLength], count);
}
