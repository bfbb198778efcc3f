namespace CnnGen;

/// <summary>
/// Declares a flatten layer on a partial class: each NHWC example <c>(H, W, C)</c> becomes a vector of
/// <c>H·W·C</c> values, for a following <see cref="DenseAttribute"/>.
/// </summary>
/// <remarks>
/// In NHWC an example is already one contiguous row-major run of values, so flattening moves no data: it only
/// changes how the next layer reads the shape. The generic kernels are <see cref="FlattenKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : Attribute
{
    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example.</summary>
    public int InputChannels { get; set; }
}
