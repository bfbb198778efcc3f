namespace CnnGen;

/// <summary>
/// Declares a 2-D average pooling layer on a partial class. The CnnGen source generator emits the layer's
/// forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>
/// Pooling works on each channel alone, over NHWC activations, without padding.
/// Its backward pass spreads each output's gradient evenly over the window.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute : Attribute
{
    /// <summary>Declares a pooling layer with square <paramref name="f"/>×<paramref name="f"/> windows.</summary>
    /// <param name="f">The window's height and width (at least 1).</param>
    /// <param name="stride">The step between windows (at least 1).</param>
    public AvgPool2DAttribute(int f, int stride = 1)
    {
        FilterSize = f;
        Stride = stride;
    }

    /// <summary>The window's height and width.</summary>
    public int FilterSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
