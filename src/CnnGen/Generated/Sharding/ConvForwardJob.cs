namespace CnnGen.Generated.Sharding;

/// <summary>Shards a <see cref="ConvForwardKernel{T}"/> call: every shard reads the same weights and bias.</summary>
internal sealed unsafe class ConvForwardJob<T> : ShardJob
    where T : unmanaged
{
    private ConvForwardKernel<T>? _kernel;
    private T* _input;
    private T* _weights;
    private T* _bias;
    private T* _output;
    private int _inputLength;
    private int _outputLength;

    public void Run(
        BatchParallel parallel,
        ConvForwardKernel<T> kernel,
        ReadOnlySpan<T> input,
        int inputLength,
        ReadOnlySpan<T> weights,
        ReadOnlySpan<T> bias,
        Span<T> output,
        int outputLength,
        int batch)
    {
        fixed (T* x = input)
        fixed (T* w = weights)
        fixed (T* b = bias)
        fixed (T* y = output)
        {
            _kernel = kernel;
            _input = x;
            _weights = w;
            _bias = b;
            _output = y;
            _inputLength = inputLength;
            _outputLength = outputLength;
            try
            {
                RunShards(parallel, batch);
            }
            finally
            {
                _kernel = null;
                _input = null;
                _weights = null;
                _bias = null;
                _output = null;
            }
        }
    }

    protected override void RunShard(int shard, int start, int count) =>
        _kernel!(ref _input[(nint)start * _inputLength], ref *_weights, ref *_bias, ref _output[(nint)start * _outputLength], count);
}
