using System.Numerics;

namespace CnnGen.Generated.Tests.Contract;

/// <summary>The eight shape values of a layer, to compare the contract's properties with the layer's constants.</summary>
public readonly record struct LayerShape(
    int InputHeight, int InputWidth, int InputChannels, int OutputHeight, int OutputWidth, int OutputChannels, int InputLength, int OutputLength)
{
    /// <summary>The shape <typeparamref name="TLayer"/> reports through <see cref="ILayerShape"/>.</summary>
    public static LayerShape Of<TLayer>()
        where TLayer : ILayerShape =>
        new(TLayer.InputHeight, TLayer.InputWidth, TLayer.InputChannels, TLayer.OutputHeight, TLayer.OutputWidth, TLayer.OutputChannels, TLayer.InputLength, TLayer.OutputLength);
}

public delegate void WeightedForward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

public delegate void WeightedBackward<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient);

public delegate void WeightedForwardParallel<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, BatchParallel parallel);

public delegate void WeightedBackwardParallel<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient,
    BatchParallel parallel);

public delegate void MapForward<T>(ReadOnlySpan<T> input, Span<T> output);

public delegate void MapForwardParallel<T>(ReadOnlySpan<T> input, Span<T> output, BatchParallel parallel);

public delegate void UnweightedBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);

public delegate void UnweightedBackwardParallel<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient, BatchParallel parallel);

public delegate void ReshapingBackward<T>(ReadOnlySpan<T> outputGradient, Span<T> inputGradient);

public delegate void ReshapingBackwardParallel<T>(ReadOnlySpan<T> outputGradient, Span<T> inputGradient, BatchParallel parallel);

public delegate T LossForward<T>(ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities);

public delegate void LossBackward<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> logitsGradient);

/// <summary>
/// Runs a generated layer once through its layer-contract interface, as generic code does, and once through the layer's
/// own methods (the delegates, bound to the class's method groups by the caller), on the same random batch, and requires
/// the same bits from both, every output written (no NaN left from the prefill) and the contract's shape properties equal
/// to the layer's constants. Each check runs every member of its interface.
/// </summary>
public static class LayerInterfaceChecks
{
    /// <summary>Examples per batch: more than one, so that the batch size is read from the spans and the shards differ.</summary>
    public const int Batch = 3;

    public static void Weighted<TLayer, T>(LayerShape shape, int weightsLength, int biasLength, WeightedForward<T> forward, WeightedBackward<T> backward)
        where TLayer : IWeightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(shape, LayerShape.Of<TLayer>());
        Assert.Equal((weightsLength, biasLength), (TLayer.WeightsLength, TLayer.BiasLength));
        var data = new WeightedData<T>(TLayer.InputLength, TLayer.OutputLength, TLayer.WeightsLength, TLayer.BiasLength);

