using System.Globalization;
using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>Shape checks and span access for the tensor (notebook-style) API.</summary>
internal static class TensorArguments
{
    public static string Shape(ReadOnlySpan<nint> lengths)
    {
        var parts = new string[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = lengths[i].ToString(CultureInfo.InvariantCulture);
        }

        return lengths.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }

    public static string Shape(params ReadOnlySpan<int> lengths)
    {
        Span<nint> native = stackalloc nint[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            native[i] = lengths[i];
        }

        return Shape((ReadOnlySpan<nint>)native);
    }

    /// <summary>
    /// Checks an NHWC activation tensor: rank 4, every extent but the batch at least 1, all within int range.
    /// Returns <c>(m, H, W, C)</c>.
    /// </summary>
    public static (int Batch, int Height, int Width, int Channels) Activations<T>(in ReadOnlyTensorSpan<T> x, string paramName)
    {
        ReadOnlySpan<nint> lengths = x.Lengths;
        if (lengths.Length != 4)
        {
            throw new ArgumentException(
                $"Expected {paramName} of rank 4, shape (m, n_H, n_W, n_C), but its shape is {Shape(lengths)}.", paramName);
        }

        for (int axis = 1; axis < 4; axis++)
        {
            if (lengths[axis] < 1)
            {
                throw new ArgumentException(
                    $"Expected {paramName}'s n_H, n_W and n_C to be at least 1, but its shape is {Shape(lengths)}.", paramName);
            }
        }

        if (x.FlattenedLength > Array.MaxLength)
        {
            throw new ArgumentException($"Expected {paramName} to hold at most {Array.MaxLength} values, but it holds {x.FlattenedLength}.", paramName);
        }

        return ((int)lengths[0], (int)lengths[1], (int)lengths[2], (int)lengths[3]);
    }

    /// <summary>Checks a tensor's shape against an exact expectation.</summary>
    public static void RequireShape<T>(in ReadOnlyTensorSpan<T> x, string paramName, string meaning, params ReadOnlySpan<int> expected)
    {
        ReadOnlySpan<nint> lengths = x.Lengths;
        bool same = lengths.Length == expected.Length;
        for (int i = 0; same && i < expected.Length; i++)
        {
            same = lengths[i] == expected[i];
        }

        if (!same)
        {
            throw new ArgumentException(
                $"Expected {paramName} of shape {Shape(expected)} ({meaning}), but its shape is {Shape(lengths)}.", paramName);
        }
    }

    /// <summary>
    /// The tensor's values as one contiguous row-major span: the tensor's own memory when it is dense,
    /// otherwise (a strided or broadcast view) a packed copy.
    /// </summary>
    public static ReadOnlySpan<T> Contiguous<T>(in ReadOnlyTensorSpan<T> x)
    {
        nint length = x.FlattenedLength;
        if (length == 0)
        {
            return [];
        }

        Span<nint> origin = stackalloc nint[x.Rank];
        origin.Clear();
        if (x.TryGetSpan(origin, checked((int)length), out ReadOnlySpan<T> span))
        {
            return span;
        }

        var packed = new T[length];
        x.FlattenTo(packed);
        return packed;
    }

    /// <summary>Wraps a freshly computed array in a tensor of the given shape.</summary>
    public static Tensor<T> Wrap<T>(T[] values, params ReadOnlySpan<int> shape)
    {
        Span<nint> lengths = stackalloc nint[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            lengths[i] = shape[i];
        }

        return Tensor.Create(values, lengths);
    }

    public static void RequireDefined(PoolMode mode, string paramName)
    {
        if (mode is not (PoolMode.Max or PoolMode.Average))
        {
            throw new ArgumentOutOfRangeException(paramName, mode, $"Expected {nameof(PoolMode)}.{nameof(PoolMode.Max)} or {nameof(PoolMode)}.{nameof(PoolMode.Average)}, but it is {(int)mode}.");
        }
    }
}
