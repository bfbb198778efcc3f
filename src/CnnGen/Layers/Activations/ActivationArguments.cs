namespace CnnGen;

/// <summary>
/// The span checks every element-wise activation's generic kernels share: the output as long as the input (it may be
/// the very same memory, never a partial overlap), and a gradient that may overwrite the output gradient but not the input.
/// </summary>
internal static class ActivationArguments
{
    public static void CheckForward<T>(ReadOnlySpan<T> input, Span<T> output)
    {
        SpanArguments.RequireLength(output.Length, input.Length, nameof(output));
        SpanArguments.RequireSameOrNoOverlap<T>(output, input, nameof(output), nameof(input));
    }

    public static void CheckBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
    {
        SpanArguments.RequireLength(input.Length, outputGradient.Length, nameof(input));
        SpanArguments.RequireLength(inputGradient.Length, outputGradient.Length, nameof(inputGradient));
        SpanArguments.RequireSameOrNoOverlap<T>(inputGradient, outputGradient, nameof(inputGradient), nameof(outputGradient));
        SpanArguments.RequireNoOverlap<T>(inputGradient, input, nameof(inputGradient), nameof(input));
    }
}
