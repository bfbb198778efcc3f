using System.Numerics;
using System.Runtime.InteropServices;

namespace CnnGen.Generated.Tests.Threading;

public delegate void ConvForward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output);

public delegate void ConvForwardSharded<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output, BatchParallel parallel);

public delegate void ConvBackward<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient);

public delegate void ConvBackwardSharded<T>(
    ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient,
    BatchParallel parallel);

/// <summary>A pool's or zero padding's forward, or the padding's crop: one span in, one span out.</summary>
public delegate void SpanMap<T>(ReadOnlySpan<T> from, Span<T> to);

public delegate void SpanMapSharded<T>(ReadOnlySpan<T> from, Span<T> to, BatchParallel parallel);

public delegate void PoolBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient);

public delegate void PoolBackwardSharded<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient, BatchParallel parallel);

/// <summary>A declared convolution's lengths and its single-thread and sharded overloads for one element type.</summary>
public sealed record ShardedConvApi<T>(
    int InputLength,
    int OutputLength,
    int WeightsLength,
    int BiasLength,
    int OutputPixels,
    ConvForward<T> Forward,
    ConvForwardSharded<T> ForwardSharded,
    ConvBackward<T> Backward,
    ConvBackwardSharded<T> BackwardSharded);

/// <summary>A declared pool's lengths and overloads for one element type.</summary>
public sealed record ShardedPoolApi<T>(
    int InputLength,
    int OutputLength,
    SpanMap<T> Forward,
    SpanMapSharded<T> ForwardSharded,
    PoolBackward<T> Backward,
    PoolBackwardSharded<T> BackwardSharded);

/// <summary>The layers of <c>ThreadingLayers.cs</c> by name, bound to their overloads (method groups pick the overload by delegate type).</summary>
internal static class ShardedLayers
{
    public static readonly string[] Convs =
        [nameof(ShardedNotebookConv), nameof(ShardedNarrowConv), nameof(ShardedWideConv), nameof(ShardedStridedConv)];

    public static readonly string[] Pools = [nameof(ShardedMaxPool), nameof(ShardedAvgPool)];

