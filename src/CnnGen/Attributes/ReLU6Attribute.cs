namespace CnnGen;

/// <summary>
/// Declares a clipped rectified linear unit, <c>y = min(max(x, 0), 6)</c> element by element (MobileNet's activation), on a partial class or as a layer of a <see cref="NetworkAttribute"/> class. The CnnGen source
/// generator emits the layer's forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>The backward pass passes the gradient where 0 &lt; x &lt; 6 and gives zero elsewhere. The output has the input's shape. The generic kernels are <see cref="ReLU6Kernels"/>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLU6Attribute : Attribute
{
    /// <summary>The height of one input example (also the output's).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (also the output's).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
