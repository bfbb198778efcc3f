using System.Collections.ObjectModel;
using System.Numerics;

namespace CnnGen;

/// <summary>
/// Loads Zalando Research's Fashion-MNIST: grey-scale 28×28 images of clothing in 10 classes, 60,000 for training and
/// 10,000 for testing, from a folder holding the four standard gzip-compressed IDX files.
/// </summary>
/// <remarks>
/// The images come NHWC <c>(count, 28, 28, 1)</c> with pixels scaled to <c>[0, 1]</c>, as <see cref="IdxDataSet"/>
/// loads them. The repository ships the files in <c>samples/FashionMnist/data</c>.
/// </remarks>
public static class FashionMnist
{
    /// <summary>The height of one image.</summary>
    public const int Height = 28;

    /// <summary>The width of one image.</summary>
    public const int Width = 28;

    /// <summary>The channel count of one image.</summary>
    public const int Channels = 1;

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The training images' file name.</summary>
    public const string TrainImagesFileName = "train-images-idx3-ubyte.gz";

    /// <summary>The training labels' file name.</summary>
    public const string TrainLabelsFileName = "train-labels-idx1-ubyte.gz";

    /// <summary>The test images' file name.</summary>
    public const string TestImagesFileName = "t10k-images-idx3-ubyte.gz";

    /// <summary>The test labels' file name.</summary>
    public const string TestLabelsFileName = "t10k-labels-idx1-ubyte.gz";

    /// <summary>The name of each class, indexed by label: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.</summary>
    public static ReadOnlyCollection<string> ClassNames { get; } = Array.AsReadOnly(
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]);

    /// <summary>Loads the training split (60,000 images in the standard files).</summary>
    /// <typeparam name="T">The pixel type.</typeparam>
    /// <param name="directory">The folder holding <see cref="TrainImagesFileName"/> and <see cref="TrainLabelsFileName"/>.</param>
    /// <returns>The images (NHWC <c>(count, 28, 28, 1)</c>, scaled to <c>[0, 1]</c>) and labels 0–9.</returns>
    /// <exception cref="InvalidDataException">A file is malformed, the two disagree, or the images are not 28×28.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static ImageDataSet<T> LoadTrain<T>(string directory)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(directory, TrainImagesFileName, TrainLabelsFileName);

    /// <summary>Loads the test split (10,000 images in the standard files).</summary>
    /// <typeparam name="T">The pixel type.</typeparam>
    /// <param name="directory">The folder holding <see cref="TestImagesFileName"/> and <see cref="TestLabelsFileName"/>.</param>
    /// <returns>The images (NHWC <c>(count, 28, 28, 1)</c>, scaled to <c>[0, 1]</c>) and labels 0–9.</returns>
    /// <exception cref="InvalidDataException">A file is malformed, the two disagree, or the images are not 28×28.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static ImageDataSet<T> LoadTest<T>(string directory)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(directory, TestImagesFileName, TestLabelsFileName);

    private static ImageDataSet<T> Load<T>(string directory, string imagesFileName, string labelsFileName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(directory);
        string imagesPath = Path.Combine(directory, imagesFileName);
        ImageDataSet<T> set = IdxDataSet.Load<T>(imagesPath, Path.Combine(directory, labelsFileName), ClassCount);

        // Networks for this data set are built for 28×28 inputs; another IDX file of the same layout (MNIST's are too) would pass.
        if (set.Height != Height || set.Width != Width)
        {
            throw new InvalidDataException(
                $"{imagesPath}: expected Fashion-MNIST's {Height}×{Width} images, found {set.Height}×{set.Width}.");
        }

        return set;
    }
}
