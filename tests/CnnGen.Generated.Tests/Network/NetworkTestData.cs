namespace CnnGen.Generated.Tests.Network;

/// <summary>Inputs for the network tests: seeded random batches, and the digits data set of the sample.</summary>
internal static class NetworkTestData
{
    public static T[] Inputs<T>(int count, ulong seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var values = new T[count];
        new DeterministicRandom(seed).FillNormal<T>(values, 0.5, 0.5);
        return values;
    }

    public static int[] Labels(int count, int classes, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.NextInt32(classes);
        }

        return labels;
    }

    /// <summary>The digits data of samples/Digits/data, found by walking up from the test's folder.</summary>
    public static ImageDataSet<T> Digits<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "samples", "Digits", "data", "digits.csv.gz");
            if (File.Exists(path))
            {
                return DigitsDataSet.Load<T>(path);
            }
        }

        throw new FileNotFoundException("samples/Digits/data/digits.csv.gz was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The largest of |a − b| / max(1, |b|) over all values.</summary>
    public static double MaxRelativeDifference<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            double e = double.CreateChecked(expected[i]);
            worst = Math.Max(worst, Math.Abs(a - e) / Math.Max(1, Math.Abs(e)));
        }

        return worst;
    }
}
