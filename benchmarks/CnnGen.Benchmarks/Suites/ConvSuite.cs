using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CnnGen.Benchmarks.Infrastructure;

namespace CnnGen.Benchmarks.Suites;

/// <summary>
/// One convolution layer, forward and backward, side by side: the generic kernel (the baseline of each
/// category), the kernel the generator emitted for <typeparamref name="TLayer"/> (called through the layer contract,
/// <see cref="IParallelWeightedLayer{T}"/>, by <see cref="GeneratedKernels"/>), the notebook's algorithm as
/// plain C# loops (what a user writes without a kernel library), and, for float forward, ONNX Runtime on the
/// same problem in NCHW. A Peak row measures the single-core FMA peak in the same run.
/// Every setup checks the kernel it prepares against the baseline (and the baseline against plain loops)
/// and throws on disagreement, so a wrong kernel cannot be timed.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class ConvSuite<TLayer, T> : IWorkload, IDisposable
    where TLayer : IParallelWeightedLayer<float>, IParallelWeightedLayer<double>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private AlignedArray<T> _input = new(0);
    private AlignedArray<T> _weights = new(0);
    private AlignedArray<T> _bias = new(0);
    private AlignedArray<T> _output = new(0);
    private AlignedArray<T> _outputGradient = new(0);
    private AlignedArray<T> _inputGradient = new(0);
    private AlignedArray<T> _weightsGradient = new(0);
    private AlignedArray<T> _biasGradient = new(0);
    private BatchParallel? _parallel;
    private OnnxLayer? _onnx;
    private ConvShape _shape;
    private Conv2DGeometry _geometry;

    /// <summary>The batch size the suite runs the layer at.</summary>
    protected abstract int Batch { get; }

    /// <summary>The layer's window: its generated <c>FilterSize</c>, <c>Stride</c> and <c>Pad</c> (which the layer contract does not carry).</summary>
    protected abstract ConvWindow Window { get; }

    /// <summary>
    /// The factor the random inputs, biases and output gradients are scaled by (1 by default). A suite that scales
    /// them into the subnormal range shows whether denormal arithmetic slows the kernels down.
    /// </summary>
    protected virtual T InputScale => T.One;

    /// <summary>
    /// Whether the suite also times the generated kernels with the batch split over two threads (the layer classes'
    /// <c>BatchParallel</c> overloads). Off by default: the single-thread rows are the headline, and a batch of 2 has
    /// nothing to split profitably.
    /// </summary>
    protected virtual bool HasTwoThreadRows => false;

    /// <summary>The layer's geometry at <see cref="Batch"/> (its shapes read through the contract; cached by the setup for the timed calls).</summary>
    protected ConvShape Shape => ConvShape.Of<TLayer>(Window, Batch);

    [GlobalSetup(Target = nameof(ForwardGeneric))]
    public void SetupForwardGeneric()
    {
        Allocate();

        // The baseline is checked against plain loops on the batch's first example only: the loops are slow,
        // and the kernels treat every example alike.
        ConvShape one = _shape with { Batch = 1 };
        T[] expected = Agreement.NaNs<T>(one.OutputLength);
        T[] actual = Agreement.NaNs<T>(one.OutputLength);
        ReferenceKernels.ConvForward(one, _input.AsSpan(0, one.InputLength), _weights, _bias, expected);
        GenericKernels.ConvForward(_geometry, _input.AsSpan(0, one.InputLength), _weights, _bias, actual);
        Agreement.Require<T>(actual, expected, $"{typeof(TLayer).Name} generic forward (checked against plain loops, first example)");
    }

    [GlobalSetup(Target = nameof(ForwardGenerated))]
    public void SetupForwardGenerated()
    {
        Allocate();
        T[] expected = BaselineForward();
        ForwardGenerated();
        Agreement.Require<T>(_output, expected, $"{typeof(TLayer).Name} generated forward");
    }

    [GlobalSetup(Target = nameof(ForwardGeneratedTwoThreads))]
    public void SetupForwardGeneratedTwoThreads()
    {
        Allocate();
        _parallel = new BatchParallel(2);
        T[] expected = BaselineForward();
        ForwardGeneratedTwoThreads();
        Agreement.Require<T>(_output, expected, $"{typeof(TLayer).Name} generated forward on two threads");
    }

    [GlobalSetup(Target = nameof(ForwardOnnxRuntimeNchw))]
    public void SetupForwardOnnxRuntime()
    {
        Allocate();
        if (typeof(T) != typeof(float))
        {
            throw new NotSupportedException("The ONNX Runtime comparison is float only.");
        }

        ConvShape s = _shape;
        _onnx = OnnxLayer.Conv(s, AsFloat(_input), AsFloat(_weights), AsFloat(_bias));
        T[] expected = BaselineForward();
        _onnx.OutputNchw.AsSpan().Fill(float.NaN);
        ForwardOnnxRuntimeNchw();
        float[] actual = Layouts.NchwToNhwc(_onnx.OutputNchw, s.Batch, s.OutputHeight, s.OutputWidth, s.Filters);
        Agreement.Require<float>(actual, AsFloat(expected), $"{typeof(TLayer).Name} ONNX Runtime forward");
    }

    [GlobalSetup(Target = nameof(ForwardPlainLoops))]
    public void SetupForwardPlainLoops()
    {
        Allocate();
        T[] expected = BaselineForward();
        ForwardPlainLoops();
        Agreement.Require<T>(_output, expected, $"{typeof(TLayer).Name} plain-loop forward");
    }

    [GlobalSetup(Target = nameof(BackwardGeneric))]
    public void SetupBackwardGeneric()
    {
        Allocate();

        // Checked against plain loops on the first example only, as the forward pass is.
        ConvShape one = _shape with { Batch = 1 };
        ReadOnlySpan<T> dy = _outputGradient.AsSpan(0, one.OutputLength);
        ReadOnlySpan<T> x = _input.AsSpan(0, one.InputLength);
        (T[] dx, T[] dw, T[] db) = (Agreement.NaNs<T>(one.InputLength), Agreement.NaNs<T>(one.WeightsLength), Agreement.NaNs<T>(one.BiasLength));
        ReferenceKernels.ConvBackward(one, dy, x, _weights, dx, dw, db);
        (T[] dx1, T[] dw1, T[] db1) = (Agreement.NaNs<T>(one.InputLength), Agreement.NaNs<T>(one.WeightsLength), Agreement.NaNs<T>(one.BiasLength));
        GenericKernels.ConvBackward<T>(_geometry, dy, x, _weights, dx1, dw1, db1);
        string layer = typeof(TLayer).Name;
        const string What = "generic backward (checked against plain loops, first example)";
        Agreement.Require<T>(dx1, dx, $"{layer} {What}, input gradient");
        Agreement.Require<T>(dw1, dw, $"{layer} {What}, weights gradient");
        Agreement.Require<T>(db1, db, $"{layer} {What}, bias gradient");
    }

    [GlobalSetup(Target = nameof(BackwardPlainLoops))]
    public void SetupBackwardPlainLoops()
    {
        Allocate();
        BackwardGeneric();
        (T[] dx, T[] dw, T[] db) = (_inputGradient.ToArray(), _weightsGradient.ToArray(), _biasGradient.ToArray());
        FillNaN();
        BackwardPlainLoops();
        RequireGradients(dx, dw, db, "plain-loop backward");
    }

    [GlobalSetup(Target = nameof(BackwardGenerated))]
    public void SetupBackwardGenerated()
    {
        Allocate();
        BackwardGeneric();
        (T[] dx, T[] dw, T[] db) = (_inputGradient.ToArray(), _weightsGradient.ToArray(), _biasGradient.ToArray());
        FillNaN();
        BackwardGenerated();
        RequireGradients(dx, dw, db, "generated backward");
    }

    [GlobalSetup(Target = nameof(BackwardGeneratedTwoThreads))]
    public void SetupBackwardGeneratedTwoThreads()
    {
        Allocate();
        _parallel = new BatchParallel(2);
        BackwardGeneric();
        (T[] dx, T[] dw, T[] db) = (_inputGradient.ToArray(), _weightsGradient.ToArray(), _biasGradient.ToArray());
        FillNaN();
        BackwardGeneratedTwoThreads();
        RequireGradients(dx, dw, db, "generated backward on two threads");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGeneric() => GenericKernels.ConvForward<T>(_geometry, _input, _weights, _bias, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGenerated() => GeneratedKernels.ConvForward<TLayer, T>(_input, _weights, _bias, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGeneratedTwoThreads() => GeneratedKernels.ConvForward<TLayer, T>(_input, _weights, _bias, _output, _parallel!);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardOnnxRuntimeNchw() => _onnx!.Run();

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardPlainLoops() => ReferenceKernels.ConvForward<T>(_shape, _input, _weights, _bias, _output);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGeneric() =>
        GenericKernels.ConvBackward<T>(_geometry, _outputGradient, _input, _weights, _inputGradient, _weightsGradient, _biasGradient);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGenerated() =>
        GeneratedKernels.ConvBackward<TLayer, T>(_outputGradient, _input, _weights, _inputGradient, _weightsGradient, _biasGradient);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGeneratedTwoThreads() =>
        GeneratedKernels.ConvBackward<TLayer, T>(_outputGradient, _input, _weights, _inputGradient, _weightsGradient, _biasGradient, _parallel!);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardPlainLoops() =>
        ReferenceKernels.ConvBackward<T>(_shape, _outputGradient, _input, _weights, _inputGradient, _weightsGradient, _biasGradient);

    [Benchmark]
    [BenchmarkCategory(Categories.Peak)]
    public T PeakFma512() => PeakFma.Run<T>();

    public double? FlopsPerInvocation(string category) => category switch
    {
        Categories.Forward => Shape.ForwardFlops,
        Categories.Backward => Shape.BackwardFlops,
        Categories.Peak => PeakFma.FlopsPerInvocation<T>(),
        _ => null,
    };

    public string? WhyUnavailable(string method) => method switch
    {
        nameof(ForwardOnnxRuntimeNchw) when typeof(T) != typeof(float) => "the ONNX Runtime comparison is float only",
        nameof(ForwardOnnxRuntimeNchw) when InputScale != T.One => "the ONNX Runtime comparison runs on ordinary inputs only",
        nameof(ForwardPlainLoops) or nameof(BackwardPlainLoops) when InputScale != T.One => "the plain-loop comparison runs on ordinary inputs only",
        nameof(ForwardGeneratedTwoThreads) or nameof(BackwardGeneratedTwoThreads) when !HasTwoThreadRows =>
            "two-thread rows run on the mid and strided layers only",
        _ => null,
    };

    public int ThreadsOf(string method) =>
        method is nameof(ForwardGeneratedTwoThreads) or nameof(BackwardGeneratedTwoThreads) ? 2 : 1;

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _onnx = null;
        _parallel?.Dispose();
        _parallel = null;
        foreach (AlignedArray<T> buffer in (AlignedArray<T>[])[_input, _weights, _bias, _output, _outputGradient, _inputGradient, _weightsGradient, _biasGradient])
        {
            buffer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private void Allocate()
    {
        ConvShape s = _shape = Shape;
        _geometry = GenericKernels.Geometry(s);
        _input = AlignedArray.Random<T>(s.InputLength, seed: 1);
        _weights = AlignedArray.Random<T>(s.WeightsLength, seed: 2);
        _bias = AlignedArray.Random<T>(s.BiasLength, seed: 3);
        _outputGradient = AlignedArray.Random<T>(s.OutputLength, seed: 4);
        if (InputScale != T.One)
        {
            Scale(_input, InputScale);
            Scale(_bias, InputScale);
            Scale(_outputGradient, InputScale);
        }
        _output = AlignedArray.NaNs<T>(s.OutputLength);
        _inputGradient = AlignedArray.NaNs<T>(s.InputLength);
        _weightsGradient = AlignedArray.NaNs<T>(s.WeightsLength);
        _biasGradient = AlignedArray.NaNs<T>(s.BiasLength);
    }

    private static void Scale(Span<T> values, T factor)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }

    private T[] BaselineForward()
    {
        ForwardGeneric();
        T[] expected = _output.ToArray();
        _output.AsSpan().Fill(T.NaN);
        return expected;
    }

    private void FillNaN()
    {
        _inputGradient.AsSpan().Fill(T.NaN);
        _weightsGradient.AsSpan().Fill(T.NaN);
        _biasGradient.AsSpan().Fill(T.NaN);
    }

    private void RequireGradients(T[] dx, T[] dw, T[] db, string what)
    {
        string layer = typeof(TLayer).Name;
        Agreement.Require<T>(_inputGradient, dx, $"{layer} {what}, input gradient");
        Agreement.Require<T>(_weightsGradient, dw, $"{layer} {what}, weights gradient");
        Agreement.Require<T>(_biasGradient, db, $"{layer} {what}, bias gradient");
    }

    private static ReadOnlySpan<float> AsFloat(ReadOnlySpan<T> values) => MemoryMarshal.Cast<T, float>(values);
}
