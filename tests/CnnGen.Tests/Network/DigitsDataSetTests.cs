using System.IO.Compression;
using System.Text;

namespace CnnGen.Tests.Network;

public sealed class DigitsDataSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cnngen-digits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A row whose pixels are (seed + k) mod 17 and whose label is given.</summary>
    private static string Row(int seed, int label) =>
        string.Join(",", Enumerable.Range(0, 64).Select(k => (seed + k) % 17).Append(label));

    private string WriteGzip(string name, string csv)
    {
        string path = Path.Combine(_folder, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Optimal);
        gzip.Write(Encoding.UTF8.GetBytes(csv));
        return path;
    }

    [Fact]
    public void Loads_gzipped_csv_into_scaled_nhwc_images_and_labels()
    {
        string path = WriteGzip("digits.csv.gz", Row(0, 3) + "\n" + Row(5, 9) + "\n" + Row(16, 0) + "\n");
        ImageDataSet<float> set = DigitsDataSet.Load<float>(path);

        Assert.Equal(3, set.Count);
        Assert.Equal((8, 8, 1, 10, 64), (set.Height, set.Width, set.Channels, set.ClassCount, set.ExampleLength));
        Assert.Equal([3, 9, 0], set.Labels.ToArray());
        Assert.Equal(192, set.Images.Length);
        for (int n = 0; n < 3; n++)
        {
            int seed = new[] { 0, 5, 16 }[n];
            for (int k = 0; k < 64; k++)
            {
                Assert.Equal(((seed + k) % 17) / 16f, set.Image(n)[k]);
            }
        }

        ImageDataSet<double> doubles = DigitsDataSet.Load<double>(path);
        Assert.Equal(set.Images.ToArray().Select(v => (double)v), doubles.Images.ToArray());
    }

    [Fact]
    public void Plain_csv_with_crlf_and_blank_lines_is_accepted()
    {
        string path = Path.Combine(_folder, "digits.csv");
        File.WriteAllText(path, Row(1, 1) + "\r\n\r\n" + Row(2, 2) + "\r\n");
        ImageDataSet<double> set = DigitsDataSet.Load<double>(path);
        Assert.Equal([1, 2], set.Labels.ToArray());

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Row(3, 7)));
        Assert.Equal([7], DigitsDataSet.Load<double>(stream, gzipCompressed: false).Labels.ToArray());
        Assert.True(stream.CanRead, "The caller's stream stays open.");
    }

    [Theory]
    [InlineData("1,2,3", "line 2 has 3 values; expected 65")]
    [InlineData("ROW,5", "line 2 has 66 values; expected 65")]
    [InlineData("ROW", "line 2: label 10 is outside 0..9")]
    [InlineData("17", "line 2, value 1: pixel 17 is outside 0..16")]
    [InlineData("-1", "line 2, value 1: pixel -1 is outside 0..16")]
    [InlineData("x", "line 2, value 1: \"x\" is not an integer")]
    [InlineData("1.5", "line 2, value 1: \"1.5\" is not an integer")]
    public void Malformed_rows_are_refused_naming_the_line(string badRow, string message)
    {
        // "ROW" stands for 64 valid pixels and the label 10; a bare number replaces the first pixel of a good row.
        string row = badRow switch
        {
            "ROW" => Row(0, 10),
            "ROW,5" => Row(0, 1) + ",5",
            "1,2,3" => badRow,
            _ => badRow + Row(0, 1)[1..],
        };
        string path = WriteGzip("bad.csv.gz", Row(0, 1) + "\n" + row + "\n");
        var e = Assert.Throws<InvalidDataException>(() => DigitsDataSet.Load<float>(path));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_is_seeded_disjoint_and_complete()
    {
        string csv = string.Join("\n", Enumerable.Range(0, 10).Select(i => Row(i, i)));
        ImageDataSet<float> set = DigitsDataSet.Parse<float>(new StringReader(csv));
        (ImageDataSet<float> train, ImageDataSet<float> test) = set.Split(0.2, seed: 1);

        Assert.Equal(8, train.Count);
        Assert.Equal(2, test.Count);
        Assert.Equal(Enumerable.Range(0, 10), train.Labels.ToArray().Concat(test.Labels.ToArray()).Order());
        for (int i = 0; i < train.Count; i++)
        {
            Assert.Equal(set.Image(train.Labels[i]).ToArray(), train.Image(i).ToArray());
        }

        (ImageDataSet<float> again, _) = set.Split(0.2, seed: 1);
        Assert.Equal(train.Labels.ToArray(), again.Labels.ToArray());
        var orders = Enumerable.Range(2, 5).Select(s => string.Join(",", set.Split(0.2, (ulong)s).Test.Labels.ToArray())).Distinct();
        Assert.True(orders.Count() > 1, "Different seeds should give different splits.");

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Split(1.5, 1));
        Assert.Equal(10, set.Split(1.0, 1).Test.Count);
    }

    [Fact]
    public void CopyBatch_gathers_examples_and_checks_its_buffers()
    {
        string csv = string.Join("\n", Enumerable.Range(0, 4).Select(i => Row(i, i)));
        ImageDataSet<double> set = DigitsDataSet.Parse<double>(new StringReader(csv));
        var images = new double[2 * 64];
        var labels = new int[2];
        set.CopyBatch([3, 1], images, labels);
        Assert.Equal([3, 1], labels);
        Assert.Equal(set.Image(3).ToArray(), images[..64]);

        Assert.Equal("images", Assert.Throws<ArgumentException>(() => set.CopyBatch([3, 1], new double[64], labels)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => set.CopyBatch([3, 1], images, new int[3])).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => set.CopyBatch([4, 1], images, labels)).ParamName);
    }

    [Fact]
    public void The_shipped_copy_of_the_data_set_loads_whole()
    {
        // samples/Digits/data/digits.csv.gz, found from the test's output folder upwards.
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "CnnGen.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        ImageDataSet<float> set = DigitsDataSet.Load<float>(Path.Combine(folder, "samples", "Digits", "data", "digits.csv.gz"));
        Assert.Equal(1797, set.Count);
        Assert.All(set.Labels.ToArray().CountBy(l => l), c => Assert.InRange(c.Value, 174, 183));
        Assert.Equal(0f, set.Images.ToArray().Min());
        Assert.Equal(1f, set.Images.ToArray().Max());
    }
}
