using System.Buffers.Binary;
using System.IO.Compression;

namespace CnnGen.Tests.Network;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cnngen-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>An IDX file: two zero bytes, the type code, the dimension count, big-endian sizes, then the data as given.</summary>
    internal static byte[] Idx(byte typeCode, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)sizes.Length;
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), sizes[i]);
        }

        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Plain_and_gzip_files_give_the_sizes_and_bytes_whatever_their_names()
    {
        byte[] data = [0, 1, 2, 127, 128, 254, 255, 7, 9, 11, 13, 17];
        byte[] idx = Idx(IdxFile.UnsignedByteType, [2, 3, 2], data);

        // Names that lie: the plain file is called .gz and the compressed one is not.
        string plainPath = Write("plain.gz", idx);
        string gzipPath = Write("compressed.idx", Gzip(idx));
        foreach (string path in new[] { plainPath, gzipPath })
        {
            IdxArray array = IdxFile.Read(path);
            Assert.Equal([2, 3, 2], array.Dimensions.ToArray());
            Assert.Equal(data, array.Data.ToArray());
            Assert.Equal(path, array.SourceName);
        }

        using var stream = new MemoryStream(Gzip(idx));
        IdxArray fromStream = IdxFile.Read(stream, gzipCompressed: true);
        Assert.Equal(data, fromStream.Data.ToArray());
        Assert.Null(fromStream.SourceName);
        Assert.True(stream.CanRead, "The caller's stream stays open.");
    }

    [Fact]
    public void A_one_dimensional_file_reads_its_values()
    {
        byte[] labels = [9, 0, 3];
        IdxArray array = IdxFile.Read(new MemoryStream(Idx(0x08, [3], labels)), gzipCompressed: false, "labels");
        Assert.Equal([3], array.Dimensions.ToArray());
        Assert.Equal(labels, array.Data.ToArray());
        Assert.Equal("labels", array.SourceName);
    }

    /// <summary>The bytes of each malformed file the theory below tries.</summary>
    private static byte[] BadFile(string kind)
    {
        byte[] good = Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]);
        switch (kind)
        {
            case "empty":
                return [];
            case "short header":
                return good[..3];
            case "wrong magic":
                good[0] = 0x01;
                return good;
            case "float type":
                good[2] = 0x0D;
                return good;
            case "unknown type":
                good[2] = 0x42;
                return good;
            case "no dimensions":
                return [0, 0, 8, 0, 1, 2];
            case "truncated sizes":
                return good[..9];
            case "zero size":
                return Idx(0x08, [2, 0, 3], []);
            case "negative size":
                return Idx(0x08, [-1], [1]);
            case "truncated data":
                return good[..^1];
            case "trailing bytes":
                return [.. good, 0, 0];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such case.");
        }
    }

    [Theory]
    [InlineData("empty", "the data ends after 0 bytes, inside the 4-byte IDX header")]
    [InlineData("short header", "the data ends after 3 bytes, inside the 4-byte IDX header")]
    [InlineData("wrong magic", "expected an IDX file, which starts with two zero bytes, but it starts with 0x01 0x00.")]
    [InlineData("float type", "the type code is 0x0D (32-bit float); only 0x08 (unsigned byte) is supported.")]
    [InlineData("unknown type", "the type code is 0x42 (not an IDX type); only 0x08 (unsigned byte) is supported.")]
    [InlineData("no dimensions", "the header declares 0 dimensions; an IDX file has at least 1.")]
    [InlineData("truncated sizes", "the header is truncated: it declares 2 dimensions, whose sizes take 8 bytes, but only 5 follow.")]
    [InlineData("zero size", "dimension 2 of 3 has size 0; each size must be at least 1.")]
    [InlineData("negative size", "dimension 1 of 1 has size -1; each size must be at least 1.")]
    [InlineData("truncated data", "the data is truncated: the sizes 2 × 3 call for 6 bytes after the 12-byte header, but only 5 follow.")]
    [InlineData("trailing bytes", "2 unexpected bytes follow the 6 data bytes that the sizes 2 × 3 call for.")]
    public void Malformed_files_are_refused_naming_the_file_and_the_fault(string kind, string message)
    {
        foreach (bool compress in new[] { false, true })
        {
            byte[] bytes = BadFile(kind);
            string path = Write(compress ? "bad.gz" : "bad.idx", compress ? Gzip(bytes) : bytes);
            var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
            Assert.StartsWith($"{path}: {message}", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compressed_data_read_as_plain_is_refused_with_a_hint()
    {
        byte[] gzip = Gzip(Idx(0x08, [1], [5]));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(gzip), gzipCompressed: false, "x.idx"));
        Assert.Equal("x.idx: expected an IDX file, which starts with two zero bytes, but it starts with 0x1F 0x8B (that is gzip's magic: the data is compressed).", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_data_is_refused_naming_the_file()
    {
        // The first deflate block (after gzip's 10-byte header) gets block type 11, which deflate reserves as invalid.
        byte[] gzip = Gzip(Idx(0x08, [64], new byte[64]));
        gzip[10] = 0b111;

        string path = Write("corrupt.gz", gzip);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
        Assert.StartsWith($"{path}: the gzip data is corrupt: ", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(e.InnerException);
    }

    [Fact]
    public void Sizes_beyond_one_array_are_refused_and_a_huge_claim_meets_the_short_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [65536, 65536], [1])), false, "big"));
        Assert.Equal($"big: the sizes 65536 × 65536 make more values than one array can hold ({Array.MaxLength}).", e.Message);

        // A billion bytes claimed, one present: the reader stops at the end of the data instead of reading on.
        e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [1_000_000_000], [1])), false, "claim"));
        Assert.Equal("claim: the data is truncated: the sizes 1000000000 call for 1000000000 bytes after the 8-byte header, but only 1 follow.", e.Message);
    }
}
