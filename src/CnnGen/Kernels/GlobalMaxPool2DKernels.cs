using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) global max pooling on flat NHWC spans, following the generated layers' contract with the
/// geometry as an extra first parameter: each channel's maximum over all <c>H·W</c> pixels of an example, as in
/// PyTorch's <c>AdaptiveMaxPool2d(1)</c> and ONNX's <c>GlobalMaxPool</c>. Outputs must not overlap inputs (checked).
/// </summary>
/// <remarks>
/// As for <see cref="MaxPool2DKernels"/>: the first maximum in pixel order wins ties and receives the whole gradient; a
/// NaN among a channel's pixels makes that output NaN, and its gradient goes to the first NaN.
/// </remarks>
public static class GlobalMaxPool2DKernels
{
    /// <summary>The forward pass: <c>output[n, c] = max_p input[n, p, c]</c>. Overwrites <paramref name="output"/>, <c>(m, C)</c>.</summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps the input.</exception>
    public static void Forward<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = geometry.CheckForward(input, output);
        GlobalPooling.MaxForward(
            ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), batch, geometry.Pixels, geometry.Channels);
    }

    /// <summary>
    /// The backward pass: each output gradient goes to its channel's first maximum; every other pixel's gradient is zero.
    /// Overwrites <paramref name="inputGradient"/>. An empty batch is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the gradient overlaps another span.</exception>
    public static void Backward<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = geometry.CheckBackward(outputGradient, input, inputGradient);
        GlobalPooling.MaxBackward(
            ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(inputGradient),
            batch, geometry.Pixels, geometry.Channels);
    }
}
