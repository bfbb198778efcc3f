// The differential test matrix: one pool layer per (mode, f, stride), channels rotating through 1, 3, 15, 17, 31, 33
// (15 doubles and 31 floats take every vector width: 8+4+2+1 and 16+8+4+2+1). Heights and widths are chosen so that
// for stride > 1 the stride does not divide (H − f) along one axis and does along the other.
#pragma warning disable CNN0010 // The matrix deliberately has strides that leave the last rows unread.

namespace CnnGen.Generated.Tests.Pooling;

[MaxPool2D(1, 1, InputHeight = 4, InputWidth = 3, InputChannels = 1)]
public partial class MaxF1S1C1 { }

[MaxPool2D(1, 2, InputHeight = 6, InputWidth = 5, InputChannels = 3)]
public partial class MaxF1S2C3 { }

[MaxPool2D(1, 3, InputHeight = 8, InputWidth = 7, InputChannels = 15)]
public partial class MaxF1S3C15 { }

[MaxPool2D(2, 1, InputHeight = 5, InputWidth = 4, InputChannels = 17)]
public partial class MaxF2S1C17 { }

[MaxPool2D(2, 2, InputHeight = 7, InputWidth = 6, InputChannels = 31)]
public partial class MaxF2S2C31 { }

[MaxPool2D(2, 3, InputHeight = 9, InputWidth = 8, InputChannels = 33)]
public partial class MaxF2S3C33 { }

[MaxPool2D(3, 1, InputHeight = 6, InputWidth = 5, InputChannels = 1)]
public partial class MaxF3S1C1 { }

[MaxPool2D(3, 2, InputHeight = 8, InputWidth = 7, InputChannels = 3)]
public partial class MaxF3S2C3 { }

[MaxPool2D(3, 3, InputHeight = 10, InputWidth = 9, InputChannels = 15)]
public partial class MaxF3S3C15 { }

[MaxPool2D(4, 1, InputHeight = 7, InputWidth = 6, InputChannels = 17)]
public partial class MaxF4S1C17 { }

[MaxPool2D(4, 2, InputHeight = 9, InputWidth = 8, InputChannels = 31)]
public partial class MaxF4S2C31 { }

[MaxPool2D(4, 3, InputHeight = 11, InputWidth = 10, InputChannels = 33)]
public partial class MaxF4S3C33 { }

[MaxPool2D(5, 1, InputHeight = 8, InputWidth = 7, InputChannels = 1)]
public partial class MaxF5S1C1 { }

[MaxPool2D(5, 2, InputHeight = 10, InputWidth = 9, InputChannels = 3)]
public partial class MaxF5S2C3 { }

[MaxPool2D(5, 3, InputHeight = 12, InputWidth = 11, InputChannels = 15)]
public partial class MaxF5S3C15 { }

[AvgPool2D(1, 1, InputHeight = 4, InputWidth = 3, InputChannels = 17)]
public partial class AvgF1S1C17 { }

[AvgPool2D(1, 2, InputHeight = 6, InputWidth = 5, InputChannels = 31)]
public partial class AvgF1S2C31 { }

[AvgPool2D(1, 3, InputHeight = 8, InputWidth = 7, InputChannels = 33)]
public partial class AvgF1S3C33 { }

[AvgPool2D(2, 1, InputHeight = 5, InputWidth = 4, InputChannels = 1)]
public partial class AvgF2S1C1 { }

[AvgPool2D(2, 2, InputHeight = 7, InputWidth = 6, InputChannels = 3)]
public partial class AvgF2S2C3 { }

[AvgPool2D(2, 3, InputHeight = 9, InputWidth = 8, InputChannels = 15)]
public partial class AvgF2S3C15 { }

[AvgPool2D(3, 1, InputHeight = 6, InputWidth = 5, InputChannels = 17)]
public partial class AvgF3S1C17 { }

