namespace CnnGen;

/// <summary>
/// Declares a 2-D batch normalization layer (per channel, PyTorch's <c>BatchNorm2d</c>) on a partial class, alone (with
/// its input shape) or in a network (which gives the shape). The CnnGen source generator emits the layer's training- and
/// evaluation-mode forward and backward passes into the class, specialized to the shape.
/// </summary>
/// <remarks>
/// Training normalizes with the batch's mean and biased variance over the batch and the pixels and moves the running
/// statistics towards the batch's (the variance unbiased) by <see cref="Momentum"/>; evaluation normalizes with the
/// running statistics. The learnable scale (γ) starts at 1 and the shift (β) at 0 in a network. The generic kernels
/// are <see cref="BatchNorm2DKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNorm2DAttribute : Attribute
{
    /// <summary>Added to the variance before its square root: finite and above 0 (in float too). PyTorch's default, 1e-5.</summary>
    public double Epsilon { get; set; } = 1e-5;

    /// <summary>The weight of a training batch's statistics in the running ones, in [0, 1]. PyTorch's default, 0.1.</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>The height of one input example (alone on a class; a network gives it).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (alone on a class; a network gives it).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example, also the output's (alone on a class; a network gives it).</summary>
    public int InputChannels { get; set; }
}
