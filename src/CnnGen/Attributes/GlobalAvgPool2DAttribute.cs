namespace CnnGen;

/// <summary>
/// Declares a global average pooling layer on a partial class, alone (with its input shape) or in a network (which gives
/// the shape). The CnnGen source generator emits the layer's forward and backward passes into the class, specialized to
/// the input shape.
/// </summary>
/// <remarks>
/// An <c>H×W×C</c> NHWC example becomes a <c>1×1×C</c> one: each channel's mean over every pixel of the example (PyTorch's <c>AdaptiveAvgPool2d(1)</c>, ONNX's <c>GlobalAveragePool</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPool2DAttribute : Attribute
{
    /// <summary>The height of one input example (alone on a class; a network gives it).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (alone on a class; a network gives it).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example, also the output's (alone on a class; a network gives it).</summary>
    public int InputChannels { get; set; }
}
