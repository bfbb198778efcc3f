using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace CnnGen.TestSupport;

/// <summary>Assertions that compare kernel outputs with numpy's, reporting every mismatching index.</summary>
public static class NotebookAssert
{
    /// <summary>Asserts <c>|expected − actual| ≤ tolerance</c> element-wise, and equal lengths.</summary>
    public static void Close(ExpectedArray expected, ReadOnlySpan<double> actual, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Close(expected.Values, actual, tolerance, expected.Label, expected.Shape);
    }

    /// <summary>Asserts <c>|expected − actual| ≤ tolerance</c> element-wise (float results, widened exactly).</summary>
    public static void Close(ExpectedArray expected, ReadOnlySpan<float> actual, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        Close(expected.Values, widened, tolerance, expected.Label, expected.Shape);
    }

    /// <summary>Asserts <c>|expected − actual| ≤ tolerance</c> element-wise, and equal lengths.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string label, int[]? shape = null)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{label}: expected {expected.Length} values, got {actual.Length}.");
        }

        var report = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(expected[i] - actual[i]);
            if (!(difference <= tolerance) && !(double.IsNaN(expected[i]) && double.IsNaN(actual[i])))
            {
                if (bad++ < 20)
                {
                    report.Append(CultureInfo.InvariantCulture, $"\n  [{Index(i, shape)}] expected {expected[i]:R}, got {actual[i]:R} (off by {difference:E2})");
                }
            }
        }

        if (bad > 0)
        {
            throw new XunitException($"{label}: {bad} of {expected.Length} values differ by more than {tolerance:E1}:{report}");
        }
    }

    /// <summary>Asserts <c>|expected − actual| ≤ relativeTolerance·|expected|</c>.</summary>
    public static void RelativelyClose(double expected, double actual, double relativeTolerance, string label)
    {
        double difference = Math.Abs(expected - actual);
        if (!(difference <= relativeTolerance * Math.Abs(expected)))
        {
            throw new XunitException(
                string.Create(CultureInfo.InvariantCulture, $"{label}: expected {expected:R}, got {actual:R} (relative difference {difference / Math.Abs(expected):E2} > {relativeTolerance:E1})"));
        }
    }

    /// <summary>Asserts a shape equals numpy's.</summary>
    public static void Shape(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual, string label)
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new XunitException($"{label}: expected shape {Nd.Format(expected)}, got {Nd.Format(actual)}.");
        }
    }

    private static string Index(int flat, int[]? shape)
    {
        if (shape is null || shape.Length == 0)
        {
            return flat.ToString(CultureInfo.InvariantCulture);
        }

        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }

        return string.Join(", ", index);
    }
}
