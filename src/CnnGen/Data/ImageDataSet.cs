using System.Numerics;

namespace CnnGen;

/// <summary>
/// A labeled set of images held in memory: NHWC pixel values <c>(Count, Height, Width, Channels)</c> and one integer
/// class label per image.
/// </summary>
/// <typeparam name="T">The pixel type.</typeparam>
public sealed class ImageDataSet<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _images;
    private readonly int[] _labels;

    /// <summary>Creates a data set from copies of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    /// <param name="images">The NHWC pixel values, <c>(Count, height, width, channels)</c>.</param>
    /// <param name="labels">The class of each image, <c>(Count)</c>, each in <c>[0, classCount)</c>.</param>
    /// <param name="height">The height of one image (at least 1).</param>
    /// <param name="width">The width of one image (at least 1).</param>
    /// <param name="channels">The channel count of one image (at least 1).</param>
    /// <param name="classCount">The number of classes (at least 1).</param>
    /// <exception cref="ArgumentException">The lengths disagree.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or a label is outside <c>[0, classCount)</c>.</exception>
    public ImageDataSet(ReadOnlySpan<T> images, ReadOnlySpan<int> labels, int height, int width, int channels, int classCount)
        : this(images.ToArray(), labels.ToArray(), height, width, channels, classCount, validate: true)
    {
    }

    /// <summary>
    /// Takes over arrays the caller built and never touches again, checked like the public constructor's but not
    /// copied (a loader's buffers can be hundreds of megabytes).
    /// </summary>
    internal static ImageDataSet<T> Own(T[] images, int[] labels, int height, int width, int channels, int classCount)
        => new(images, labels, height, width, channels, classCount, validate: true);

    private ImageDataSet(T[] images, int[] labels, int height, int width, int channels, int classCount, bool validate)
    {
        if (validate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
            int exampleLength = checked(height * width * channels);
            SpanArguments.RequireBatchLength(images.Length, labels.Length, exampleLength, nameof(images));
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classCount)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(labels), labels[i], $"The label of image {i} is {labels[i]}, outside the {classCount} classes [0, {classCount - 1}].");
                }
            }
        }

        _images = images;
        _labels = labels;
        Height = height;
        Width = width;
        Channels = channels;
        ClassCount = classCount;
    }

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The height of one image.</summary>
    public int Height { get; }

    /// <summary>The width of one image.</summary>
    public int Width { get; }

    /// <summary>The channel count of one image.</summary>
    public int Channels { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>The values in one image, <c>Height·Width·Channels</c>.</summary>
    public int ExampleLength => Height * Width * Channels;

    /// <summary>All pixel values, NHWC <c>(Count, Height, Width, Channels)</c>.</summary>
    public ReadOnlySpan<T> Images => _images;

    /// <summary>All labels, <c>(Count)</c>.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The pixel values of image <paramref name="index"/>, HWC.</summary>
    /// <param name="index">The image's position, in <c>[0, Count)</c>.</param>
    public ReadOnlySpan<T> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _images.AsSpan(index * ExampleLength, ExampleLength);
    }

    /// <summary>
    /// Gathers the images and labels at <paramref name="indices"/> into caller-owned batch buffers (for mini-batches
    /// drawn from a shuffled order, without allocating).
    /// </summary>
    /// <param name="indices">The images to take, each in <c>[0, Count)</c>.</param>
    /// <param name="images">Receives the images, <c>(indices.Length, Height, Width, Channels)</c>.</param>
    /// <param name="labels">Receives the labels, <c>(indices.Length)</c>.</param>
    /// <exception cref="ArgumentException">A buffer has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<T> images, Span<int> labels)
    {
        SpanArguments.RequireBatchLength(images.Length, indices.Length, ExampleLength, nameof(images));
        SpanArguments.RequireLength(labels.Length, indices.Length, nameof(labels));
        RequireIndices(indices);
        int length = ExampleLength;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            _images.AsSpan(index * length, length).CopyTo(images.Slice(i * length, length));
            labels[i] = _labels[index];
        }
    }

    /// <summary>A new data set of the images at <paramref name="indices"/>, in that order.</summary>
    /// <param name="indices">The images to take, each in <c>[0, Count)</c>; repeats are allowed.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    public ImageDataSet<T> Subset(ReadOnlySpan<int> indices)
    {
        var images = new T[indices.Length * ExampleLength];
        var labels = new int[indices.Length];
        CopyBatch(indices, images, labels);
        return new ImageDataSet<T>(images, labels, Height, Width, Channels, ClassCount, validate: false);
    }

    /// <summary>
    /// Splits the set at random into a training and a test set: the images are shuffled with a generator seeded by
    /// <paramref name="seed"/> (so the split is the same on every run and platform), the first
    /// <c>round(Count·testFraction)</c> of that order form the test set and the rest the training set.
    /// </summary>
    /// <param name="testFraction">The share of images for the test set, in <c>[0, 1]</c>; 0.2 gives an 80/20 split.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The two disjoint sets, which together hold every image once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is outside <c>[0, 1]</c>.</exception>
    public (ImageDataSet<T> Train, ImageDataSet<T> Test) Split(double testFraction, ulong seed)
    {
        if (!(testFraction >= 0.0 && testFraction <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be in [0, 1].");
        }

        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new DeterministicRandom(seed).Shuffle(order.AsSpan());
        int testCount = (int)Math.Round(Count * testFraction, MidpointRounding.AwayFromZero);
        return (Subset(order.AsSpan(testCount)), Subset(order.AsSpan(0, testCount)));
    }

    private void RequireIndices(ReadOnlySpan<int> indices)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), indices[i], $"Index {i} is {indices[i]}, outside the {Count} images [0, {Count - 1}].");
            }
        }
    }
}
