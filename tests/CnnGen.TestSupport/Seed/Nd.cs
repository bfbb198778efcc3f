using System.Globalization;

namespace CnnGen.TestSupport;

/// <summary>Row-major (numpy C-order) index arithmetic on flat buffers, for reading kernel outputs like numpy arrays.</summary>
public static class Nd
{
    /// <summary>The number of values a shape holds.</summary>
    public static int Count(ReadOnlySpan<int> shape)
    {
        int count = 1;
        foreach (int extent in shape)
        {
            count = checked(count * extent);
        }

        return count;
    }

    /// <summary>The shape as native lengths, for <c>Tensor.Create</c>.</summary>
    public static nint[] Lengths(ReadOnlySpan<int> shape)
    {
        var lengths = new nint[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            lengths[i] = shape[i];
        }

        return lengths;
    }

    /// <summary>The shape as integers, from a tensor's lengths.</summary>
    public static int[] Shape(ReadOnlySpan<nint> lengths)
    {
        var shape = new int[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            shape[i] = checked((int)lengths[i]);
        }

        return shape;
    }

    /// <summary>The sub-array at a leading index of a flat row-major buffer, like numpy's <c>a[i, j]</c>.</summary>
    public static ReadOnlySpan<T> At<T>(ReadOnlySpan<T> flat, ReadOnlySpan<int> shape, params ReadOnlySpan<int> leadingIndex)
    {
        if (leadingIndex.Length > shape.Length)
        {
            throw new ArgumentException($"Index of rank {leadingIndex.Length} into shape {Format(shape)}.", nameof(leadingIndex));
        }

        int offset = 0;
        for (int axis = 0; axis < leadingIndex.Length; axis++)
        {
            if ((uint)leadingIndex[axis] >= (uint)shape[axis])
            {
                throw new ArgumentOutOfRangeException(nameof(leadingIndex), $"Index {leadingIndex[axis]} on axis {axis} of shape {Format(shape)}.");
            }

            offset = offset * shape[axis] + leadingIndex[axis];
        }

        int inner = Count(shape[leadingIndex.Length..]);
        return flat.Slice(offset * inner, inner);
    }

    /// <summary>The sub-shape left after a leading index of the given rank.</summary>
    public static int[] SubShape(ReadOnlySpan<int> shape, int indexRank) => shape[indexRank..].ToArray();

    /// <summary>numpy's shape notation: <c>(2, 3)</c>, <c>(8,)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return shape.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }
}
