namespace CnnGen;

/// <summary>
/// Declares a logistic sigmoid, <c>y = 1 / (1 + e^−x)</c> element by element, on a partial class or as a layer of a <see cref="NetworkAttribute"/> class. The CnnGen source
/// generator emits the layer's forward and backward passes into the class, specialized to the shapes given here.
/// </summary>
/// <remarks>The backward pass gives <c>outputGradient · s · (1 − s)</c> with <c>s = sigmoid(x)</c>. The output has the input's shape. The generic kernels are <see cref="SigmoidKernels"/>.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : Attribute
{
    /// <summary>The height of one input example (also the output's).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (also the output's).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
