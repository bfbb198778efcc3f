using System.Numerics;

namespace CnnGen;

/// <summary>
/// Pairs an IDX images file with an IDX labels file (the layout of MNIST and Fashion-MNIST) into an
/// <see cref="ImageDataSet{T}"/>.
/// </summary>
/// <remarks>
/// The images file has three dimensions (count, rows, columns) of unsigned-byte pixels; the labels file has one
/// dimension (count) of unsigned-byte labels. The loader scales each pixel to <c>[0, 1]</c> (divides it by 255 in
/// the pixel type) and lays the images out NHWC <c>(count, rows, columns, 1)</c>. Files of other shapes,
/// differing counts and labels outside the classes are refused with an <see cref="InvalidDataException"/> naming the
/// file.
/// </remarks>
public static class IdxDataSet
{
    /// <summary>The largest pixel value of an unsigned-byte image, which the loader scales to 1.</summary>
    public const int MaxPixelValue = 255;

    /// <summary>Loads the images and labels from two IDX files, each gzip-compressed (recognized by its magic bytes) or plain.</summary>
    /// <typeparam name="T">The pixel type.</typeparam>
    /// <param name="imagesPath">The images file, three dimensions (count, rows, columns).</param>
    /// <param name="labelsPath">The labels file, one dimension (count).</param>
    /// <param name="classCount">The number of classes (at least 1); every label must be below it. 10 for MNIST and Fashion-MNIST.</param>
    /// <returns>The images (NHWC, one channel, scaled to <c>[0, 1]</c>) and labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or the two disagree; the message names the file.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    public static ImageDataSet<T> Load<T>(string imagesPath, string labelsPath, int classCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        return Create<T>(IdxFile.Read(imagesPath), IdxFile.Read(labelsPath), classCount);
    }

    /// <summary>Builds a data set from an images array and a labels array already read with <see cref="IdxFile"/>.</summary>
    /// <typeparam name="T">The pixel type.</typeparam>
    /// <param name="images">The images, three dimensions (count, rows, columns).</param>
    /// <param name="labels">The labels, one dimension (count).</param>
    /// <param name="classCount">The number of classes (at least 1); every label must be below it.</param>
    /// <returns>The images (NHWC, one channel, scaled to <c>[0, 1]</c>) and labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">An array has the wrong number of dimensions, the counts differ, or a label is out of range.</exception>
    public static ImageDataSet<T> Create<T>(IdxArray images, IdxArray labels, int classCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        string imagesName = images.SourceName ?? "the images file";
        string labelsName = labels.SourceName ?? "the labels file";
        if (images.Dimensions.Length != 3)
        {
            throw new InvalidDataException(
                $"{imagesName}: expected images with 3 dimensions (count, rows, columns), found {Describe(images.Dimensions)}.");
        }

        if (labels.Dimensions.Length != 1)
        {
            throw new InvalidDataException($"{labelsName}: expected labels with 1 dimension (count), found {Describe(labels.Dimensions)}.");
        }

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new InvalidDataException(
                $"{labelsName} holds {labels.Dimensions[0]} labels but {imagesName} holds {count} images; expected one label per image.");
        }

        return ImageDataSet<T>.Own(
            ScalePixels<T>(images.Data), ReadLabels(labels.Data, classCount, labelsName),
            height: images.Dimensions[1], width: images.Dimensions[2], channels: 1, classCount);
    }

    private static T[] ScalePixels<T>(ReadOnlySpan<byte> pixels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Every pixel is one of 256 values: divide each once, in T, and look the rest up.
        Span<T> scaled = stackalloc T[MaxPixelValue + 1];
        T max = T.CreateChecked(MaxPixelValue);
        for (int value = 0; value <= MaxPixelValue; value++)
        {
            scaled[value] = T.CreateChecked(value) / max;
        }

        var result = new T[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            result[i] = scaled[pixels[i]];
        }

        return result;
    }

    private static int[] ReadLabels(ReadOnlySpan<byte> labels, int classCount, string labelsName)
    {
        var result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= classCount)
            {
                throw new InvalidDataException(
                    $"{labelsName}: label {i} is {labels[i]}, outside the {classCount} classes 0..{classCount - 1}.");
            }

            result[i] = labels[i];
        }

        return result;
    }

    private static string Describe(ReadOnlySpan<int> dimensions) =>
        $"{dimensions.Length} ({string.Join(" × ", dimensions.ToArray())})";
}
