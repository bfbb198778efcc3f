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
    /// still reading their inputs, so an overlap would give silently wrong numbers.
    /// </summary>
    /// <exception cref="ArgumentException">The spans share memory.</exception>
    public static void RequireNoOverlap<T>(ReadOnlySpan<T> destination, ReadOnlySpan<T> source, string destinationName, string sourceName)
    {
        if (destination.Overlaps(source))
        {
            throw new ArgumentException(
                $"Expected {destinationName} and {sourceName} to be separate memory, but they overlap; the kernels do not work in place.",
                destinationName);
        }
    }
}
