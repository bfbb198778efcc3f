using System.Globalization;
using System.IO.Compression;
using System.Numerics;

namespace CnnGen;

/// <summary>
/// Loads the optical handwritten digits data set (UCI; the copy shipped with scikit-learn): 1,797 images of 8×8
/// pixels, each pixel a count 0–16, labeled with the digit 0–9.
/// </summary>
/// <remarks>
/// The file is CSV, optionally gzip-compressed: one image per line, 65 comma-separated integers — the 64 pixels in
/// row-major order, then the label — with no header. The loader scales pixels to <c>[0, 1]</c> (divides by 16)
/// and lays the images out NHWC <c>(m, 8, 8, 1)</c>. Blank lines are skipped; anything else malformed is refused with
/// an <see cref="InvalidDataException"/> naming the line.
/// </remarks>
public static class DigitsDataSet
{
    /// <summary>The height of one image.</summary>
    public const int Height = 8;

    /// <summary>The width of one image.</summary>
    public const int Width = 8;

    /// <summary>The channel count of one image.</summary>
    public const int Channels = 1;

    /// <summary>The pixels of one image.</summary>
    public const int PixelCount = Height * Width * Channels;

    /// <summary>The number of classes (the digits 0–9).</summary>
    public const int ClassCount = 10;

    /// <summary>The largest raw pixel value (a count of on-pixels in a 4×4 block).</summary>
    public const int MaxPixelValue = 16;

    /// <summary>
    /// Loads the CSV file at <paramref name="path"/>, gzip-compressed (recognized by its magic bytes) or plain.
    /// </summary>
    /// <param name="path">The file, for example <c>samples/Digits/data/digits.csv.gz</c>.</param>
    /// <returns>The images (NHWC, scaled to <c>[0, 1]</c>) and labels.</returns>
    /// <exception cref="InvalidDataException">A line is malformed; the message names it.</exception>
    public static ImageDataSet<T> Load<T>(string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        Span<byte> start = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == 0x1F && start[1] == 0x8B;
        file.Position = 0;
        return Load<T>(file, gzip, path);
    }

    /// <summary>Loads the CSV data from <paramref name="stream"/>.</summary>
    /// <param name="stream">The data, read to its end.</param>
    /// <param name="gzipCompressed">Whether the stream is gzip-compressed.</param>
    /// <returns>The images (NHWC, scaled to <c>[0, 1]</c>) and labels.</returns>
    /// <exception cref="InvalidDataException">A line is malformed, or the gzip data is corrupt.</exception>
    public static ImageDataSet<T> Load<T>(Stream stream, bool gzipCompressed)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Load<T>(stream, gzipCompressed, source: null);

    /// <summary>Parses plain CSV text in the digits format.</summary>
    /// <param name="reader">The text, read to its end.</param>
    /// <param name="sourceName">A name for the source in error messages (a path, say), or <see langword="null"/>.</param>
    /// <returns>The images (NHWC, scaled to <c>[0, 1]</c>) and labels.</returns>
    /// <exception cref="InvalidDataException">A line is malformed; the message names it.</exception>
    public static ImageDataSet<T> Parse<T>(TextReader reader, string? sourceName = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        var images = new List<T>(1797 * PixelCount);
        var labels = new List<int>(1797);
        T scale = T.One / T.CreateChecked(MaxPixelValue);
        Span<int> row = stackalloc int[PixelCount + 1];
        string prefix = sourceName is null ? string.Empty : $"{sourceName}: ";

        int lineNumber = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ParseRow(line, lineNumber, prefix, row);
            for (int i = 0; i < PixelCount; i++)
            {
                images.Add(T.CreateChecked(row[i]) * scale);
            }

            labels.Add(row[PixelCount]);
        }

        return new ImageDataSet<T>(
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(images),
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(labels),
            Height, Width, Channels, ClassCount);
    }

    private static ImageDataSet<T> Load<T>(Stream stream, bool gzipCompressed, string? source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream text = gzipCompressed ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : stream;
        using var reader = new StreamReader(text, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: -1, leaveOpen: !gzipCompressed);
        return Parse<T>(reader, source);
    }

    private static void ParseRow(string line, int lineNumber, string prefix, Span<int> row)
    {
        ReadOnlySpan<char> rest = line.AsSpan();
        int count = 0;
        while (true)
        {
            int comma = rest.IndexOf(',');
            ReadOnlySpan<char> field = comma < 0 ? rest : rest[..comma];
            if (count < row.Length)
            {
                if (!int.TryParse(field, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    throw new InvalidDataException(
                        $"{prefix}line {lineNumber}, value {count + 1}: \"{field.ToString()}\" is not an integer.");
                }

                row[count] = value;
            }

            count++;
            if (comma < 0)
            {
                break;
            }

            rest = rest[(comma + 1)..];
        }

        if (count != row.Length)
        {
            throw new InvalidDataException(
                $"{prefix}line {lineNumber} has {count} values; expected {row.Length} ({PixelCount} pixels, then the label).");
        }

        for (int i = 0; i < PixelCount; i++)
        {
            if ((uint)row[i] > MaxPixelValue)
            {
                throw new InvalidDataException(
                    $"{prefix}line {lineNumber}, value {i + 1}: pixel {row[i]} is outside 0..{MaxPixelValue}.");
            }
        }

        int label = row[PixelCount];
        if ((uint)label >= ClassCount)
        {
            throw new InvalidDataException($"{prefix}line {lineNumber}: label {label} is outside 0..{ClassCount - 1}.");
        }
    }
}
