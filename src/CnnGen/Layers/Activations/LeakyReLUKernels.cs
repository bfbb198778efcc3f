using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen;

/// <summary>
/// The generic (runtime-shaped) kernels of the leaky rectified linear unit, <c>y = x &gt; 0 ? x : slope · x</c>, applied
/// element by element on any layout: the batch is simply the span.
/// </summary>
/// <remarks>
/// The gradient is <c>outputGradient</c> where <c>x &gt; 0</c> and <c>slope · outputGradient</c> elsewhere, at 0 included
/// (PyTorch's rule); a NaN input gives a NaN output. The output may be the input itself, and the input gradient the output
/// gradient itself; no other overlap is allowed.
/// </remarks>
public static class LeakyReLUKernels
{
    /// <summary>Computes the activation of every value of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="slope">The slope for inputs at or below zero; any finite value (PyTorch's default is 0.01).</param>
    /// <param name="input">The layer's input, any number of values.</param>
    /// <param name="output">Receives the activations; as long as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="slope"/> is not finite, <paramref name="output"/> has the wrong length or partly overlaps <paramref name="input"/>.</exception>
    public static void Forward<T>(T slope, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFinite(slope);
        ActivationArguments.CheckForward(input, output);
        StreamingActivations.LeakyReLUForward(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), input.Length, slope);
    }

    /// <summary>Passes <paramref name="outputGradient"/> back through the activation at <paramref name="input"/>.</summary>
    /// <param name="slope">The slope the forward pass used.</param>
    /// <param name="outputGradient">The loss gradient with respect to the layer's output.</param>
    /// <param name="input">The input the forward pass saw; as long as <paramref name="outputGradient"/>.</param>
    /// <param name="inputGradient">Receives the loss gradient with respect to the input (overwritten); as long as <paramref name="outputGradient"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="slope"/> is not finite, a span has the wrong length, or <paramref name="inputGradient"/> overlaps <paramref name="input"/> or partly overlaps <paramref name="outputGradient"/>.</exception>
    public static void Backward<T>(T slope, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFinite(slope);
        ActivationArguments.CheckBackward(outputGradient, input, inputGradient);
        StreamingActivations.LeakyReLUBackward(
            ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(inputGradient), outputGradient.Length, slope);
    }

    private static void RequireFinite<T>(T slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, $"The slope must be a finite number, but it is {slope}.");
        }
    }
}
