namespace CnnGen;

/// <summary>
/// Marks a point of a <see cref="NetworkAttribute"/> network's layer stack as the start of a residual connection named
/// <see cref="Name"/>: the activation here (the previous layer's output, or the network's input) is kept, and a later
/// <see cref="AddShortcutAttribute"/> of the same name adds it to the activation there.
/// </summary>
/// <remarks>
/// A name is declared once and added once, after its declaration. The marker computes nothing; in the backward pass the
/// gradient that flows back along the shortcut is added to the one of the main path here.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ShortcutAttribute : Attribute
{
    /// <summary>Starts the residual connection <paramref name="name"/>.</summary>
    /// <param name="name">The connection's name, unique in the network.</param>
    public ShortcutAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The connection's name.</summary>
    public string Name { get; }
}
