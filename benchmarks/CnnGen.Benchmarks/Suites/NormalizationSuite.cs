using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CnnGen.Benchmarks.Infrastructure;
using CnnGen.Benchmarks.Layers;

namespace CnnGen.Benchmarks.Suites;

/// <summary>
/// Batch normalization of <see cref="StageNorm"/> (56×56×64, batch 8): the training-mode forward and backward, generic
/// (baseline) and generated, and the evaluation-mode forward, generated and ONNX Runtime's BatchNormalization (float,
/// NCHW). These passes stream the activations and count no FLOPs. Setups check the generated kernels against the generic
/// ones, and ONNX Runtime against the generated evaluation pass.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class BatchNormBenchmarks<T> : IWorkload, IDisposable
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private const int Batch = 8;
    private const string Training = "Training";
    private const string TrainingBackward = "TrainingBackward";
    private const string Evaluation = "Evaluation";

    private static readonly BatchNorm2DGeometry Geometry = new(StageNorm.InputHeight, StageNorm.InputWidth, StageNorm.InputChannels);

    private AlignedArray<T> _input = new(0);
    private AlignedArray<T> _output = new(0);
    private AlignedArray<T> _gradient = new(0);
    private AlignedArray<T> _inputGradient = new(0);
    private T[] _scale = [], _shift = [], _mean = [], _variance = [], _scaleGradient = [], _shiftGradient = [];
    private OnnxLayer? _onnx;

    [GlobalSetup]
    public void Setup()
    {
        int length = Batch * StageNorm.InputLength, channels = StageNorm.InputChannels;
        _input = AlignedArray.Random<T>(length, seed: 1);
        _gradient = AlignedArray.Random<T>(length, seed: 2);
        _output = AlignedArray.NaNs<T>(length);
        _inputGradient = AlignedArray.NaNs<T>(length);
        _scale = Agreement.Random<T>(channels, 3);
        _shift = Agreement.Random<T>(channels, 4);
        _mean = Agreement.Random<T>(channels, 5);
        _variance = Agreement.Random<T>(channels, 6).Select(v => v * v + T.One).ToArray();
        _scaleGradient = new T[channels];
        _shiftGradient = new T[channels];

        // The generated passes against the generic ones (the running statistics of the training pass copied, so both move alike).
        T[] expected = new T[length], mean = _mean.ToArray(), variance = _variance.ToArray();
        BatchNorm2DKernels.ForwardTraining<T>(Geometry, _input, _scale, _shift, expected, mean, variance);
        Norm<StageNorm>.ForwardTraining(_input, _scale, _shift, _output, _mean.ToArray(), _variance.ToArray());
        Agreement.Require<T>(_output, expected, "StageNorm generated training forward");
        BatchNorm2DKernels.BackwardTraining<T>(Geometry, _gradient, _input, _scale, expected, new T[channels], new T[channels]);
        Norm<StageNorm>.BackwardTraining(_gradient, _input, _scale, _inputGradient, _scaleGradient, _shiftGradient);
        Agreement.Require<T>(_inputGradient, expected, "StageNorm generated training backward");
        Norm<StageNorm>.ForwardEvaluation(_input, _scale, _shift, _mean, _variance, _output);
        if (typeof(T) == typeof(float))
        {
            _onnx = OnnxLayer.BatchNormalization(
                Batch, StageNorm.InputHeight, StageNorm.InputWidth, channels, MemoryMarshal.Cast<T, float>(_input.AsSpan()),
                Floats(_scale), Floats(_shift), Floats(_mean), Floats(_variance), (float)StageNorm.Epsilon);
            _onnx.Run();
            float[] actual = Layouts.NchwToNhwc(_onnx.OutputNchw, Batch, StageNorm.InputHeight, StageNorm.InputWidth, channels);
            Agreement.Require<float>(actual, MemoryMarshal.Cast<T, float>(_output.AsSpan()), "StageNorm ONNX Runtime evaluation forward");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Training)]
    public void ForwardTrainingGeneric() => BatchNorm2DKernels.ForwardTraining<T>(Geometry, _input, _scale, _shift, _output, _mean, _variance);

    [Benchmark]
    [BenchmarkCategory(Training)]
    public void ForwardTrainingGenerated() => Norm<StageNorm>.ForwardTraining(_input, _scale, _shift, _output, _mean, _variance);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(TrainingBackward)]
    public void BackwardTrainingGeneric() => BatchNorm2DKernels.BackwardTraining<T>(Geometry, _gradient, _input, _scale, _inputGradient, _scaleGradient, _shiftGradient);

    [Benchmark]
    [BenchmarkCategory(TrainingBackward)]
    public void BackwardTrainingGenerated() => Norm<StageNorm>.BackwardTraining(_gradient, _input, _scale, _inputGradient, _scaleGradient, _shiftGradient);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Evaluation)]
    public void ForwardEvaluationGenerated() => Norm<StageNorm>.ForwardEvaluation(_input, _scale, _shift, _mean, _variance, _output);

    [Benchmark]
    [BenchmarkCategory(Evaluation)]
    public void ForwardEvaluationOnnxRuntimeNchw() => _onnx!.Run();

    public double? FlopsPerInvocation(string category) => null;

    public string? WhyUnavailable(string method) =>
        method == nameof(ForwardEvaluationOnnxRuntimeNchw) && typeof(T) != typeof(float) ? "the ONNX Runtime comparison is float only" : null;

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _onnx = null;
        foreach (AlignedArray<T> buffer in (AlignedArray<T>[])[_input, _output, _gradient, _inputGradient])
        {
            buffer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static float[] Floats(T[] values) => values.Select(float.CreateChecked).ToArray();

    /// <summary>The generated layer's passes in <typeparamref name="T"/>, through its contract (as a user's generic code calls them).</summary>
    private static class Norm<TLayer>
        where TLayer : IBatchNormLayer<float>, IBatchNormLayer<double>
    {
        public static void ForwardTraining(ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, Span<T> output, Span<T> mean, Span<T> variance)
        {
            if (typeof(T) == typeof(float))
            {
                TLayer.ForwardTraining(F(input), F(scale), F(shift), F(output), F(mean), F(variance));
            }
            else
            {
                TLayer.ForwardTraining(D(input), D(scale), D(shift), D(output), D(mean), D(variance));
            }
        }

        public static void ForwardEvaluation(ReadOnlySpan<T> input, ReadOnlySpan<T> scale, ReadOnlySpan<T> shift, ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, Span<T> output)
        {
            if (typeof(T) == typeof(float))
            {
                TLayer.ForwardEvaluation(F(input), F(scale), F(shift), F(mean), F(variance), F(output));
            }
            else
            {
                TLayer.ForwardEvaluation(D(input), D(scale), D(shift), D(mean), D(variance), D(output));
            }
        }

        public static void BackwardTraining(ReadOnlySpan<T> gradient, ReadOnlySpan<T> input, ReadOnlySpan<T> scale, Span<T> inputGradient, Span<T> scaleGradient, Span<T> shiftGradient)
        {
            if (typeof(T) == typeof(float))
            {
                TLayer.BackwardTraining(F(gradient), F(input), F(scale), F(inputGradient), F(scaleGradient), F(shiftGradient));
            }
            else
            {
                TLayer.BackwardTraining(D(gradient), D(input), D(scale), D(inputGradient), D(scaleGradient), D(shiftGradient));
            }
        }
    }

    private static ReadOnlySpan<float> F(ReadOnlySpan<T> span) => MemoryMarshal.Cast<T, float>(span);

    private static Span<float> F(Span<T> span) => MemoryMarshal.Cast<T, float>(span);

    private static ReadOnlySpan<double> D(ReadOnlySpan<T> span) => MemoryMarshal.Cast<T, double>(span);

    private static Span<double> D(Span<T> span) => MemoryMarshal.Cast<T, double>(span);
}

