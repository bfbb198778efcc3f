using System.Numerics;
using System.Runtime.InteropServices;
using CnnGen.Generated;

namespace CnnGen;

/// <summary>
/// Runtime-shaped (generic) global average pooling on flat NHWC spans, following the generated layers' contract with
/// the geometry as an extra first parameter: each channel's mean over all <c>H·W</c> pixels of an example, as in
/// PyTorch's <c>AdaptiveAvgPool2d(1)</c> and ONNX's <c>GlobalAveragePool</c>. Outputs must not overlap inputs (checked).
/// </summary>
public static class GlobalAvgPool2DKernels
{
    /// <summary>
    /// The forward pass: <c>output[n, c] = Σ_p input[n, p, c] / (H·W)</c>, the sum taken in pixel order. Overwrites
    /// <paramref name="output"/>, <c>(m, C)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the output overlaps the input.</exception>
    public static void Forward<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = geometry.CheckForward(input, output);
        GlobalPooling.AverageForward(
            ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), batch, geometry.Pixels, geometry.Channels);
    }

    /// <summary>
    /// The backward pass: <c>inputGradient[n, p, c] = outputGradient[n, c] / (H·W)</c> at every pixel. <paramref name="input"/>
    /// is not read (only its length, which gives the batch size), but is part of the contract every pooling layer shares.
    /// Overwrites <paramref name="inputGradient"/>. An empty batch is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">A span's length disagrees with the geometry, or the gradient overlaps another span.</exception>
    public static void Backward<T>(in GlobalPool2DGeometry geometry, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = geometry.CheckBackward(outputGradient, input, inputGradient);
        GlobalPooling.AverageBackward(
            ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(inputGradient), batch, geometry.Pixels, geometry.Channels);
    }
}