        Same(data.NewOutput(), data.NewOutput(), y => TLayer.Forward(data.X, data.W, data.B, y), y => forward(data.X, data.W, data.B, y));
        SameGradients(
            data,
            (dx, dw, db) => TLayer.Backward(data.Dy, data.X, data.W, dx, dw, db),
            (dx, dw, db) => backward(data.Dy, data.X, data.W, dx, dw, db));
    }

    public static void ParallelWeighted<TLayer, T>(
        LayerShape shape,
        int weightsLength,
        int biasLength,
        WeightedForward<T> forward,
        WeightedBackward<T> backward,
        WeightedForwardParallel<T> forwardParallel,
        WeightedBackwardParallel<T> backwardParallel,
        BatchParallel parallel)
        where TLayer : IParallelWeightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Weighted<TLayer, T>(shape, weightsLength, biasLength, forward, backward);
        var data = new WeightedData<T>(TLayer.InputLength, TLayer.OutputLength, TLayer.WeightsLength, TLayer.BiasLength);

        Same(data.NewOutput(), data.NewOutput(), y => TLayer.Forward(data.X, data.W, data.B, y, parallel), y => forwardParallel(data.X, data.W, data.B, y, parallel));
        SameGradients(
            data,
            (dx, dw, db) => TLayer.Backward(data.Dy, data.X, data.W, dx, dw, db, parallel),
            (dx, dw, db) => backwardParallel(data.Dy, data.X, data.W, dx, dw, db, parallel));
    }

    public static void Unweighted<TLayer, T>(LayerShape shape, MapForward<T> forward, UnweightedBackward<T> backward)
        where TLayer : IUnweightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(shape, LayerShape.Of<TLayer>());
        T[] x = Random<T>(Batch * TLayer.InputLength, seed: 1);
        T[] dy = Random<T>(Batch * TLayer.OutputLength, seed: 4);
        int outputs = Batch * TLayer.OutputLength;
        int inputs = Batch * TLayer.InputLength;

        Same(NaNs<T>(outputs), NaNs<T>(outputs), y => TLayer.Forward(x, y), y => forward(x, y));
        Same(NaNs<T>(inputs), NaNs<T>(inputs), dx => TLayer.Backward(dy, x, dx), dx => backward(dy, x, dx));
    }

    public static void ParallelUnweighted<TLayer, T>(
        LayerShape shape,
        MapForward<T> forward,
        UnweightedBackward<T> backward,
        MapForwardParallel<T> forwardParallel,
        UnweightedBackwardParallel<T> backwardParallel,
        BatchParallel parallel)
        where TLayer : IParallelUnweightedLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Unweighted<TLayer, T>(shape, forward, backward);
        T[] x = Random<T>(Batch * TLayer.InputLength, seed: 1);
        T[] dy = Random<T>(Batch * TLayer.OutputLength, seed: 4);
        int outputs = Batch * TLayer.OutputLength;
        int inputs = Batch * TLayer.InputLength;

        Same(NaNs<T>(outputs), NaNs<T>(outputs), y => TLayer.Forward(x, y, parallel), y => forwardParallel(x, y, parallel));
        Same(NaNs<T>(inputs), NaNs<T>(inputs), dx => TLayer.Backward(dy, x, dx, parallel), dx => backwardParallel(dy, x, dx, parallel));
    }

    public static void Reshaping<TLayer, T>(LayerShape shape, MapForward<T> forward, ReshapingBackward<T> backward)
        where TLayer : IReshapingLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(shape, LayerShape.Of<TLayer>());
        T[] x = Random<T>(Batch * TLayer.InputLength, seed: 1);
        T[] dy = Random<T>(Batch * TLayer.OutputLength, seed: 4);
        int outputs = Batch * TLayer.OutputLength;
        int inputs = Batch * TLayer.InputLength;

        Same(NaNs<T>(outputs), NaNs<T>(outputs), y => TLayer.Forward(x, y), y => forward(x, y));
        Same(NaNs<T>(inputs), NaNs<T>(inputs), dx => TLayer.Backward(dy, dx), dx => backward(dy, dx));
    }

    public static void ParallelReshaping<TLayer, T>(
        LayerShape shape,
        MapForward<T> forward,
        ReshapingBackward<T> backward,
        MapForwardParallel<T> forwardParallel,
        ReshapingBackwardParallel<T> backwardParallel,
        BatchParallel parallel)
        where TLayer : IParallelReshapingLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Reshaping<TLayer, T>(shape, forward, backward);
        T[] x = Random<T>(Batch * TLayer.InputLength, seed: 1);
        T[] dy = Random<T>(Batch * TLayer.OutputLength, seed: 4);
        int outputs = Batch * TLayer.OutputLength;
        int inputs = Batch * TLayer.InputLength;

        Same(NaNs<T>(outputs), NaNs<T>(outputs), y => TLayer.Forward(x, y, parallel), y => forwardParallel(x, y, parallel));
        Same(NaNs<T>(inputs), NaNs<T>(inputs), dx => TLayer.Backward(dy, dx, parallel), dx => backwardParallel(dy, dx, parallel));
    }

    public static void Loss<TLayer, T>(LayerShape shape, MapForward<T> softmax, LossForward<T> forward, LossBackward<T> backward)
        where TLayer : ILossLayer<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(shape, LayerShape.Of<TLayer>());
        int values = Batch * TLayer.InputLength;
        T[] z = Random<T>(values, seed: 1);
        var random = new Random(5);
        int[] labels = Enumerable.Range(0, Batch).Select(_ => random.Next(TLayer.InputLength)).ToArray();

        Same(NaNs<T>(values), NaNs<T>(values), p => TLayer.Softmax(z, p), p => softmax(z, p));
        T[] viaContract = NaNs<T>(values);
        T[] direct = NaNs<T>(values);
        T lossViaContract = TLayer.Forward(z, labels, viaContract);
        T lossDirect = forward(z, labels, direct);
        Assert.True(T.IsFinite(lossViaContract) && lossViaContract > T.Zero, $"loss {lossViaContract}");
        Assert.Equal(lossDirect, lossViaContract);
        Written(viaContract);
        Assert.Equal(direct, viaContract);

        T[] p = viaContract;
        Same(NaNs<T>(values), NaNs<T>(values), dz => TLayer.Backward(p, labels, dz), dz => backward(p, labels, dz));
    }

    /// <summary>Runs both calls into their own prefilled buffer and requires the same bits, every value written.</summary>
    private static void Same<T>(T[] viaContract, T[] direct, Action<T[]> callViaContract, Action<T[]> callDirect)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        callViaContract(viaContract);
        callDirect(direct);
        Written(viaContract);
        Assert.Equal(direct, viaContract);
    }

    private static void SameGradients<T>(WeightedData<T> data, Action<T[], T[], T[]> viaContract, Action<T[], T[], T[]> direct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (T[] dx, T[] dw, T[] db) = data.NewGradients();
        (T[] dx1, T[] dw1, T[] db1) = data.NewGradients();
        viaContract(dx, dw, db);
        direct(dx1, dw1, db1);
        foreach ((T[] actual, T[] expected) in new[] { (dx, dx1), (dw, dw1), (db, db1) })
        {
            Written(actual);
            Assert.Equal(expected, actual);
        }
    }

    private static void Written<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.NotEmpty(values);
        int unwritten = Array.FindIndex(values, v => T.IsNaN(v));
        Assert.True(unwritten < 0, $"value {unwritten} of {values.Length} was not written");
    }

    private static T[] NaNs<T>(int length)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        values.AsSpan().Fill(T.NaN);
        return values;
    }

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => T.CreateTruncating((random.NextDouble() * 2) - 1)).ToArray();
    }

    /// <summary>A weighted layer's random batch, parameters and output gradient, and fresh NaN-filled outputs.</summary>
    private sealed class WeightedData<T>(int inputLength, int outputLength, int weightsLength, int biasLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[] X { get; } = Random<T>(Batch * inputLength, seed: 1);

        public T[] W { get; } = Random<T>(weightsLength, seed: 2);

        public T[] B { get; } = Random<T>(biasLength, seed: 3);

        public T[] Dy { get; } = Random<T>(Batch * outputLength, seed: 4);

        public T[] NewOutput() => NaNs<T>(Batch * outputLength);

        public (T[] Dx, T[] Dw, T[] Db) NewGradients() => (NaNs<T>(Batch * inputLength), NaNs<T>(weightsLength), NaNs<T>(biasLength));
    }
}
