using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CnnGen.Benchmarks.Infrastructure;

namespace CnnGen.Benchmarks.Suites;

/// <summary>
/// One pooling layer, forward and backward: the generic kernel (baseline), the generated kernel of
/// <typeparamref name="TLayer"/> (called through the layer contract, <see cref="IUnweightedLayer{T}"/>, by <see cref="GeneratedKernels"/>), and, for float forward, ONNX Runtime's MaxPool/AveragePool in NCHW.
/// Pooling counts no FLOPs, so the GFLOP/s and % peak columns read '-'. Setups check results as in <see cref="ConvSuite{TLayer, T}"/>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class PoolSuite<TLayer, T> : IWorkload, IDisposable
    where TLayer : IUnweightedLayer<float>, IUnweightedLayer<double>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private AlignedArray<T> _input = new(0);
    private AlignedArray<T> _output = new(0);
    private AlignedArray<T> _outputGradient = new(0);
    private AlignedArray<T> _inputGradient = new(0);
    private OnnxLayer? _onnx;
    private PoolShape _shape;
    private Pool2DGeometry _geometry;

    /// <summary>The batch size the suite runs the layer at.</summary>
    protected abstract int Batch { get; }

    /// <summary>The layer's reduction and window: its kind and its generated <c>FilterSize</c> and <c>Stride</c> (which the layer contract does not carry).</summary>
    protected abstract PoolWindow Window { get; }

    /// <summary>The layer's geometry at <see cref="Batch"/>, its shapes read through the contract.</summary>
    protected PoolShape Shape => PoolShape.Of<TLayer>(Window, Batch);

    [GlobalSetup(Target = nameof(ForwardGeneric))]
    public void SetupForwardGeneric()
    {
        Allocate();
        T[] expected = Agreement.NaNs<T>(_output.Length);
        ReferenceKernels.PoolForward(_shape, _input, expected);
        ForwardGeneric();
        Agreement.Require<T>(_output, expected, $"{typeof(TLayer).Name} generic forward (checked against plain loops)");
    }

    [GlobalSetup(Target = nameof(ForwardGenerated))]
    public void SetupForwardGenerated()
    {
        Allocate();
        ForwardGeneric();
        T[] expected = _output.ToArray();
        _output.AsSpan().Fill(T.NaN);
        ForwardGenerated();
        Agreement.Require<T>(_output, expected, $"{typeof(TLayer).Name} generated forward");
    }

    [GlobalSetup(Target = nameof(ForwardOnnxRuntimeNchw))]
    public void SetupForwardOnnxRuntime()
    {
        Allocate();
        if (typeof(T) != typeof(float))
        {
            throw new NotSupportedException("The ONNX Runtime comparison is float only.");
        }

        PoolShape s = _shape;
        _onnx = OnnxLayer.Pool(s, MemoryMarshal.Cast<T, float>(_input.AsSpan()));
        ForwardGeneric();
        _onnx.OutputNchw.AsSpan().Fill(float.NaN);
        ForwardOnnxRuntimeNchw();
        float[] actual = Layouts.NchwToNhwc(_onnx.OutputNchw, s.Batch, s.OutputHeight, s.OutputWidth, s.Channels);
        Agreement.Require<float>(actual, MemoryMarshal.Cast<T, float>(_output.AsSpan()), $"{typeof(TLayer).Name} ONNX Runtime forward");
    }

    [GlobalSetup(Target = nameof(BackwardGeneric))]
    public void SetupBackwardGeneric()
    {
        Allocate();
        T[] expected = Agreement.NaNs<T>(_input.Length);
        ReferenceKernels.PoolBackward(_shape, _outputGradient, _input, expected);
        BackwardGeneric();
        Agreement.Require<T>(_inputGradient, expected, $"{typeof(TLayer).Name} generic backward (checked against plain loops)");
    }

    [GlobalSetup(Target = nameof(BackwardGenerated))]
    public void SetupBackwardGenerated()
    {
        Allocate();
        BackwardGeneric();
        T[] expected = _inputGradient.ToArray();
        _inputGradient.AsSpan().Fill(T.NaN);
        BackwardGenerated();
        Agreement.Require<T>(_inputGradient, expected, $"{typeof(TLayer).Name} generated backward");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGeneric() => GenericKernels.PoolForward<T>(_shape.Kind, _geometry, _input, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGenerated() => GeneratedKernels.PoolForward<TLayer, T>(_input, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardOnnxRuntimeNchw() => _onnx!.Run();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGeneric() => GenericKernels.PoolBackward<T>(_shape.Kind, _geometry, _outputGradient, _input, _inputGradient);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGenerated() => GeneratedKernels.PoolBackward<TLayer, T>(_outputGradient, _input, _inputGradient);

    public double? FlopsPerInvocation(string category) => null;

    public string? WhyUnavailable(string method) => method switch
    {
        nameof(ForwardOnnxRuntimeNchw) when typeof(T) != typeof(float) => "the ONNX Runtime comparison is float only",
        _ => null,
    };

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _onnx = null;
        foreach (AlignedArray<T> buffer in (AlignedArray<T>[])[_input, _output, _outputGradient, _inputGradient])
        {
            buffer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private void Allocate()
    {
        PoolShape s = _shape = Shape;
        _geometry = GenericKernels.Geometry(s);
        _input = AlignedArray.Random<T>(s.InputLength, seed: 1);
        _outputGradient = AlignedArray.Random<T>(s.OutputLength, seed: 4);
        _output = AlignedArray.NaNs<T>(s.OutputLength);
        _inputGradient = AlignedArray.NaNs<T>(s.InputLength);
    }
}
