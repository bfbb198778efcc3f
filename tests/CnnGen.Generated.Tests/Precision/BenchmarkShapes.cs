using CnnGen.Generated.Tests.Conv;
using CnnGen.Generated.Tests.Layers;
using CnnGen.Generated.Tests.Pooling;

namespace CnnGen.Generated.Tests.Precision;

/// <summary>A generated convolution at the batch size its benchmark runs it with, and the seed of its test inputs.</summary>
internal sealed record ConvBenchmarkCase(ConvLayerCase Layer, int Batch, int Seed)
{
    public string Name => $"{Layer.Name} {Layer.Shape}, batch {Batch}";
}

/// <summary>A generated pooling layer at the batch size its benchmark runs it with, and the seed of its test inputs.</summary>
internal sealed record PoolBenchmarkCase(PoolCase Layer, int Batch, int Seed)
{
    public string Name => $"{Layer.Name} {Layer.H}x{Layer.W}x{Layer.C} f{Layer.F} s{Layer.S}, batch {Batch}";
}

/// <summary>
/// Every shape the benchmarks measure (benchmarks/CnnGen.Benchmarks/Layers/BenchmarkLayers.cs), each with its suite's
/// batch size (Suites/Layers.cs), bound to the layers this project declares with the same attributes: the notebook's
/// convolution and pools are <see cref="SeedConv"/>, <see cref="SeedMaxPool"/>, <see cref="SeedMaxPoolStride1"/>,
/// <see cref="SeedAvgPool"/> and <see cref="SeedAvgPoolStride1"/>; the mid, first and strided layers are
/// <see cref="MidConv"/>, <see cref="FirstConv"/> and <see cref="StridedConv"/>. Shapes are read back from the
/// generated constants, so each is written down once, in its attribute.
/// </summary>
internal static class BenchmarkShapes
{
    public static readonly ConvBenchmarkCase[] Convolutions =
    [
        new(
            new ConvLayerCase(
                "NotebookConv",
                new ConvShape(SeedConv.InputHeight, SeedConv.InputWidth, SeedConv.InputChannels, SeedConv.OutputChannels, SeedConv.FilterSize, SeedConv.Stride, SeedConv.Pad),
                SeedConv.Forward, SeedConv.Forward, SeedConv.Backward, SeedConv.Backward),
            Batch: 2,
            Seed: 1),
        new(Benchmark("MidConv"), Batch: 32, Seed: 2),
        new(Benchmark("FirstConv"), Batch: 32, Seed: 3),
        new(Benchmark("StridedConv"), Batch: 8, Seed: 4),
    ];

    public static readonly PoolBenchmarkCase[] Pools =
    [
        new(
            new PoolCase(
                "NotebookMaxPoolStride2", PoolKind.Max,
                SeedMaxPool.InputHeight, SeedMaxPool.InputWidth, SeedMaxPool.InputChannels, SeedMaxPool.FilterSize, SeedMaxPool.Stride,
                SeedMaxPool.OutputHeight, SeedMaxPool.OutputWidth,
                SeedMaxPool.Forward, SeedMaxPool.Forward, SeedMaxPool.Backward, SeedMaxPool.Backward),
            Batch: 2,
            Seed: 5),
        new(
            new PoolCase(
                "NotebookMaxPoolStride1", PoolKind.Max,
                SeedMaxPoolStride1.InputHeight, SeedMaxPoolStride1.InputWidth, SeedMaxPoolStride1.InputChannels, SeedMaxPoolStride1.FilterSize, SeedMaxPoolStride1.Stride,
                SeedMaxPoolStride1.OutputHeight, SeedMaxPoolStride1.OutputWidth,
                SeedMaxPoolStride1.Forward, SeedMaxPoolStride1.Forward, SeedMaxPoolStride1.Backward, SeedMaxPoolStride1.Backward),
            Batch: 2,
            Seed: 6),
        new(
            new PoolCase(
                "NotebookAvgPoolStride2", PoolKind.Average,
                SeedAvgPool.InputHeight, SeedAvgPool.InputWidth, SeedAvgPool.InputChannels, SeedAvgPool.FilterSize, SeedAvgPool.Stride,
                SeedAvgPool.OutputHeight, SeedAvgPool.OutputWidth,
                SeedAvgPool.Forward, SeedAvgPool.Forward, SeedAvgPool.Backward, SeedAvgPool.Backward),
            Batch: 2,
            Seed: 7),
        new(
            new PoolCase(
                "NotebookAvgPoolStride1", PoolKind.Average,
                SeedAvgPoolStride1.InputHeight, SeedAvgPoolStride1.InputWidth, SeedAvgPoolStride1.InputChannels, SeedAvgPoolStride1.FilterSize, SeedAvgPoolStride1.Stride,
                SeedAvgPoolStride1.OutputHeight, SeedAvgPoolStride1.OutputWidth,
                SeedAvgPoolStride1.Forward, SeedAvgPoolStride1.Forward, SeedAvgPoolStride1.Backward, SeedAvgPoolStride1.Backward),
            Batch: 2,
            Seed: 8),
    ];

    public static ConvBenchmarkCase Convolution(string name) => Convolutions.Single(c => c.Name == name);

    public static PoolBenchmarkCase Pool(string name) => Pools.Single(c => c.Name == name);

    private static ConvLayerCase Benchmark(string name) => BenchmarkLayers.All.Single(c => c.Name == name);
}
