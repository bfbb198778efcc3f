namespace CnnGen;

/// <summary>
/// Declares a zero-padding layer on a partial class: each example's height and width grow by
/// <c>2·pad</c>, filled with zeros. The source generator emits <c>Forward</c> (pad) and
/// <c>Backward</c> (the crop) specialized to the shapes given here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPad2DAttribute : Attribute
{
    /// <summary>Declares a zero-padding layer.</summary>
    /// <param name="pad">The zeros added on each side of the height and width axes (at least 0).</param>
    public ZeroPad2DAttribute(int pad)
    {
        Pad = pad;
    }

    /// <summary>The zeros added on each side of the height and width axes.</summary>
    public int Pad { get; }

    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
