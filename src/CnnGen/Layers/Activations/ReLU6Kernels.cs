using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen;

/// <summary>
/// The generic (runtime-shaped) kernels of the clipped rectified linear unit, <c>y = min(max(x, 0), 6)</c> (MobileNet's activation), applied element by element on any layout: the batch is simply the span.
/// </summary>
/// <remarks>
/// The gradient passes where 0 &lt; x &lt; 6 and is zero elsewhere, at 0 and 6 included (PyTorch's rule). A NaN input gives a NaN output and a zero gradient. The output may be the input itself, and the input gradient the output gradient itself; no other overlap is allowed.
/// </remarks>
public static class ReLU6Kernels
{
    /// <summary>Computes the activation of every value of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">The layer's input, any number of values.</param>
    /// <param name="output">Receives the activations; as long as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length or partly overlaps <paramref name="input"/>.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ActivationArguments.CheckForward(input, output);
        StreamingActivations.ReLU6Forward(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), input.Length);
    }

    /// <summary>Passes <paramref name="outputGradient"/> back through the activation at <paramref name="input"/>.</summary>
    /// <param name="outputGradient">The loss gradient with respect to the layer's output.</param>
    /// <param name="input">The input the forward pass saw; as long as <paramref name="outputGradient"/>.</param>
    /// <param name="inputGradient">Receives the loss gradient with respect to the input (overwritten); as long as <paramref name="outputGradient"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or <paramref name="inputGradient"/> overlaps <paramref name="input"/> or partly overlaps <paramref name="outputGradient"/>.</exception>
    public static void Backward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ActivationArguments.CheckBackward(outputGradient, input, inputGradient);
        StreamingActivations.ReLU6Backward(
            ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(inputGradient), outputGradient.Length);
    }
}
