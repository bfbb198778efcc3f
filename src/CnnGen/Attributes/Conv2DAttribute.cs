namespace CnnGen;

/// <summary>
/// Declares a 2-D convolution layer on a partial class. The CnnGen source generator emits the layer's
/// forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>
/// Layouts follow the notebook: activations NHWC <c>(m, H, W, C)</c>, weights <c>(f, f, C_in, C_out)</c>,
/// bias <c>(C_out)</c>. The output size per axis is <c>floor((H + 2·pad − f) / stride) + 1</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : Attribute
{
    /// <summary>Declares a convolution with square <paramref name="f"/>×<paramref name="f"/> filters.</summary>
    /// <param name="f">The filter's height and width (at least 1).</param>
    /// <param name="stride">The step between windows (at least 1).</param>
    /// <param name="pad">The zero padding on each side of the height and width axes (at least 0).</param>
    public Conv2DAttribute(int f, int stride = 1, int pad = 0)
    {
        FilterSize = f;
        Stride = stride;
        Pad = pad;
    }

    /// <summary>The filter's height and width.</summary>
    public int FilterSize { get; }

    /// <summary>The step between windows.</summary>
    public int Stride { get; }

    /// <summary>The zero padding on each side of the height and width axes.</summary>
    public int Pad { get; }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example.</summary>
    public int InputChannels { get; set; }

    /// <summary>The number of filters, which is the output's channel count.</summary>
    public int Filters { get; set; }

    /// <summary>
    /// Whether the layer adds a bias per filter (the default). Set it to <see langword="false"/> for a convolution followed by a
    /// batch normalization, whose shift makes a bias redundant (PyTorch's <c>bias=False</c>): <c>BiasLength</c> is then 0 and
    /// the bias spans are empty.
    /// </summary>
    public bool Bias { get; set; } = true;
}
