using BenchmarkDotNet.Attributes;
using CnnGen.Benchmarks.Infrastructure;
using CnnGen.Benchmarks.Layers;

namespace CnnGen.Benchmarks.Suites;

// One class per layer, each run for float and for double. Each class's table puts the generic kernel
// (baseline), the generated kernel and ONNX Runtime side by side, per category (Forward, Backward, Peak).

/// <summary>The notebook's convolution, batch 2.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class NotebookConvBenchmarks<T> : ConvSuite<NotebookConv, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 2;

    protected override ConvWindow Window => new(NotebookConv.FilterSize, NotebookConv.Stride, NotebookConv.Pad);
}

/// <summary>The mid layer, batch 32: 0.302 GFLOP forward.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class MidConvBenchmarks<T> : ConvSuite<MidConv, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 32;

    protected override ConvWindow Window => new(MidConv.FilterSize, MidConv.Stride, MidConv.Pad);

    protected override bool HasTwoThreadRows => true;
}

/// <summary>
/// The mid layer, batch 32, fed subnormal values: inputs, biases and output gradients scaled by 1e-39 (float) or
/// 1e-309 (double), below the smallest normal number, so every product and sum is denormal. Compare its rows with
/// <see cref="MidConvBenchmarks{T}"/>: equal times mean denormals cost the kernels nothing.
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class MidConvSubnormalBenchmarks<T> : ConvSuite<MidConv, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 32;

    protected override ConvWindow Window => new(MidConv.FilterSize, MidConv.Stride, MidConv.Pad);

    protected override T InputScale => typeof(T) == typeof(float) ? T.CreateChecked(1e-39) : T.CreateChecked(1e-309);
}

/// <summary>The first layer on 28×28 grey images, batch 32.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class FirstConvBenchmarks<T> : ConvSuite<FirstConv, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 32;

    protected override ConvWindow Window => new(FirstConv.FilterSize, FirstConv.Stride, FirstConv.Pad);
}

/// <summary>The stride-2 down-sampling layer, batch 8.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class StridedConvBenchmarks<T> : ConvSuite<StridedConv, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 8;

    protected override ConvWindow Window => new(StridedConv.FilterSize, StridedConv.Stride, StridedConv.Pad);

    protected override bool HasTwoThreadRows => true;
}

/// <summary>The notebook's max pool, stride 2, batch 2.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class NotebookMaxPoolStride2Benchmarks<T> : PoolSuite<NotebookMaxPoolStride2, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 2;

    protected override PoolWindow Window => new(PoolKind.Max, NotebookMaxPoolStride2.FilterSize, NotebookMaxPoolStride2.Stride);
}

/// <summary>The notebook's max pool, stride 1, batch 2.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class NotebookMaxPoolStride1Benchmarks<T> : PoolSuite<NotebookMaxPoolStride1, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 2;

    protected override PoolWindow Window => new(PoolKind.Max, NotebookMaxPoolStride1.FilterSize, NotebookMaxPoolStride1.Stride);
}

/// <summary>The notebook's average pool, stride 2, batch 2.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class NotebookAvgPoolStride2Benchmarks<T> : PoolSuite<NotebookAvgPoolStride2, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 2;

    protected override PoolWindow Window => new(PoolKind.Average, NotebookAvgPoolStride2.FilterSize, NotebookAvgPoolStride2.Stride);
}

/// <summary>The notebook's average pool, stride 1, batch 2.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class NotebookAvgPoolStride1Benchmarks<T> : PoolSuite<NotebookAvgPoolStride1, T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    protected override int Batch => 2;

    protected override PoolWindow Window => new(PoolKind.Average, NotebookAvgPoolStride1.FilterSize, NotebookAvgPoolStride1.Stride);
}
