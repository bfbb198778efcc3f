using System.Numerics;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// The correctness guard the suites run in their setup, before anything is timed: a kernel whose output
/// disagrees with the baseline's throws, so the benchmark fails instead of reporting a fast wrong answer.
/// </summary>
public static class Agreement
{
    /// <summary>The relative tolerance for an element type: 1e-4 for float, 1e-10 for double.</summary>
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 1e-4 : 1e-10;

    /// <summary>
    /// Throws unless every element satisfies |actual − expected| ≤ tol · max(|expected|, rms(expected)).
    /// The rms floor keeps elements that cancel to nearly zero from demanding more than the summation order
    /// allows; a NaN anywhere in <paramref name="actual"/> (the buffers are prefilled with NaN) fails.
    /// </summary>
    public static void Require<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, string what)
        where T : IFloatingPointIeee754<T>
    {
        if (actual.Length != expected.Length)
        {
            throw new InvalidOperationException($"{what}: {actual.Length} values where {expected.Length} were expected.");
        }

        double sumSquares = 0;
        foreach (T e in expected)
        {
            double v = double.CreateChecked(e);
            sumSquares += v * v;
        }

        double rms = expected.Length == 0 ? 0 : Math.Sqrt(sumSquares / expected.Length);
        double tol = Tolerance<T>();
        for (int i = 0; i < actual.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            double e = double.CreateChecked(expected[i]);
            double allowed = tol * Math.Max(Math.Abs(e), rms);
            if (!(Math.Abs(a - e) <= allowed))
            {
                throw new InvalidOperationException(
                    $"{what} disagrees with the baseline at index {i}: {a:R} versus {e:R} (allowed difference {allowed:G3}). " +
                    "Refusing to time a kernel whose result is wrong.");
            }
        }
    }

    /// <summary>An array of <paramref name="length"/> values drawn uniformly from [-1, 1) with a fixed seed.</summary>
    public static T[] Random<T>(int length, int seed)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked(random.NextDouble() * 2 - 1);
        }

        return values;
    }

    /// <summary>An array of <paramref name="length"/> NaNs, so a kernel that skips an element is caught.</summary>
    public static T[] NaNs<T>(int length)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[length];
        values.AsSpan().Fill(T.NaN);
        return values;
    }
}
