namespace CnnGen;

/// <summary>
/// Declares a rectified linear unit, <c>y = max(x, 0)</c> element by element, on a partial class. The CnnGen source
/// generator emits the layer's forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>
/// The backward pass passes the gradient where the forward input was above zero and gives zero elsewhere
/// (including at exactly zero). The output has the input's shape. The generic kernels are <see cref="ReLUKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : Attribute
{
    /// <summary>The height of one input example (also the output's).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (also the output's).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
