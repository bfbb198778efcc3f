using System.Numerics;

namespace CnnGen;

/// <summary>
/// The generic kernels of the flatten layer, which turns each NHWC example <c>(H, W, C)</c> into a vector of
/// <c>H·W·C</c> values.
/// </summary>
/// <remarks>
/// In NHWC, an example is already stored as one contiguous run of <c>H·W·C</c> values in row-major order
/// (channel fastest), which is exactly the flattened vector; so flattening is a reshape that moves no data, and a
/// network can simply hand the same buffer to the next layer. These copy kernels exist for symmetry with the other
/// layers (a flatten layer used on its own, or between separately owned buffers).
/// </remarks>
public static class FlattenKernels
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> unchanged.</summary>
    /// <param name="input">The NHWC input batch.</param>
    /// <param name="output">Receives the flattened batch; as long as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length.</exception>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(output.Length, input.Length, nameof(output));
        input.CopyTo(output);
    }

    /// <summary>Copies <paramref name="outputGradient"/> to <paramref name="inputGradient"/> unchanged.</summary>
    /// <param name="outputGradient">The loss gradient with respect to the flattened output.</param>
    /// <param name="inputGradient">Receives the loss gradient with respect to the NHWC input (overwritten); as long as <paramref name="outputGradient"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="inputGradient"/> has the wrong length.</exception>
    public static void Backward<T>(ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(inputGradient.Length, outputGradient.Length, nameof(inputGradient));
        outputGradient.CopyTo(inputGradient);
    }
}
