using System.ComponentModel;

namespace CnnGen;

/// <summary>
/// Argument checks shared by the generic kernels and by the code the generator emits, so that every layer
/// reports a wrong span length with the same clear message (parameter name, expected versus actual).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanArguments
{
    /// <summary>
    /// Returns the batch size carried by an input span: its length divided by the length of one example.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a whole number of examples.</exception>
    public static int BatchSize(int length, int exampleLength, string paramName)
    {
        if (exampleLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exampleLength), exampleLength, "The length of one example must be at least 1.");
        }

        int batch = Math.DivRem(length, exampleLength, out int remainder);
        if (remainder != 0)
        {
            throw new ArgumentException(
                $"Expected a whole number of examples of {exampleLength} values each, but the span has {length} values " +
                $"({batch} examples and {remainder} values left over).",
                paramName);
        }

        return batch;
    }

    /// <summary>Checks that a span holds exactly <paramref name="expectedLength"/> values.</summary>
    /// <exception cref="ArgumentException">The length differs.</exception>
    public static void RequireLength(int length, int expectedLength, string paramName)
    {
        if (length != expectedLength)
        {
            throw new ArgumentException($"Expected a span of {expectedLength} values, but it has {length}.", paramName);
        }
    }

    /// <summary>
    /// Checks that a span holds <paramref name="batch"/> examples of <paramref name="exampleLength"/> values each.
    /// </summary>
    /// <exception cref="ArgumentException">The length differs.</exception>
    public static void RequireBatchLength(int length, int batch, int exampleLength, string paramName)
    {
        long expected = (long)batch * exampleLength;
        if (length != expected)
        {
            throw new ArgumentException(
                $"Expected a span of {expected} values ({batch} examples × {exampleLength}), but it has {length}.",
                paramName);
        }
    }

    /// <summary>
    /// Checks that a destination span does not overlap a source span: the kernels write their outputs while
    /// still reading their inputs, so an overlap would give silently wrong numbers. Costs a couple of address
    /// comparisons; empty spans never overlap.
    /// </summary>
    /// <exception cref="ArgumentException">The spans share memory; <see cref="ArgumentException.ParamName"/> is <paramref name="destinationName"/>.</exception>
    public static void RequireNoOverlap<T>(ReadOnlySpan<T> destination, ReadOnlySpan<T> source, string destinationName, string sourceName)
    {
        if (destination.Overlaps(source))
        {
            ThrowOverlap(destination, source, destinationName, sourceName, inPlaceAllowed: false);
        }
    }

    /// <summary>
    /// Checks that a destination span either is exactly the source span (same start, same length: the element-wise
    /// kernels that allow it then run in place) or does not overlap it at all. A partial overlap would make the kernel
    /// read values it has already overwritten.
    /// </summary>
    /// <exception cref="ArgumentException">The spans partly overlap; <see cref="ArgumentException.ParamName"/> is <paramref name="destinationName"/>.</exception>
    public static void RequireSameOrNoOverlap<T>(ReadOnlySpan<T> destination, ReadOnlySpan<T> source, string destinationName, string sourceName)
    {
        if (destination.Overlaps(source) && destination != source)
        {
            ThrowOverlap(destination, source, destinationName, sourceName, inPlaceAllowed: true);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowOverlap<T>(ReadOnlySpan<T> destination, ReadOnlySpan<T> source, string destinationName, string sourceName, bool inPlaceAllowed)
    {
        // Where the destination starts relative to the source, in elements (in bytes if the two are not element-aligned).
        long bytes = System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination));
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        string where = bytes % size == 0
            ? Describe(bytes / size, "value", "values")
            : Describe(bytes, "byte", "bytes");
        string expected = inPlaceAllowed
            ? $"{destinationName} to be either {sourceName} itself or separate memory"
            : $"{destinationName} and {sourceName} to be separate memory (the kernel does not work in place)";
        throw new ArgumentException(
            $"Expected {expected}, but they overlap: {destinationName} ({destination.Length} values) starts {where} " +
            $"the start of {sourceName} ({source.Length} values).",
            destinationName);
    }

    private static string Describe(long offset, string one, string many)
    {
        if (offset == 0)
        {
            return "at";
        }

        long distance = Math.Abs(offset);
        return $"{distance} {(distance == 1 ? one : many)} {(offset > 0 ? "after" : "before")}";
    }
}