    public static ShardedConvApi<T> Conv<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        object api = typeof(T) == typeof(float) ? FloatConv(name) : DoubleConv(name);
        return (ShardedConvApi<T>)api;
    }

    public static ShardedPoolApi<T> Pool<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        object api = typeof(T) == typeof(float) ? FloatPool(name) : DoublePool(name);
        return (ShardedPoolApi<T>)api;
    }

    private static ShardedConvApi<float> FloatConv(string name) => name switch
    {
        nameof(ShardedNotebookConv) => new(
            ShardedNotebookConv.InputLength, ShardedNotebookConv.OutputLength, ShardedNotebookConv.WeightsLength, ShardedNotebookConv.BiasLength,
            ShardedNotebookConv.OutputHeight * ShardedNotebookConv.OutputWidth,
            ShardedNotebookConv.Forward, ShardedNotebookConv.Forward, ShardedNotebookConv.Backward, ShardedNotebookConv.Backward),
        nameof(ShardedNarrowConv) => new(
            ShardedNarrowConv.InputLength, ShardedNarrowConv.OutputLength, ShardedNarrowConv.WeightsLength, ShardedNarrowConv.BiasLength,
            ShardedNarrowConv.OutputHeight * ShardedNarrowConv.OutputWidth,
            ShardedNarrowConv.Forward, ShardedNarrowConv.Forward, ShardedNarrowConv.Backward, ShardedNarrowConv.Backward),
        nameof(ShardedWideConv) => new(
            ShardedWideConv.InputLength, ShardedWideConv.OutputLength, ShardedWideConv.WeightsLength, ShardedWideConv.BiasLength,
            ShardedWideConv.OutputHeight * ShardedWideConv.OutputWidth,
            ShardedWideConv.Forward, ShardedWideConv.Forward, ShardedWideConv.Backward, ShardedWideConv.Backward),
        nameof(ShardedStridedConv) => new(
            ShardedStridedConv.InputLength, ShardedStridedConv.OutputLength, ShardedStridedConv.WeightsLength, ShardedStridedConv.BiasLength,
            ShardedStridedConv.OutputHeight * ShardedStridedConv.OutputWidth,
            ShardedStridedConv.Forward, ShardedStridedConv.Forward, ShardedStridedConv.Backward, ShardedStridedConv.Backward),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such convolution in ThreadingLayers.cs."),
    };

    private static ShardedConvApi<double> DoubleConv(string name) => name switch
    {
        nameof(ShardedNotebookConv) => new(
            ShardedNotebookConv.InputLength, ShardedNotebookConv.OutputLength, ShardedNotebookConv.WeightsLength, ShardedNotebookConv.BiasLength,
            ShardedNotebookConv.OutputHeight * ShardedNotebookConv.OutputWidth,
            ShardedNotebookConv.Forward, ShardedNotebookConv.Forward, ShardedNotebookConv.Backward, ShardedNotebookConv.Backward),
        nameof(ShardedNarrowConv) => new(
            ShardedNarrowConv.InputLength, ShardedNarrowConv.OutputLength, ShardedNarrowConv.WeightsLength, ShardedNarrowConv.BiasLength,
            ShardedNarrowConv.OutputHeight * ShardedNarrowConv.OutputWidth,
            ShardedNarrowConv.Forward, ShardedNarrowConv.Forward, ShardedNarrowConv.Backward, ShardedNarrowConv.Backward),
        nameof(ShardedWideConv) => new(
            ShardedWideConv.InputLength, ShardedWideConv.OutputLength, ShardedWideConv.WeightsLength, ShardedWideConv.BiasLength,
            ShardedWideConv.OutputHeight * ShardedWideConv.OutputWidth,
            ShardedWideConv.Forward, ShardedWideConv.Forward, ShardedWideConv.Backward, ShardedWideConv.Backward),
        nameof(ShardedStridedConv) => new(
            ShardedStridedConv.InputLength, ShardedStridedConv.OutputLength, ShardedStridedConv.WeightsLength, ShardedStridedConv.BiasLength,
            ShardedStridedConv.OutputHeight * ShardedStridedConv.OutputWidth,
            ShardedStridedConv.Forward, ShardedStridedConv.Forward, ShardedStridedConv.Backward, ShardedStridedConv.Backward),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such convolution in ThreadingLayers.cs."),
    };

    private static ShardedPoolApi<float> FloatPool(string name) => name switch
    {
        nameof(ShardedMaxPool) => new(
            ShardedMaxPool.InputLength, ShardedMaxPool.OutputLength,
            ShardedMaxPool.Forward, ShardedMaxPool.Forward, ShardedMaxPool.Backward, ShardedMaxPool.Backward),
        nameof(ShardedAvgPool) => new(
            ShardedAvgPool.InputLength, ShardedAvgPool.OutputLength,
            ShardedAvgPool.Forward, ShardedAvgPool.Forward, ShardedAvgPool.Backward, ShardedAvgPool.Backward),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such pool in ThreadingLayers.cs."),
    };

    private static ShardedPoolApi<double> DoublePool(string name) => name switch
    {
        nameof(ShardedMaxPool) => new(
            ShardedMaxPool.InputLength, ShardedMaxPool.OutputLength,
            ShardedMaxPool.Forward, ShardedMaxPool.Forward, ShardedMaxPool.Backward, ShardedMaxPool.Backward),
        nameof(ShardedAvgPool) => new(
            ShardedAvgPool.InputLength, ShardedAvgPool.OutputLength,
            ShardedAvgPool.Forward, ShardedAvgPool.Forward, ShardedAvgPool.Backward, ShardedAvgPool.Backward),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such pool in ThreadingLayers.cs."),
    };

    /// <summary>Values uniform in [−1, 1), the same for a given seed.</summary>
    public static T[] Values<T>(int count, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateTruncating(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    /// <summary>Every value NaN, so a value the kernel should have written and did not stands out.</summary>
    public static T[] NaNs<T>(int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new T[count];
        values.AsSpan().Fill(T.NaN);
        return values;
    }

    /// <summary>Compares as bits, so the sign of zero and NaN payloads count too.</summary>
    public static void AssertBitIdentical<T>(string what, ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!MemoryMarshal.AsBytes(expected.Slice(i, 1)).SequenceEqual(MemoryMarshal.AsBytes(actual.Slice(i, 1))))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}.");
            }
        }
    }
}
