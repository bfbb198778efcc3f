using System.Numerics;
using CnnGen;

namespace Digits;

/// <summary>
/// The architecture of <see cref="DigitsNet"/> composed by hand from CnnGen's generic (runtime-shaped) kernels:
/// the same parameter layout (conv1 weights, bias, conv2 weights, bias, dense weights, bias in one flat buffer),
/// the same initialization from the same seed, one buffer per layer. It is the baseline the generated network is
/// timed against, and its twin in tests.
/// </summary>
public sealed class GenericDigitsNet<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Conv2DGeometry Conv1 = new(8, 8, 1, filters: 16, filterSize: 3, stride: 1, pad: 1);
    private static readonly Pool2DGeometry Pool1 = new(8, 8, 16, filterSize: 2, stride: 2);
    private static readonly Conv2DGeometry Conv2 = new(4, 4, 16, filters: 32, filterSize: 3, stride: 1, pad: 1);
    private static readonly Pool2DGeometry Pool2 = new(4, 4, 32, filterSize: 2, stride: 2);
    private static readonly DenseGeometry Dense = new(2 * 2 * 32, 10);

    /// <summary>Where each layer's weights and biases sit in the flat parameter buffer.</summary>
    public const int Conv1Weights = 0;
    public const int Conv1Bias = Conv1Weights + 3 * 3 * 1 * 16;
    public const int Conv2Weights = Conv1Bias + 16;
    public const int Conv2Bias = Conv2Weights + 3 * 3 * 16 * 32;
    public const int DenseWeights = Conv2Bias + 32;
    public const int DenseBias = DenseWeights + 128 * 10;
    public const int ParameterCount = DenseBias + 10;
    public const int InputLength = 64;
    public const int ClassCount = 10;

    private readonly T[] _parameters = new T[ParameterCount];
    private readonly T[] _gradients = new T[ParameterCount];
    private readonly T[] _input, _conv1, _relu1, _pool1, _conv2, _relu2, _pool2, _logits, _probabilities;
    private readonly T[] _dInput, _dConv1, _dRelu1, _dPool1, _dConv2, _dRelu2, _dPool2, _dLogits;
    private int _batch;

    public GenericDigitsNet(int maxBatchSize, ulong seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        MaxBatchSize = maxBatchSize;
        T[] Buffer(int length) => new T[maxBatchSize * length];
        _input = Buffer(InputLength);
        _dInput = Buffer(InputLength);
        _conv1 = Buffer(Conv1.OutputLength);
        _dConv1 = Buffer(Conv1.OutputLength);
        _relu1 = Buffer(Conv1.OutputLength);
        _dRelu1 = Buffer(Conv1.OutputLength);
        _pool1 = Buffer(Pool1.OutputLength);
        _dPool1 = Buffer(Pool1.OutputLength);
        _conv2 = Buffer(Conv2.OutputLength);
        _dConv2 = Buffer(Conv2.OutputLength);
        _relu2 = Buffer(Conv2.OutputLength);
        _dRelu2 = Buffer(Conv2.OutputLength);
        _pool2 = Buffer(Pool2.OutputLength);
        _dPool2 = Buffer(Pool2.OutputLength);
        _logits = Buffer(ClassCount);
        _dLogits = Buffer(ClassCount);
        _probabilities = Buffer(ClassCount);
        InitializeParameters(seed);
    }

    public int MaxBatchSize { get; }

    public Span<T> Parameters => _parameters;

    public ReadOnlySpan<T> Gradients => _gradients;

    public ReadOnlySpan<T> InputGradient => _dInput.AsSpan(0, _batch * InputLength);

    public ReadOnlySpan<T> Probabilities => _probabilities.AsSpan(0, _batch * ClassCount);

    /// <summary>He normal weights drawn layer after layer from one generator, zero biases: as the generated network does.</summary>
    public void InitializeParameters(ulong seed)
    {
        var random = new DeterministicRandom(seed);
        Span<T> p = _parameters;
        ParameterInitialization.HeNormal(p[Conv1Weights..Conv1Bias], 3 * 3 * 1, random);
        p[Conv1Bias..Conv2Weights].Clear();
        ParameterInitialization.HeNormal(p[Conv2Weights..Conv2Bias], 3 * 3 * 16, random);
        p[Conv2Bias..DenseWeights].Clear();
        ParameterInitialization.HeNormal(p[DenseWeights..DenseBias], 128, random);
        p[DenseBias..].Clear();
    }

    /// <summary>Forward pass with labels: returns the mean loss; the probabilities are in <see cref="Probabilities"/>.</summary>
    public T Forward(ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels)
    {
        int m = RunLayers(inputs);
        return SoftmaxCrossEntropyKernels.Forward(ClassCount, _logits.AsSpan(0, m * ClassCount), labels, _probabilities.AsSpan(0, m * ClassCount));
    }

    /// <summary>The most probable class of each example, in chunks of <see cref="MaxBatchSize"/>.</summary>
    public void Predict(ReadOnlySpan<T> inputs, Span<int> predictions)
    {
        int count = inputs.Length / InputLength;
        for (int start = 0; start < count; start += MaxBatchSize)
        {
            int m = Math.Min(MaxBatchSize, count - start);
            RunLayers(inputs.Slice(start * InputLength, m * InputLength));
            SoftmaxCrossEntropyKernels.ArgMax(ClassCount, _logits.AsSpan(0, m * ClassCount), predictions.Slice(start, m));
        }
    }

    /// <summary>Backward pass of the last <see cref="Forward"/>: writes <see cref="Gradients"/> and <see cref="InputGradient"/>.</summary>
    public void Backward(ReadOnlySpan<int> labels)
    {
        int m = _batch;
        Span<T> p = _parameters, g = _gradients;
        SoftmaxCrossEntropyKernels.Backward(ClassCount, _probabilities.AsSpan(0, m * ClassCount), labels, _dLogits.AsSpan(0, m * ClassCount));
        DenseKernels.Backward(Dense, _dLogits.AsSpan(0, m * ClassCount), _pool2.AsSpan(0, m * Dense.InputLength), p[DenseWeights..DenseBias],
            _dPool2.AsSpan(0, m * Dense.InputLength), g[DenseWeights..DenseBias], g[DenseBias..]);
        MaxPool2DKernels.Backward(Pool2, _dPool2.AsSpan(0, m * Pool2.OutputLength), _relu2.AsSpan(0, m * Pool2.InputLength), _dRelu2.AsSpan(0, m * Pool2.InputLength));
        ReLUKernels.Backward<T>(_dRelu2.AsSpan(0, m * Conv2.OutputLength), _conv2.AsSpan(0, m * Conv2.OutputLength), _dConv2.AsSpan(0, m * Conv2.OutputLength));
        Conv2DKernels.Backward(Conv2, _dConv2.AsSpan(0, m * Conv2.OutputLength), _pool1.AsSpan(0, m * Conv2.InputLength), p[Conv2Weights..Conv2Bias],
            _dPool1.AsSpan(0, m * Conv2.InputLength), g[Conv2Weights..Conv2Bias], g[Conv2Bias..DenseWeights]);
        MaxPool2DKernels.Backward(Pool1, _dPool1.AsSpan(0, m * Pool1.OutputLength), _relu1.AsSpan(0, m * Pool1.InputLength), _dRelu1.AsSpan(0, m * Pool1.InputLength));
        ReLUKernels.Backward<T>(_dRelu1.AsSpan(0, m * Conv1.OutputLength), _conv1.AsSpan(0, m * Conv1.OutputLength), _dConv1.AsSpan(0, m * Conv1.OutputLength));
        Conv2DKernels.Backward(Conv1, _dConv1.AsSpan(0, m * Conv1.OutputLength), _input.AsSpan(0, m * InputLength), p[Conv1Weights..Conv1Bias],
            _dInput.AsSpan(0, m * InputLength), g[Conv1Weights..Conv1Bias], g[Conv1Bias..Conv2Weights]);
    }

    /// <summary>
    /// Forward, backward and the optimizer's update; returns the batch's mean loss. As the generated network does, it applies
    /// no update computed from NaN or infinity: it returns a loss that is not finite as is, NaN when the loss is finite but a
    /// gradient is not, and leaves the parameters and the optimizer unchanged.
    /// </summary>
    public T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, IOptimizer<T> optimizer)
    {
        T loss = Forward(inputs, labels);
        Backward(labels);
        if (!T.IsFinite(loss))
        {
            return loss;
        }

        if (!NumericChecks.AllFinite<T>(_gradients))
        {
            return T.NaN;
        }

        optimizer.Step(_parameters, _gradients);
        return loss;
    }

    private int RunLayers(ReadOnlySpan<T> inputs)
    {
        int m = SpanArguments.BatchSize(inputs.Length, InputLength, nameof(inputs));
        if (m < 1 || m > MaxBatchSize)
        {
            throw new ArgumentException($"Expected 1 to {MaxBatchSize} examples, but got {m}.", nameof(inputs));
        }

        _batch = m;
        ReadOnlySpan<T> p = _parameters;
        inputs.CopyTo(_input);
        Conv2DKernels.Forward(Conv1, _input.AsSpan(0, m * InputLength), p[Conv1Weights..Conv1Bias], p[Conv1Bias..Conv2Weights], _conv1.AsSpan(0, m * Conv1.OutputLength));
        ReLUKernels.Forward<T>(_conv1.AsSpan(0, m * Conv1.OutputLength), _relu1.AsSpan(0, m * Conv1.OutputLength));
        MaxPool2DKernels.Forward(Pool1, _relu1.AsSpan(0, m * Pool1.InputLength), _pool1.AsSpan(0, m * Pool1.OutputLength));
        Conv2DKernels.Forward(Conv2, _pool1.AsSpan(0, m * Conv2.InputLength), p[Conv2Weights..Conv2Bias], p[Conv2Bias..DenseWeights], _conv2.AsSpan(0, m * Conv2.OutputLength));
        ReLUKernels.Forward<T>(_conv2.AsSpan(0, m * Conv2.OutputLength), _relu2.AsSpan(0, m * Conv2.OutputLength));
        MaxPool2DKernels.Forward(Pool2, _relu2.AsSpan(0, m * Pool2.InputLength), _pool2.AsSpan(0, m * Pool2.OutputLength));

        // Flatten: in NHWC the pooled maps already are the dense layer's input vectors.
        DenseKernels.Forward(Dense, _pool2.AsSpan(0, m * Dense.InputLength), p[DenseWeights..DenseBias], p[DenseBias..], _logits.AsSpan(0, m * ClassCount));
        return m;
    }
}