/// <summary>
/// Global average pooling of <see cref="HeadPool"/> (7×7×512, batch 32): generic (baseline), generated and ONNX Runtime's
/// GlobalAveragePool (float, NCHW) forward; generic and generated backward.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class GlobalAvgPoolBenchmarks<T> : IWorkload, IDisposable
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private const int Batch = 32;

    private static readonly GlobalPool2DGeometry Geometry = new(HeadPool.InputHeight, HeadPool.InputWidth, HeadPool.InputChannels);

    private AlignedArray<T> _input = new(0);
    private AlignedArray<T> _output = new(0);
    private AlignedArray<T> _gradient = new(0);
    private AlignedArray<T> _inputGradient = new(0);
    private OnnxLayer? _onnx;

    [GlobalSetup]
    public void Setup()
    {
        _input = AlignedArray.Random<T>(Batch * HeadPool.InputLength, seed: 1);
        _output = AlignedArray.NaNs<T>(Batch * HeadPool.OutputLength);
        _gradient = AlignedArray.Random<T>(Batch * HeadPool.OutputLength, seed: 2);
        _inputGradient = AlignedArray.NaNs<T>(Batch * HeadPool.InputLength);
        T[] expected = new T[_output.Length];
        GlobalAvgPool2DKernels.Forward<T>(Geometry, _input, expected);
        Pool<HeadPool>.Forward(_input, _output);
        Agreement.Require<T>(_output, expected, "HeadPool generated forward");
        T[] expectedGradient = new T[_inputGradient.Length];
        GlobalAvgPool2DKernels.Backward<T>(Geometry, _gradient, _input, expectedGradient);
        Pool<HeadPool>.Backward(_gradient, _input, _inputGradient);
        Agreement.Require<T>(_inputGradient, expectedGradient, "HeadPool generated backward");
        if (typeof(T) == typeof(float))
        {
            _onnx = OnnxLayer.GlobalAveragePool(Batch, HeadPool.InputHeight, HeadPool.InputWidth, HeadPool.InputChannels, MemoryMarshal.Cast<T, float>(_input.AsSpan()));
            _onnx.Run();
            Agreement.Require<float>(_onnx.OutputNchw, MemoryMarshal.Cast<T, float>(_output.AsSpan()), "HeadPool ONNX Runtime forward");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGeneric() => GlobalAvgPool2DKernels.Forward<T>(Geometry, _input, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardGenerated() => Pool<HeadPool>.Forward(_input, _output);

    [Benchmark]
    [BenchmarkCategory(Categories.Forward)]
    public void ForwardOnnxRuntimeNchw() => _onnx!.Run();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGeneric() => GlobalAvgPool2DKernels.Backward<T>(Geometry, _gradient, _input, _inputGradient);

    [Benchmark]
    [BenchmarkCategory(Categories.Backward)]
    public void BackwardGenerated() => Pool<HeadPool>.Backward(_gradient, _input, _inputGradient);

    public double? FlopsPerInvocation(string category) => null;

    public string? WhyUnavailable(string method) =>
        method == nameof(ForwardOnnxRuntimeNchw) && typeof(T) != typeof(float) ? "the ONNX Runtime comparison is float only" : null;

    [GlobalCleanup]
    public void Dispose()
    {
        _onnx?.Dispose();
        _onnx = null;
        foreach (AlignedArray<T> buffer in (AlignedArray<T>[])[_input, _output, _gradient, _inputGradient])
        {
            buffer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The generated layer's passes in <typeparamref name="T"/>, through its contract.</summary>
    private static class Pool<TLayer>
        where TLayer : IUnweightedLayer<float>, IUnweightedLayer<double>
    {
        public static void Forward(ReadOnlySpan<T> input, Span<T> output)
        {
            if (typeof(T) == typeof(float))
            {
                TLayer.Forward(MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(output));
            }
            else
            {
                TLayer.Forward(MemoryMarshal.Cast<T, double>(input), MemoryMarshal.Cast<T, double>(output));
            }
        }

        public static void Backward(ReadOnlySpan<T> gradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        {
            if (typeof(T) == typeof(float))
            {
                TLayer.Backward(MemoryMarshal.Cast<T, float>(gradient), MemoryMarshal.Cast<T, float>(input), MemoryMarshal.Cast<T, float>(inputGradient));
            }
            else
            {
                TLayer.Backward(MemoryMarshal.Cast<T, double>(gradient), MemoryMarshal.Cast<T, double>(input), MemoryMarshal.Cast<T, double>(inputGradient));
            }
        }
    }
}
