using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace Notebook.Printing;

/// <summary>
/// Formats values the way numpy's <c>print</c> does with its default options (precision 8, <c>floatmode='maxprec'</c>,
/// line width 75), so the sample's output reads like the notebook's. Covers what the notebook prints: float arrays
/// of moderate magnitude, boolean masks, shapes and float64 scalars. (numpy switches to scientific notation for
/// values below 1e-4 or from 1e8; the notebook never needs it, so neither does this.)
/// </summary>
internal static class NumpyFormat
{
    private const int LineWidth = 75;
    private const int Precision = 8;

    /// <summary>A float64 scalar as Python prints it: the shortest string that round-trips.</summary>
    public static string Scalar(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A shape as a Python tuple: <c>(2, 3, 4, 8)</c>.</summary>
    public static string Shape(ReadOnlySpan<nint> lengths)
    {
        var parts = new string[lengths.Length];
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = lengths[i].ToString(CultureInfo.InvariantCulture);
        }

        return parts.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }

    /// <summary>A float array, e.g. <c>[[ 0.90085595 -0.68372786] …]</c>.</summary>
    public static string Array(Tensor<double> tensor)
    {
        var values = new double[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return Array(values, Dims(tensor.Lengths));
    }

    /// <summary>A float array given as row-major values and a shape.</summary>
    public static string Array(ReadOnlySpan<double> values, int[] shape)
    {
        // maxprec: at most 8 decimals, trailing zeros dropped; then every element padded to a common layout.
        var integer = new string[values.Length];
        var fraction = new string[values.Length];
        int left = 0, right = 0;
        for (int i = 0; i < values.Length; i++)
        {
            string text = values[i].ToString("F" + Precision, CultureInfo.InvariantCulture).TrimEnd('0');
            int dot = text.IndexOf('.', StringComparison.Ordinal);
            integer[i] = text[..dot];
            fraction[i] = text[(dot + 1)..];
            left = Math.Max(left, integer[i].Length);
            right = Math.Max(right, fraction[i].Length);
        }

        var words = new string[values.Length];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = integer[i].PadLeft(left) + "." + fraction[i].PadRight(right);
        }

        return Layout(words, shape);
    }

    /// <summary>A boolean array (a mask), e.g. <c>[[ True False] [False False]]</c>.</summary>
    public static string Mask(ReadOnlySpan<bool> values, int[] shape)
    {
        var words = new string[values.Length];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = (values[i] ? "True" : "False").PadLeft(values.Contains(false) ? 5 : 4);
        }

        return Layout(words, shape);
    }

    private static int[] Dims(ReadOnlySpan<nint> lengths)
    {
        var shape = new int[lengths.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = checked((int)lengths[i]);
        }

        return shape;
    }

    /// <summary>numpy's <c>_formatArray</c>: nested brackets, hanging indents, wrapping at the line width.</summary>
    private static string Layout(string[] words, int[] shape)
    {
        if (shape.Length == 0)
        {
            return words[0];
        }

        return Recurse(words, shape, axis: 0, offset: 0, hanging: " ", width: LineWidth);
    }

    private static string Recurse(string[] words, int[] shape, int axis, int offset, string hanging, int width)
    {
        int count = shape[axis];
        int stride = 1;
        for (int a = axis + 1; a < shape.Length; a++)
        {
            stride *= shape[a];
        }

        var s = new StringBuilder();
        if (axis == shape.Length - 1)
        {
            int elementWidth = width - 1; // room for the closing bracket
            string line = hanging;
            for (int i = 0; i < count; i++)
            {
                string word = words[offset + i];
                if (line.Length + word.Length > elementWidth && line.Length > hanging.Length)
                {
                    s.Append(line.TrimEnd()).Append('\n');
                    line = hanging;
                }

                line += word;
                if (i < count - 1)
                {
                    line += " ";
                }
            }

            s.Append(line);
        }
        else
        {
            string separator = new('\n', shape.Length - axis - 1);
            for (int i = 0; i < count; i++)
            {
                s.Append(hanging).Append(Recurse(words, shape, axis + 1, offset + i * stride, hanging + " ", width - 1));
                if (i < count - 1)
                {
                    s.Append(separator);
                }
            }
        }

        return "[" + s.ToString()[hanging.Length..] + "]";
    }
}
