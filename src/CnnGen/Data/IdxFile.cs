using System.Buffers.Binary;
using System.IO.Compression;

namespace CnnGen;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
/// </summary>
/// <remarks>
/// An IDX file is a header — two zero bytes, a type code, the number of dimensions <c>n</c>, then <c>n</c> sizes as
/// big-endian 32-bit integers — followed by the values in row-major order. Only the type code 0x08 (unsigned byte, the
/// one MNIST and Fashion-MNIST use) is supported. The reader refuses, with an <see cref="InvalidDataException"/> that
/// names the file, what it expected and what it found: a wrong start, another type code, no dimensions, a size below 1,
/// data shorter than the sizes call for, and bytes after the data.
/// </remarks>
public static class IdxFile
{
    /// <summary>The type code of unsigned bytes, the only one supported.</summary>
    public const byte UnsignedByteType = 0x08;

    // Fashion-MNIST's largest file (47 MB) fits at once; a header claiming more grows the buffer only as data arrives,
    // so a corrupt size cannot make the reader allocate gigabytes before finding the file too short.
    private const int InitialCapacity = 64 << 20;

    /// <summary>
    /// Reads the IDX file at <paramref name="path"/>, gzip-compressed (recognized by its magic bytes 1F 8B, whatever
    /// the file's name) or plain.
    /// </summary>
    /// <param name="path">The file, for example <c>samples/FashionMnist/data/t10k-labels-idx1-ubyte.gz</c>.</param>
    /// <returns>The sizes and values, with <paramref name="path"/> as the source name.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file of unsigned bytes; the message says why.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        Span<byte> start = stackalloc byte[2];
        bool gzip = IsGzipMagic(start[..file.ReadAtLeast(start, 2, throwOnEndOfStream: false)]);
        file.Position = 0;
        return Read(file, gzip, path);
    }

    /// <summary>Reads IDX data from <paramref name="stream"/>, which must end where the data ends.</summary>
    /// <param name="stream">The data, read to its end and left open.</param>
    /// <param name="gzipCompressed">Whether the stream is gzip-compressed.</param>
    /// <param name="sourceName">A name for the source in error messages (a path, say), or <see langword="null"/>.</param>
    /// <returns>The sizes and values.</returns>
    /// <exception cref="InvalidDataException">The data is not a well-formed IDX file of unsigned bytes, or the gzip data is corrupt.</exception>
    public static IdxArray Read(Stream stream, bool gzipCompressed, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!gzipCompressed)
        {
            return new Reader(stream, gzipCompressed, sourceName).ReadArray();
        }

        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        return new Reader(gzip, gzipCompressed, sourceName).ReadArray();
    }

    private static bool IsGzipMagic(ReadOnlySpan<byte> start) => start is [0x1F, 0x8B, ..];

    private static string TypeName(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };

    private readonly struct Reader(Stream stream, bool gzipCompressed, string? sourceName)
    {
        private string Prefix => sourceName is null ? string.Empty : $"{sourceName}: ";

        public IdxArray ReadArray()
        {
            Span<byte> start = stackalloc byte[4];
            int got = ReadUpTo(start);
            if (got < 4)
            {
                throw Error($"the data ends after {got} bytes, inside the 4-byte IDX header (two zero bytes, a type code, a dimension count).");
            }

            if (start[0] != 0 || start[1] != 0)
            {
                string hint = !gzipCompressed && IsGzipMagic(start) ? " (that is gzip's magic: the data is compressed)" : string.Empty;
                throw Error($"expected an IDX file, which starts with two zero bytes, but it starts with 0x{start[0]:X2} 0x{start[1]:X2}{hint}.");
            }

            if (start[2] != UnsignedByteType)
            {
                throw Error(
                    $"the type code is 0x{start[2]:X2} ({TypeName(start[2])}); only 0x{UnsignedByteType:X2} ({TypeName(UnsignedByteType)}) is supported.");
            }

            int[] dimensions = ReadDimensions(start[3]);
            int length = DataLength(dimensions);
            byte[] data = ReadData(length, headerLength: 4 + 4 * dimensions.Length, dimensions);
            RequireEnd(length, dimensions);
            return new IdxArray(dimensions, data, sourceName);
        }

        private int[] ReadDimensions(int count)
        {
            if (count == 0)
            {
                throw Error("the header declares 0 dimensions; an IDX file has at least 1.");
            }

            Span<byte> sizes = stackalloc byte[4 * count];
            int got = ReadUpTo(sizes);
            if (got < sizes.Length)
            {
                throw Error($"the header is truncated: it declares {count} dimensions, whose sizes take {sizes.Length} bytes, but only {got} follow.");
            }

            var dimensions = new int[count];
            for (int i = 0; i < count; i++)
            {
                dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * i)..]);
                if (dimensions[i] < 1)
                {
                    throw Error($"dimension {i + 1} of {count} has size {dimensions[i]}; each size must be at least 1.");
                }
            }

            return dimensions;
        }

        private int DataLength(int[] dimensions)
        {
            long length = 1;
            foreach (int size in dimensions)
            {
                length *= size; // stays below 2^62: each factor is below 2^31 and the product is checked after each one
                if (length > Array.MaxLength)
                {
                    throw Error($"the sizes {Shape(dimensions)} make more values than one array can hold ({Array.MaxLength}).");
                }
            }

            return (int)length;
        }

        private byte[] ReadData(int length, int headerLength, int[] dimensions)
        {
            var data = new byte[Math.Min(length, InitialCapacity)];
            int filled = 0;
            while (true)
            {
                int got = ReadUpTo(data.AsSpan(filled));
                filled += got;
                if (filled == length)
                {
                    return data;
                }

                if (filled < data.Length)
                {
                    throw Error(
                        $"the data is truncated: the sizes {Shape(dimensions)} call for {length} bytes after the {headerLength}-byte header, " +
                        $"but only {filled} follow.");
                }

                Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
            }
        }

        private void RequireEnd(int length, int[] dimensions)
        {
            Span<byte> rest = stackalloc byte[4096];
            long extra = 0;
            for (int got = ReadUpTo(rest); got > 0; got = ReadUpTo(rest))
            {
                extra += got;
            }

            if (extra > 0)
            {
                throw Error($"{extra} unexpected bytes follow the {length} data bytes that the sizes {Shape(dimensions)} call for.");
            }
        }

        private int ReadUpTo(Span<byte> buffer)
        {
            try
            {
                return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException e) when (gzipCompressed)
            {
                throw Error($"the gzip data is corrupt: {e.Message}", e);
            }
        }

        private static string Shape(int[] dimensions) => string.Join(" × ", dimensions);

        private InvalidDataException Error(string message, Exception? inner = null) => new(Prefix + message, inner);
    }
}