[AvgPool2D(3, 2, InputHeight = 8, InputWidth = 7, InputChannels = 31)]
public partial class AvgF3S2C31 { }

[AvgPool2D(3, 3, InputHeight = 10, InputWidth = 9, InputChannels = 33)]
public partial class AvgF3S3C33 { }

[AvgPool2D(4, 1, InputHeight = 7, InputWidth = 6, InputChannels = 1)]
public partial class AvgF4S1C1 { }

[AvgPool2D(4, 2, InputHeight = 9, InputWidth = 8, InputChannels = 3)]
public partial class AvgF4S2C3 { }

[AvgPool2D(4, 3, InputHeight = 11, InputWidth = 10, InputChannels = 15)]
public partial class AvgF4S3C15 { }

[AvgPool2D(5, 1, InputHeight = 8, InputWidth = 7, InputChannels = 17)]
public partial class AvgF5S1C17 { }

[AvgPool2D(5, 2, InputHeight = 10, InputWidth = 9, InputChannels = 31)]
public partial class AvgF5S2C31 { }

[AvgPool2D(5, 3, InputHeight = 12, InputWidth = 11, InputChannels = 33)]
public partial class AvgF5S3C33 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 1)]
public partial class MaxF3S2Wide1 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 3)]
public partial class MaxF3S2Wide3 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 15)]
public partial class MaxF3S2Wide15 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 17)]
public partial class MaxF3S2Wide17 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 31)]
public partial class MaxF3S2Wide31 { }

[MaxPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 33)]
public partial class MaxF3S2Wide33 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 1)]
public partial class AvgF3S2Wide1 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 3)]
public partial class AvgF3S2Wide3 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 15)]
public partial class AvgF3S2Wide15 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 17)]
public partial class AvgF3S2Wide17 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 31)]
public partial class AvgF3S2Wide31 { }

[AvgPool2D(3, 2, InputHeight = 9, InputWidth = 8, InputChannels = 33)]
public partial class AvgF3S2Wide33 { }

