using static CnnGen.Tests.Network.IdxFileTests;

namespace CnnGen.Tests.Network;

public sealed class IdxDataSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cnngen-idx-set-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>2×4 images with pixels spread over 0–255; the first image starts with 0 and 255.</summary>
    private static byte[] Pixels(int count) =>
        [.. Enumerable.Range(0, count * 8).Select(i => (byte)(i == 1 ? 255 : 31 * (i / 8) + i % 8 * 37))];

    [Fact]
    public void Images_and_labels_pair_into_scaled_nhwc_images()
    {
        byte[] pixels = Pixels(3);
        string images = Write("images.gz", Gzip(Idx(0x08, [3, 2, 4], pixels)));
        string labels = Write("labels", Idx(0x08, [3], [4, 0, 3]));

        ImageDataSet<float> set = IdxDataSet.Load<float>(images, labels, classCount: 5);
        Assert.Equal((3, 2, 4, 1, 5), (set.Count, set.Height, set.Width, set.Channels, set.ClassCount));
        Assert.Equal([4, 0, 3], set.Labels.ToArray());
        Assert.Equal(pixels.Select(p => p / 255f), set.Images.ToArray());
        Assert.Equal(1f, set.Image(0)[1]);
        Assert.Equal(0f, set.Image(0)[0]);

        ImageDataSet<double> doubles = IdxDataSet.Load<double>(images, labels, classCount: 5);
        Assert.Equal(pixels.Select(p => p / 255.0), doubles.Images.ToArray());
    }

    [Theory]
    [InlineData("images have 2 dimensions", "images: expected images with 3 dimensions (count, rows, columns), found 2 (3 × 8).")]
    [InlineData("labels have 2 dimensions", "labels: expected labels with 1 dimension (count), found 2 (3 × 1).")]
    [InlineData("one label short", "labels holds 2 labels but images holds 3 images; expected one label per image.")]
    [InlineData("label out of range", "labels: label 2 is 5, outside the 5 classes 0..4.")]
    public void Files_that_do_not_pair_are_refused_naming_the_file(string kind, string message)
    {
        byte[] pixels = Pixels(3);
        IdxArray images = Read("images", kind == "images have 2 dimensions" ? Idx(0x08, [3, 8], pixels) : Idx(0x08, [3, 2, 4], pixels));
        IdxArray labels = Read("labels", kind switch
        {
            "labels have 2 dimensions" => Idx(0x08, [3, 1], [0, 1, 2]),
            "one label short" => Idx(0x08, [2], [0, 1]),
            "label out of range" => Idx(0x08, [3], [4, 0, 5]),
            _ => Idx(0x08, [3], [0, 1, 2]),
        });

        var e = Assert.Throws<InvalidDataException>(() => IdxDataSet.Create<float>(images, labels, classCount: 5));
        Assert.Equal(message, e.Message);

        static IdxArray Read(string name, byte[] bytes) => IdxFile.Read(new MemoryStream(bytes), gzipCompressed: false, name);
    }

    [Fact]
    public void A_class_count_below_one_is_refused_before_reading()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => IdxDataSet.Load<float>("missing-images", "missing-labels", classCount: 0));
        Assert.Equal("classCount", e.ParamName);
        Assert.Throws<FileNotFoundException>(() => IdxDataSet.Load<float>(Path.Combine(_folder, "missing"), "missing", classCount: 10));
    }

    [Fact]
    public void Fashion_mnist_refuses_images_of_another_size()
    {
        Write(FashionMnist.TestImagesFileName, Gzip(Idx(0x08, [3, 2, 4], Pixels(3))));
        Write(FashionMnist.TestLabelsFileName, Gzip(Idx(0x08, [3], [9, 0, 1])));
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.LoadTest<float>(_folder));
        Assert.Equal($"{Path.Combine(_folder, FashionMnist.TestImagesFileName)}: expected Fashion-MNIST's 28×28 images, found 2×4.", e.Message);
    }

    [Fact]
    public void Fashion_mnist_names_its_classes_in_label_order()
    {
        // The order of the data set's README (and of samples/FashionMnist/data/README.md).
        Assert.Equal(
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            FashionMnist.ClassNames);
        Assert.Equal(FashionMnist.ClassCount, FashionMnist.ClassNames.Count);
    }

    [Fact]
    public void The_shipped_fashion_mnist_test_split_loads_whole()
    {
        ImageDataSet<float> set = FashionMnist.LoadTest<float>(ShippedDataFolder());
        Assert.Equal((10_000, 28, 28, 1, 10), (set.Count, set.Height, set.Width, set.Channels, set.ClassCount));
        Assert.All(set.Labels.ToArray().CountBy(l => l), c => Assert.Equal(1000, c.Value));
        Assert.Equal(10, set.Labels.ToArray().Distinct().Count());

        // Counted independently with Python's gzip module from the same files.
        Assert.Equal([9, 2, 1, 1, 6, 1, 4, 6, 5, 7], set.Labels[..10].ToArray());
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[set.Labels[0]]);
        float[] pixels = set.Images.ToArray();
        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
        Assert.Equal(3_919_183, pixels.Count(p => p == 0f));
        Assert.Equal(62_787, pixels.Count(p => p == 1f));
        Assert.Equal(573_469_082, pixels.Sum(p => (long)Math.Round(p * 255.0))); // each pixel scales back to its byte
        double[] doubles = FashionMnist.LoadTest<double>(ShippedDataFolder()).Images.ToArray();
        Assert.Equal(573_469_082 / 255.0, doubles.Sum(), 1e-3); // tighter than one pixel off by one (1/255), looser than the sum's rounding
        Assert.Equal(110 / 255f, set.Image(0)[(14 * 28) + 14]);
        Assert.Equal(33_456, set.Image(0).ToArray().Sum(p => (long)Math.Round(p * 255.0)));
        Assert.Equal(267, set.Image(0).ToArray().Count(p => p > 0f));
    }

    [Fact]
    public void The_shipped_fashion_mnist_training_split_loads_whole()
    {
        ImageDataSet<float> set = FashionMnist.LoadTrain<float>(ShippedDataFolder());
        Assert.Equal((60_000, 28, 28), (set.Count, set.Height, set.Width));
        Assert.All(set.Labels.ToArray().CountBy(l => l), c => Assert.Equal(6000, c.Value));
        Assert.Equal([9, 0, 0, 3, 0, 2, 7, 2, 5, 5], set.Labels[..10].ToArray());
        Assert.Equal(217 / 255f, set.Image(0)[(14 * 28) + 14]);
    }

    /// <summary>samples/FashionMnist/data, found from the test's output folder upwards.</summary>
    private static string ShippedDataFolder()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "CnnGen.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        return Path.Combine(folder, "samples", "FashionMnist", "data");
    }
}
