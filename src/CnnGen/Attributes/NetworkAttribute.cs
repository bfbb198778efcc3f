namespace CnnGen;

/// <summary>
/// Declares a whole network on a partial class: the layer attributes that follow it on the same class
/// (<see cref="Conv2DAttribute"/>, <see cref="ReLUAttribute"/>, <see cref="MaxPool2DAttribute"/>,
/// <see cref="FlattenAttribute"/>, <see cref="DenseAttribute"/>, <see cref="SoftmaxCrossEntropyAttribute"/>, …),
/// in source order, form its layers. The CnnGen source generator emits the network's parameters, forward and
/// backward passes, training step and parameter save/load, specialized to the shapes that flow from the input.
/// </summary>
/// <remarks>
/// Activations are NHWC <c>(m, H, W, C)</c>. Inside a network the layer attributes leave their input-shape
/// arguments unset: each layer's input shape is the previous layer's output shape.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The height of one input example.</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example.</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example.</summary>
    public int InputChannels { get; set; }

    /// <summary>
    /// The element type of the network's parameters, activations and gradients: <see cref="NetworkPrecision.Single"/>
    /// (float, the default) or <see cref="NetworkPrecision.Double"/>.
    /// </summary>
    public NetworkPrecision Precision { get; set; }
}

/// <summary>The element type a generated network computes in.</summary>
public enum NetworkPrecision
{
    /// <summary>32-bit <see cref="float"/>: the default, twice the SIMD lanes of double.</summary>
    Single = 0,

    /// <summary>64-bit <see cref="double"/>: for gradient checks and numerically demanding uses.</summary>
    Double = 1,
}
