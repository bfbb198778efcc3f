using System.Globalization;

namespace CnnGen.Generated.Tests.Precision;

/// <summary>How close one float tensor came to its double counterpart: the largest error / allowed error, per value and normwise.</summary>
internal readonly record struct Margin(string Tensor, double PerValue, double Normwise)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Tensor}: per value {PerValue:0.####E+0} of allowed, normwise {Normwise:0.####E+0} of allowed");
}

/// <summary>
/// Holds a tensor computed by a float kernel against the same tensor computed by the double kernel from the same
/// (float-representable) inputs: the speed issue's "float results within 1e-4 relative of the double reference".
/// </summary>
internal static class FloatAgainstDouble
{
    /// <summary>The bound: 1e-4 relative.</summary>
    public const double Relative = 1e-4;

    /// <summary>
    /// Asserts, value by value, |float − double| ≤ 1e-4 · Σ|terms| of that value (<paramref name="magnitude"/>), and
    /// normwise max|float − double| ≤ 1e-4 · max|double|. <paramref name="shape"/> is the tensor's shape, for the message.
    /// </summary>
    public static Margin Check(string tensor, int[] shape, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, ReadOnlySpan<double> magnitude)
    {
        Assert.Equal(expected.Length, magnitude.Length);
        var allowed = new double[expected.Length];
        for (int i = 0; i < allowed.Length; i++)
        {
            allowed[i] = Relative * magnitude[i];
        }

        return Check(tensor, shape, expected, actual, allowed, "1e-4 · Σ|terms|");
    }

    /// <summary>
    /// Asserts |float − double| ≤ <paramref name="allowed"/>[i] for every value (<paramref name="rule"/> names how the
    /// allowed error was set, for the message), and the normwise bound max|float − double| ≤ 1e-4 · max|double|.
    /// </summary>
    public static Margin Check(string tensor, int[] shape, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, ReadOnlySpan<double> allowed, string rule)
    {
        Assert.Equal(shape.Aggregate(1, (product, size) => product * size), expected.Length);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Length, allowed.Length);

        double worstRatio = 0, worstError = 0, largest = 0;
        int worstAt = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= allowed[i]))
            {
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{tensor}[{Coordinates(shape, i)}] (flat index {i}): float {actual[i]:R}, double {expected[i]:R}, error {error:E3} > allowed {allowed[i]:E3} ({rule})."));
            }

            if (error > 0)
            {
                worstRatio = Math.Max(worstRatio, error / allowed[i]);
            }

            if (error > worstError)
            {
                (worstError, worstAt) = (error, i);
            }

            largest = Math.Max(largest, Math.Abs(expected[i]));
        }

        double normwiseAllowed = Relative * largest;
        if (!(worstError <= normwiseAllowed))
        {
            Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{tensor} normwise: the largest error, at [{Coordinates(shape, worstAt)}] (flat index {worstAt}), float {actual[worstAt]:R}, double {expected[worstAt]:R}, error {worstError:E3} > allowed {normwiseAllowed:E3} (1e-4 · max|double| = 1e-4 · {largest:R})."));
        }

        return new Margin(tensor, worstRatio, worstError == 0 ? 0 : worstError / normwiseAllowed);
    }

    /// <summary>Asserts every float value equals the double one exactly.</summary>
    public static Margin Exact(string tensor, int[] shape, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual)
        => Check(tensor, shape, expected, actual, new double[expected.Length], "exact");

    public static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            widened[i] = values[i];
        }

        return widened;
    }

    public static double[] Absolute(ReadOnlySpan<double> values)
    {
        var absolute = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            absolute[i] = Math.Abs(values[i]);
        }

        return absolute;
    }

    /// <summary>A span the kernel must overwrite: NaN everywhere, so a value it forgets fails the check.</summary>
    public static T[] Unwritten<T>(int count)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var values = new T[count];
        values.AsSpan().Fill(T.NaN);
        return values;
    }

    private static string Coordinates(int[] shape, int index)
    {
        var coordinates = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            coordinates[axis] = index % shape[axis];
            index /= shape[axis];
        }

        return string.Join(", ", coordinates);
    }
}
