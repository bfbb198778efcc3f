namespace CnnGen;

/// <summary>
/// Declares a dense (fully connected) layer, <c>y = x·W + b</c>, on a partial class. The CnnGen source generator
/// emits the layer's forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>
/// Weights are <c>(InputLength, Units)</c> row-major, so the weights leaving one input are contiguous; the bias is
/// <c>(Units)</c>. See <see cref="DenseGeometry"/> and the generic kernels <see cref="DenseKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer.</summary>
    /// <param name="units">The number of outputs per example (at least 1).</param>
    public DenseAttribute(int units)
    {
        Units = units;
    }

    /// <summary>The number of outputs per example.</summary>
    public int Units { get; }

    /// <summary>
    /// The number of values in one input example, for a dense layer used on its own; inside a
    /// <see cref="NetworkAttribute"/> network it follows from the previous layer and is left unset.
    /// </summary>
    public int InputLength { get; set; }
}
