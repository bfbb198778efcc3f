namespace CnnGen;

/// <summary>
/// Ends the residual connection <see cref="Name"/> started by a <see cref="ShortcutAttribute"/> earlier in the same
/// network: the output is the activation here plus the one kept at the shortcut (ResNet's identity shortcut). Where the
/// two shapes differ, set <see cref="Projection"/>: the shortcut then passes through a 1×1 convolution without bias (its
/// stride the ratio of the two heights and widths, its filters the channel count here) and a batch normalization, as in
/// ResNet's downsampling blocks.
/// </summary>
/// <remarks>
/// The shapes are checked at compile time: an identity shortcut of another shape, or a projection whose height and width
/// do not shrink by one whole stride, is a diagnostic at this attribute.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddShortcutAttribute : Attribute
{
    /// <summary>Adds the residual connection <paramref name="name"/>.</summary>
    /// <param name="name">The name a <see cref="ShortcutAttribute"/> earlier in the network declared.</param>
    public AddShortcutAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The connection's name.</summary>
    public string Name { get; }

    /// <summary>Whether the shortcut passes through a 1×1 convolution and a batch normalization (default: the identity).</summary>
    public bool Projection { get; set; }
}
