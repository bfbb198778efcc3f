namespace CnnGen.Generated.Tests.Conv;

/// <summary>The mid layer of the benchmarks: 32×32×16 → 32, f 3, stride 1, pad 1.</summary>
[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 32, InputWidth = 32, InputChannels = 16, Filters = 32)]
public partial class MidConv { }

/// <summary>The first layer of the benchmarks: 28×28×1 → 8, f 5, pad 2.</summary>
[Conv2D(f: 5, stride: 1, pad: 2, InputHeight = 28, InputWidth = 28, InputChannels = 1, Filters = 8)]
public partial class FirstConv { }

/// <summary>The strided layer of the benchmarks: 56×56×64 → 64, f 3, stride 2, pad 1.</summary>
[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 64)]
public partial class StridedConv { }

/// <summary>A big layer that must still build quickly and stay inside the JIT's optimization limits.</summary>
[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 64, InputWidth = 64, InputChannels = 32, Filters = 64)]
public partial class BigConv { }

internal static class BenchmarkLayers
{
    public static readonly ConvLayerCase[] All =
    [
        new("MidConv", new ConvShape(32, 32, 16, 32, 3, 1, 1), MidConv.Forward, MidConv.Forward, MidConv.Backward, MidConv.Backward),
        new("FirstConv", new ConvShape(28, 28, 1, 8, 5, 1, 2), FirstConv.Forward, FirstConv.Forward, FirstConv.Backward, FirstConv.Backward),
        new("StridedConv", new ConvShape(56, 56, 64, 64, 3, 2, 1), StridedConv.Forward, StridedConv.Forward, StridedConv.Backward, StridedConv.Backward),
    ];
}