/// <summary>Every layer of the matrix, as a test case.</summary>
public static class PoolMatrix
{
    public static readonly PoolCase[] Cases =
    [
        new(nameof(MaxF1S1C1), PoolKind.Max, MaxF1S1C1.InputHeight, MaxF1S1C1.InputWidth, MaxF1S1C1.InputChannels, MaxF1S1C1.FilterSize, MaxF1S1C1.Stride, MaxF1S1C1.OutputHeight, MaxF1S1C1.OutputWidth, MaxF1S1C1.Forward, MaxF1S1C1.Forward, MaxF1S1C1.Backward, MaxF1S1C1.Backward),
        new(nameof(MaxF1S2C3), PoolKind.Max, MaxF1S2C3.InputHeight, MaxF1S2C3.InputWidth, MaxF1S2C3.InputChannels, MaxF1S2C3.FilterSize, MaxF1S2C3.Stride, MaxF1S2C3.OutputHeight, MaxF1S2C3.OutputWidth, MaxF1S2C3.Forward, MaxF1S2C3.Forward, MaxF1S2C3.Backward, MaxF1S2C3.Backward),
        new(nameof(MaxF1S3C15), PoolKind.Max, MaxF1S3C15.InputHeight, MaxF1S3C15.InputWidth, MaxF1S3C15.InputChannels, MaxF1S3C15.FilterSize, MaxF1S3C15.Stride, MaxF1S3C15.OutputHeight, MaxF1S3C15.OutputWidth, MaxF1S3C15.Forward, MaxF1S3C15.Forward, MaxF1S3C15.Backward, MaxF1S3C15.Backward),
        new(nameof(MaxF2S1C17), PoolKind.Max, MaxF2S1C17.InputHeight, MaxF2S1C17.InputWidth, MaxF2S1C17.InputChannels, MaxF2S1C17.FilterSize, MaxF2S1C17.Stride, MaxF2S1C17.OutputHeight, MaxF2S1C17.OutputWidth, MaxF2S1C17.Forward, MaxF2S1C17.Forward, MaxF2S1C17.Backward, MaxF2S1C17.Backward),
        new(nameof(MaxF2S2C31), PoolKind.Max, MaxF2S2C31.InputHeight, MaxF2S2C31.InputWidth, MaxF2S2C31.InputChannels, MaxF2S2C31.FilterSize, MaxF2S2C31.Stride, MaxF2S2C31.OutputHeight, MaxF2S2C31.OutputWidth, MaxF2S2C31.Forward, MaxF2S2C31.Forward, MaxF2S2C31.Backward, MaxF2S2C31.Backward),
        new(nameof(MaxF2S3C33), PoolKind.Max, MaxF2S3C33.InputHeight, MaxF2S3C33.InputWidth, MaxF2S3C33.InputChannels, MaxF2S3C33.FilterSize, MaxF2S3C33.Stride, MaxF2S3C33.OutputHeight, MaxF2S3C33.OutputWidth, MaxF2S3C33.Forward, MaxF2S3C33.Forward, MaxF2S3C33.Backward, MaxF2S3C33.Backward),
        new(nameof(MaxF3S1C1), PoolKind.Max, MaxF3S1C1.InputHeight, MaxF3S1C1.InputWidth, MaxF3S1C1.InputChannels, MaxF3S1C1.FilterSize, MaxF3S1C1.Stride, MaxF3S1C1.OutputHeight, MaxF3S1C1.OutputWidth, MaxF3S1C1.Forward, MaxF3S1C1.Forward, MaxF3S1C1.Backward, MaxF3S1C1.Backward),
        new(nameof(MaxF3S2C3), PoolKind.Max, MaxF3S2C3.InputHeight, MaxF3S2C3.InputWidth, MaxF3S2C3.InputChannels, MaxF3S2C3.FilterSize, MaxF3S2C3.Stride, MaxF3S2C3.OutputHeight, MaxF3S2C3.OutputWidth, MaxF3S2C3.Forward, MaxF3S2C3.Forward, MaxF3S2C3.Backward, MaxF3S2C3.Backward),
        new(nameof(MaxF3S3C15), PoolKind.Max, MaxF3S3C15.InputHeight, MaxF3S3C15.InputWidth, MaxF3S3C15.InputChannels, MaxF3S3C15.FilterSize, MaxF3S3C15.Stride, MaxF3S3C15.OutputHeight, MaxF3S3C15.OutputWidth, MaxF3S3C15.Forward, MaxF3S3C15.Forward, MaxF3S3C15.Backward, MaxF3S3C15.Backward),
        new(nameof(MaxF4S1C17), PoolKind.Max, MaxF4S1C17.InputHeight, MaxF4S1C17.InputWidth, MaxF4S1C17.InputChannels, MaxF4S1C17.FilterSize, MaxF4S1C17.Stride, MaxF4S1C17.OutputHeight, MaxF4S1C17.OutputWidth, MaxF4S1C17.Forward, MaxF4S1C17.Forward, MaxF4S1C17.Backward, MaxF4S1C17.Backward),
        new(nameof(MaxF4S2C31), PoolKind.Max, MaxF4S2C31.InputHeight, MaxF4S2C31.InputWidth, MaxF4S2C31.InputChannels, MaxF4S2C31.FilterSize, MaxF4S2C31.Stride, MaxF4S2C31.OutputHeight, MaxF4S2C31.OutputWidth, MaxF4S2C31.Forward, MaxF4S2C31.Forward, MaxF4S2C31.Backward, MaxF4S2C31.Backward),
        new(nameof(MaxF4S3C33), PoolKind.Max, MaxF4S3C33.InputHeight, MaxF4S3C33.InputWidth, MaxF4S3C33.InputChannels, MaxF4S3C33.FilterSize, MaxF4S3C33.Stride, MaxF4S3C33.OutputHeight, MaxF4S3C33.OutputWidth, MaxF4S3C33.Forward, MaxF4S3C33.Forward, MaxF4S3C33.Backward, MaxF4S3C33.Backward),
        new(nameof(MaxF5S1C1), PoolKind.Max, MaxF5S1C1.InputHeight, MaxF5S1C1.InputWidth, MaxF5S1C1.InputChannels, MaxF5S1C1.FilterSize, MaxF5S1C1.Stride, MaxF5S1C1.OutputHeight, MaxF5S1C1.OutputWidth, MaxF5S1C1.Forward, MaxF5S1C1.Forward, MaxF5S1C1.Backward, MaxF5S1C1.Backward),
        new(nameof(MaxF5S2C3), PoolKind.Max, MaxF5S2C3.InputHeight, MaxF5S2C3.InputWidth, MaxF5S2C3.InputChannels, MaxF5S2C3.FilterSize, MaxF5S2C3.Stride, MaxF5S2C3.OutputHeight, MaxF5S2C3.OutputWidth, MaxF5S2C3.Forward, MaxF5S2C3.Forward, MaxF5S2C3.Backward, MaxF5S2C3.Backward),
        new(nameof(MaxF5S3C15), PoolKind.Max, MaxF5S3C15.InputHeight, MaxF5S3C15.InputWidth, MaxF5S3C15.InputChannels, MaxF5S3C15.FilterSize, MaxF5S3C15.Stride, MaxF5S3C15.OutputHeight, MaxF5S3C15.OutputWidth, MaxF5S3C15.Forward, MaxF5S3C15.Forward, MaxF5S3C15.Backward, MaxF5S3C15.Backward),
        new(nameof(AvgF1S1C17), PoolKind.Average, AvgF1S1C17.InputHeight, AvgF1S1C17.InputWidth, AvgF1S1C17.InputChannels, AvgF1S1C17.FilterSize, AvgF1S1C17.Stride, AvgF1S1C17.OutputHeight, AvgF1S1C17.OutputWidth, AvgF1S1C17.Forward, AvgF1S1C17.Forward, AvgF1S1C17.Backward, AvgF1S1C17.Backward),
        new(nameof(AvgF1S2C31), PoolKind.Average, AvgF1S2C31.InputHeight, AvgF1S2C31.InputWidth, AvgF1S2C31.InputChannels, AvgF1S2C31.FilterSize, AvgF1S2C31.Stride, AvgF1S2C31.OutputHeight, AvgF1S2C31.OutputWidth, AvgF1S2C31.Forward, AvgF1S2C31.Forward, AvgF1S2C31.Backward, AvgF1S2C31.Backward),
        new(nameof(AvgF1S3C33), PoolKind.Average, AvgF1S3C33.InputHeight, AvgF1S3C33.InputWidth, AvgF1S3C33.InputChannels, AvgF1S3C33.FilterSize, AvgF1S3C33.Stride, AvgF1S3C33.OutputHeight, AvgF1S3C33.OutputWidth, AvgF1S3C33.Forward, AvgF1S3C33.Forward, AvgF1S3C33.Backward, AvgF1S3C33.Backward),
        new(nameof(AvgF2S1C1), PoolKind.Average, AvgF2S1C1.InputHeight, AvgF2S1C1.InputWidth, AvgF2S1C1.InputChannels, AvgF2S1C1.FilterSize, AvgF2S1C1.Stride, AvgF2S1C1.OutputHeight, AvgF2S1C1.OutputWidth, AvgF2S1C1.Forward, AvgF2S1C1.Forward, AvgF2S1C1.Backward, AvgF2S1C1.Backward),
        new(nameof(AvgF2S2C3), PoolKind.Average, AvgF2S2C3.InputHeight, AvgF2S2C3.InputWidth, AvgF2S2C3.InputChannels, AvgF2S2C3.FilterSize, AvgF2S2C3.Stride, AvgF2S2C3.OutputHeight, AvgF2S2C3.OutputWidth, AvgF2S2C3.Forward, AvgF2S2C3.Forward, AvgF2S2C3.Backward, AvgF2S2C3.Backward),
        new(nameof(AvgF2S3C15), PoolKind.Average, AvgF2S3C15.InputHeight, AvgF2S3C15.InputWidth, AvgF2S3C15.InputChannels, AvgF2S3C15.FilterSize, AvgF2S3C15.Stride, AvgF2S3C15.OutputHeight, AvgF2S3C15.OutputWidth, AvgF2S3C15.Forward, AvgF2S3C15.Forward, AvgF2S3C15.Backward, AvgF2S3C15.Backward),
        new(nameof(AvgF3S1C17), PoolKind.Average, AvgF3S1C17.InputHeight, AvgF3S1C17.InputWidth, AvgF3S1C17.InputChannels, AvgF3S1C17.FilterSize, AvgF3S1C17.Stride, AvgF3S1C17.OutputHeight, AvgF3S1C17.OutputWidth, AvgF3S1C17.Forward, AvgF3S1C17.Forward, AvgF3S1C17.Backward, AvgF3S1C17.Backward),
        new(nameof(AvgF3S2C31), PoolKind.Average, AvgF3S2C31.InputHeight, AvgF3S2C31.InputWidth, AvgF3S2C31.InputChannels, AvgF3S2C31.FilterSize, AvgF3S2C31.Stride, AvgF3S2C31.OutputHeight, AvgF3S2C31.OutputWidth, AvgF3S2C31.Forward, AvgF3S2C31.Forward, AvgF3S2C31.Backward, AvgF3S2C31.Backward),
        new(nameof(AvgF3S3C33), PoolKind.Average, AvgF3S3C33.InputHeight, AvgF3S3C33.InputWidth, AvgF3S3C33.InputChannels, AvgF3S3C33.FilterSize, AvgF3S3C33.Stride, AvgF3S3C33.OutputHeight, AvgF3S3C33.OutputWidth, AvgF3S3C33.Forward, AvgF3S3C33.Forward, AvgF3S3C33.Backward, AvgF3S3C33.Backward),
        new(nameof(AvgF4S1C1), PoolKind.Average, AvgF4S1C1.InputHeight, AvgF4S1C1.InputWidth, AvgF4S1C1.InputChannels, AvgF4S1C1.FilterSize, AvgF4S1C1.Stride, AvgF4S1C1.OutputHeight, AvgF4S1C1.OutputWidth, AvgF4S1C1.Forward, AvgF4S1C1.Forward, AvgF4S1C1.Backward, AvgF4S1C1.Backward),
        new(nameof(AvgF4S2C3), PoolKind.Average, AvgF4S2C3.InputHeight, AvgF4S2C3.InputWidth, AvgF4S2C3.InputChannels, AvgF4S2C3.FilterSize, AvgF4S2C3.Stride, AvgF4S2C3.OutputHeight, AvgF4S2C3.OutputWidth, AvgF4S2C3.Forward, AvgF4S2C3.Forward, AvgF4S2C3.Backward, AvgF4S2C3.Backward),
        new(nameof(AvgF4S3C15), PoolKind.Average, AvgF4S3C15.InputHeight, AvgF4S3C15.InputWidth, AvgF4S3C15.InputChannels, AvgF4S3C15.FilterSize, AvgF4S3C15.Stride, AvgF4S3C15.OutputHeight, AvgF4S3C15.OutputWidth, AvgF4S3C15.Forward, AvgF4S3C15.Forward, AvgF4S3C15.Backward, AvgF4S3C15.Backward),
        new(nameof(AvgF5S1C17), PoolKind.Average, AvgF5S1C17.InputHeight, AvgF5S1C17.InputWidth, AvgF5S1C17.InputChannels, AvgF5S1C17.FilterSize, AvgF5S1C17.Stride, AvgF5S1C17.OutputHeight, AvgF5S1C17.OutputWidth, AvgF5S1C17.Forward, AvgF5S1C17.Forward, AvgF5S1C17.Backward, AvgF5S1C17.Backward),
        new(nameof(AvgF5S2C31), PoolKind.Average, AvgF5S2C31.InputHeight, AvgF5S2C31.InputWidth, AvgF5S2C31.InputChannels, AvgF5S2C31.FilterSize, AvgF5S2C31.Stride, AvgF5S2C31.OutputHeight, AvgF5S2C31.OutputWidth, AvgF5S2C31.Forward, AvgF5S2C31.Forward, AvgF5S2C31.Backward, AvgF5S2C31.Backward),
        new(nameof(AvgF5S3C33), PoolKind.Average, AvgF5S3C33.InputHeight, AvgF5S3C33.InputWidth, AvgF5S3C33.InputChannels, AvgF5S3C33.FilterSize, AvgF5S3C33.Stride, AvgF5S3C33.OutputHeight, AvgF5S3C33.OutputWidth, AvgF5S3C33.Forward, AvgF5S3C33.Forward, AvgF5S3C33.Backward, AvgF5S3C33.Backward),
        new(nameof(MaxF3S2Wide1), PoolKind.Max, MaxF3S2Wide1.InputHeight, MaxF3S2Wide1.InputWidth, MaxF3S2Wide1.InputChannels, MaxF3S2Wide1.FilterSize, MaxF3S2Wide1.Stride, MaxF3S2Wide1.OutputHeight, MaxF3S2Wide1.OutputWidth, MaxF3S2Wide1.Forward, MaxF3S2Wide1.Forward, MaxF3S2Wide1.Backward, MaxF3S2Wide1.Backward),
        new(nameof(MaxF3S2Wide3), PoolKind.Max, MaxF3S2Wide3.InputHeight, MaxF3S2Wide3.InputWidth, MaxF3S2Wide3.InputChannels, MaxF3S2Wide3.FilterSize, MaxF3S2Wide3.Stride, MaxF3S2Wide3.OutputHeight, MaxF3S2Wide3.OutputWidth, MaxF3S2Wide3.Forward, MaxF3S2Wide3.Forward, MaxF3S2Wide3.Backward, MaxF3S2Wide3.Backward),
        new(nameof(MaxF3S2Wide15), PoolKind.Max, MaxF3S2Wide15.InputHeight, MaxF3S2Wide15.InputWidth, MaxF3S2Wide15.InputChannels, MaxF3S2Wide15.FilterSize, MaxF3S2Wide15.Stride, MaxF3S2Wide15.OutputHeight, MaxF3S2Wide15.OutputWidth, MaxF3S2Wide15.Forward, MaxF3S2Wide15.Forward, MaxF3S2Wide15.Backward, MaxF3S2Wide15.Backward),
        new(nameof(MaxF3S2Wide17), PoolKind.Max, MaxF3S2Wide17.InputHeight, MaxF3S2Wide17.InputWidth, MaxF3S2Wide17.InputChannels, MaxF3S2Wide17.FilterSize, MaxF3S2Wide17.Stride, MaxF3S2Wide17.OutputHeight, MaxF3S2Wide17.OutputWidth, MaxF3S2Wide17.Forward, MaxF3S2Wide17.Forward, MaxF3S2Wide17.Backward, MaxF3S2Wide17.Backward),
        new(nameof(MaxF3S2Wide31), PoolKind.Max, MaxF3S2Wide31.InputHeight, MaxF3S2Wide31.InputWidth, MaxF3S2Wide31.InputChannels, MaxF3S2Wide31.FilterSize, MaxF3S2Wide31.Stride, MaxF3S2Wide31.OutputHeight, MaxF3S2Wide31.OutputWidth, MaxF3S2Wide31.Forward, MaxF3S2Wide31.Forward, MaxF3S2Wide31.Backward, MaxF3S2Wide31.Backward),
        new(nameof(MaxF3S2Wide33), PoolKind.Max, MaxF3S2Wide33.InputHeight, MaxF3S2Wide33.InputWidth, MaxF3S2Wide33.InputChannels, MaxF3S2Wide33.FilterSize, MaxF3S2Wide33.Stride, MaxF3S2Wide33.OutputHeight, MaxF3S2Wide33.OutputWidth, MaxF3S2Wide33.Forward, MaxF3S2Wide33.Forward, MaxF3S2Wide33.Backward, MaxF3S2Wide33.Backward),
        new(nameof(AvgF3S2Wide1), PoolKind.Average, AvgF3S2Wide1.InputHeight, AvgF3S2Wide1.InputWidth, AvgF3S2Wide1.InputChannels, AvgF3S2Wide1.FilterSize, AvgF3S2Wide1.Stride, AvgF3S2Wide1.OutputHeight, AvgF3S2Wide1.OutputWidth, AvgF3S2Wide1.Forward, AvgF3S2Wide1.Forward, AvgF3S2Wide1.Backward, AvgF3S2Wide1.Backward),
        new(nameof(AvgF3S2Wide3), PoolKind.Average, AvgF3S2Wide3.InputHeight, AvgF3S2Wide3.InputWidth, AvgF3S2Wide3.InputChannels, AvgF3S2Wide3.FilterSize, AvgF3S2Wide3.Stride, AvgF3S2Wide3.OutputHeight, AvgF3S2Wide3.OutputWidth, AvgF3S2Wide3.Forward, AvgF3S2Wide3.Forward, AvgF3S2Wide3.Backward, AvgF3S2Wide3.Backward),
        new(nameof(AvgF3S2Wide15), PoolKind.Average, AvgF3S2Wide15.InputHeight, AvgF3S2Wide15.InputWidth, AvgF3S2Wide15.InputChannels, AvgF3S2Wide15.FilterSize, AvgF3S2Wide15.Stride, AvgF3S2Wide15.OutputHeight, AvgF3S2Wide15.OutputWidth, AvgF3S2Wide15.Forward, AvgF3S2Wide15.Forward, AvgF3S2Wide15.Backward, AvgF3S2Wide15.Backward),
        new(nameof(AvgF3S2Wide17), PoolKind.Average, AvgF3S2Wide17.InputHeight, AvgF3S2Wide17.InputWidth, AvgF3S2Wide17.InputChannels, AvgF3S2Wide17.FilterSize, AvgF3S2Wide17.Stride, AvgF3S2Wide17.OutputHeight, AvgF3S2Wide17.OutputWidth, AvgF3S2Wide17.Forward, AvgF3S2Wide17.Forward, AvgF3S2Wide17.Backward, AvgF3S2Wide17.Backward),
        new(nameof(AvgF3S2Wide31), PoolKind.Average, AvgF3S2Wide31.InputHeight, AvgF3S2Wide31.InputWidth, AvgF3S2Wide31.InputChannels, AvgF3S2Wide31.FilterSize, AvgF3S2Wide31.Stride, AvgF3S2Wide31.OutputHeight, AvgF3S2Wide31.OutputWidth, AvgF3S2Wide31.Forward, AvgF3S2Wide31.Forward, AvgF3S2Wide31.Backward, AvgF3S2Wide31.Backward),
        new(nameof(AvgF3S2Wide33), PoolKind.Average, AvgF3S2Wide33.InputHeight, AvgF3S2Wide33.InputWidth, AvgF3S2Wide33.InputChannels, AvgF3S2Wide33.FilterSize, AvgF3S2Wide33.Stride, AvgF3S2Wide33.OutputHeight, AvgF3S2Wide33.OutputWidth, AvgF3S2Wide33.Forward, AvgF3S2Wide33.Forward, AvgF3S2Wide33.Backward, AvgF3S2Wide33.Backward),
    ];
}
