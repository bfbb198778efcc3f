namespace CnnGen;

/// <summary>
/// The shape of a generated layer, for generic code: every class the generator makes a layer of (a single-layer class,
/// or a layer nested in a network) implements this through its layer family's interface, answering with its own
/// <c>public const int</c> members of the same names.
/// </summary>
/// <remarks>
/// Activations are NHWC. A batch of <c>m</c> examples is <c>m · InputLength</c> values in and <c>m · OutputLength</c>
/// values out. A layer class declared <see langword="static"/> implements no interface (C# allows a static class neither
/// to implement one nor to be a type argument); declare it non-static to use it from generic code.
/// </remarks>
public interface ILayerShape
{
    /// <summary>The height of one input example.</summary>
    static abstract int InputHeight { get; }

    /// <summary>The width of one input example.</summary>
    static abstract int InputWidth { get; }

    /// <summary>The channel count of one input example.</summary>
    static abstract int InputChannels { get; }

    /// <summary>The height of one output example.</summary>
    static abstract int OutputHeight { get; }

    /// <summary>The width of one output example.</summary>
    static abstract int OutputWidth { get; }

    /// <summary>The channel count of one output example.</summary>
    static abstract int OutputChannels { get; }

    /// <summary>The number of values in one input example: <c>InputHeight · InputWidth · InputChannels</c>.</summary>
    static abstract int InputLength { get; }

    /// <summary>The number of values in one output example: <c>OutputHeight · OutputWidth · OutputChannels</c>.</summary>
    static abstract int OutputLength { get; }
}
