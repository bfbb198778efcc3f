using System.Numerics;

namespace CnnGen;

/// <summary>
/// Dropout (inverted, as PyTorch's <c>Dropout</c>): in training, each value is kept with probability <c>1 − rate</c> and
/// scaled by <c>1 / (1 − rate)</c>, or zeroed; in evaluation, the identity. The kernels of the generated <c>[Dropout]</c>
/// layers and of networks.
/// </summary>
/// <remarks>
/// The mask is a pure function of a seed and each value's index in the batch (a SplitMix64 hash of the two, its top
/// 53 bits read as a uniform number in [0, 1)), not of a generator's running state: the same seed gives the same mask on
/// every run and platform, and a batch split over threads draws exactly the mask one thread would. Spans must not
/// partly overlap (checked): <c>output</c> may be <c>input</c> itself, and <c>inputGradient</c> may be
/// <c>outputGradient</c>.
/// </remarks>
public static class DropoutKernels
{
    /// <summary>
    /// Training-mode forward: writes <paramref name="mask"/> (0 or <c>1 / (1 − rate)</c> per value, drawn from
    /// <paramref name="seed"/> and the value's index; <paramref name="firstIndex"/> is the index of the span's first value
    /// in the whole batch) and <c>output = input · mask</c>.
    /// </summary>
    /// <param name="rate">The probability of zeroing a value, in [0, 1).</param>
    /// <param name="seed">The mask's seed.</param>
    /// <param name="input">The values.</param>
    /// <param name="output">Receives the values kept and scaled; may be <paramref name="input"/> itself.</param>
    /// <param name="mask">Receives the factors, as long as <paramref name="input"/>; the backward pass reads it.</param>
    /// <param name="firstIndex">The batch index of <paramref name="input"/>'s first value (0 unless the batch is split).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1), or <paramref name="firstIndex"/> is negative.</exception>
    /// <exception cref="ArgumentException">The spans differ in length, or the mask overlaps another span, or output partly overlaps input.</exception>
    public static void ForwardTraining<T>(double rate, ulong seed, ReadOnlySpan<T> input, Span<T> output, Span<T> mask, long firstIndex = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRate(rate, nameof(rate));
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        SpanArguments.RequireLength(output.Length, input.Length, nameof(output));
        SpanArguments.RequireLength(mask.Length, input.Length, nameof(mask));
        SpanArguments.RequireSameOrNoOverlap<T>(output, input, nameof(output), nameof(input));
        SpanArguments.RequireNoOverlap<T>(mask, input, nameof(mask), nameof(input));
        SpanArguments.RequireNoOverlap<T>(mask, output, nameof(mask), nameof(output));

        T scale = T.CreateChecked(1 / (1 - rate));
        for (int i = 0; i < input.Length; i++)
        {
            T factor = Uniform(seed, firstIndex + i) >= rate ? scale : T.Zero;
            mask[i] = factor;
            output[i] = input[i] * factor;
        }
    }

    /// <summary>Evaluation-mode forward: the identity (<paramref name="output"/> may be <paramref name="input"/> itself).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or partly overlap.</exception>
    public static void ForwardEvaluation<T>(ReadOnlySpan<T> input, Span<T> output)
    {
        SpanArguments.RequireLength(output.Length, input.Length, nameof(output));
        SpanArguments.RequireSameOrNoOverlap<T>(output, input, nameof(output), nameof(input));
        input.CopyTo(output);
    }

    /// <summary>The backward pass: <c>inputGradient = outputGradient · mask</c> (overwritten; may be <paramref name="outputGradient"/> itself).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, the mask overlaps the gradient, or the gradients partly overlap.</exception>
    public static void Backward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> mask, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(mask.Length, outputGradient.Length, nameof(mask));
        SpanArguments.RequireLength(inputGradient.Length, outputGradient.Length, nameof(inputGradient));
        SpanArguments.RequireSameOrNoOverlap<T>(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, mask, nameof(inputGradient), nameof(mask));
        System.Numerics.Tensors.TensorPrimitives.Multiply(outputGradient, mask, inputGradient);
    }

    /// <summary>
    /// The uniform number in [0, 1) of value <paramref name="index"/> under <paramref name="seed"/>: SplitMix64's finalizer
    /// applied to the seed's and the index's mix, its top 53 bits over 2⁵³.
    /// </summary>
    public static double Uniform(ulong seed, long index)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>
    /// The mask seed of one dropout layer at one training step: a mix of a network's seed, its step count and the layer's
    /// number, so that every layer and every step draws a mask of its own, and the same ones on every run.
    /// </summary>
    public static ulong StepSeed(ulong seed, long step, int layer)
    {
        ulong z = seed ^ (0xD1B54A32D192ED03UL * (ulong)(step + 1)) ^ (0x8CB92BA72F3D8DD7UL * (ulong)(uint)layer);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static void CheckRate(double rate, string paramName)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(paramName, rate, "Expected a dropout rate in [0, 1).");
        }
    }
}
