namespace CnnGen;

/// <summary>
/// Declares a leaky rectified linear unit, <c>y = x &gt; 0 ? x : slope · x</c> element by element, on a partial class or
/// as a layer of a <see cref="NetworkAttribute"/> class. The CnnGen source generator emits the layer's forward and
/// backward passes into the class, specialized to the shapes and the slope given here.
/// </summary>
/// <remarks>
/// The backward pass gives the gradient where <c>x &gt; 0</c> and <c>slope ·</c> the gradient elsewhere. The output has
/// the input's shape. The generic kernels are <see cref="LeakyReLUKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : Attribute
{
    /// <summary>Declares the layer with the slope for inputs at or below zero.</summary>
    /// <param name="slope">Any finite number within float's range; PyTorch's and ONNX's default is 0.01.</param>
    public LeakyReLUAttribute(double slope = 0.01)
    {
        Slope = slope;
    }

    /// <summary>The slope for inputs at or below zero.</summary>
    public double Slope { get; }

    /// <summary>The height of one input example (also the output's).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (also the output's).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example (also the output's).</summary>
    public int InputChannels { get; set; }
}
