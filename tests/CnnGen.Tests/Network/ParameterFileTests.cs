using System.Buffers.Binary;
using System.Runtime.Versioning;
using System.Text;

namespace CnnGen.Tests.Network;

public sealed class ParameterFileTests : IDisposable
{
    private const string Architecture = "conv3x3p1s1:1->16|relu|maxpool2s2|conv3x3p1s1:16->32|relu|maxpool2s2|flatten|dense128->10|softmax-ce";

    private readonly string _folder = Directory.CreateTempSubdirectory("cnngen-params-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static double[] Sample(int n) => GradientCheck.Random(n, new DeterministicRandom((ulong)n));

    private static byte[] Record<T>(ReadOnlySpan<T> values, string architecture = Architecture)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var stream = new MemoryStream();
        ParameterFile.Save(stream, architecture, values);
        return stream.ToArray();
    }

    private static ParameterFileError ErrorOf(InvalidDataException e) => Assert.IsType<ParameterFileError>(e.Data[ParameterFile.ErrorDataKey]);

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Round_trip_is_bit_exact_for_float_and_double_including_special_values()
    {
        double[] doubles = [0.0, -0.0, 1.5, double.Epsilon, double.MaxValue, double.NegativeInfinity, BitConverter.UInt64BitsToDouble(0x7FF8_0000_DEAD_BEEF), .. Sample(1000)];
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, doubles);
        var loaded = new double[doubles.Length];
        ParameterFile.Load<double>(path, Architecture, loaded);
        Assert.Equal(doubles.Select(BitConverter.DoubleToUInt64Bits), loaded.Select(BitConverter.DoubleToUInt64Bits));

        float[] floats = [-0.0f, float.Epsilon, BitConverter.UInt32BitsToSingle(0x7FC0_1234), .. Sample(77).Select(v => (float)v)];
        ParameterFile.Save<float>(path, Architecture, floats);
        var loadedFloats = new float[floats.Length];
        ParameterFile.Load<float>(path, Architecture, loadedFloats);
        Assert.Equal(floats.Select(BitConverter.SingleToUInt32Bits), loadedFloats.Select(BitConverter.SingleToUInt32Bits));
    }

    [Fact]
    public void Zero_parameters_round_trip()
    {
        string path = PathOf("empty.params");
        ParameterFile.Save<float>(path, "", []);
        ParameterFile.Load<float>(path, "", []);
    }

    [Fact]
    public void Layout_is_as_documented()
    {
        double[] values = [1.0, -2.0];
        byte[] bytes = Record<double>(values, "ab");
        Assert.Equal(32 + 2 + 2 * 8, bytes.Length);
        Assert.Equal([0x89, (byte)'C', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'], bytes[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(2, bytes[10]);
        Assert.Equal(0, bytes[11]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal("ab", Encoding.UTF8.GetString(bytes, 16, 2));
        Assert.Equal(2ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(18)));
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, 26)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(26)));
        Assert.Equal(1.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(30)));
        Assert.Equal(-2.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(38)));
        Assert.Equal(Crc32.Compute(bytes.AsSpan(30, 16)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(46)));
    }

    [Fact]
    public void Stream_records_can_follow_each_other()
    {
        using var stream = new MemoryStream();
        ParameterFile.Save<double>(stream, "first", [1, 2, 3]);
        ParameterFile.Save<float>(stream, "second", [4, 5]);
        stream.Position = 0;
        var a = new double[3];
        var b = new float[2];
        ParameterFile.Load<double>(stream, "first", a);
        ParameterFile.Load<float>(stream, "second", b);
        Assert.Equal([1, 2, 3], a);
        Assert.Equal([4f, 5f], b);
        Assert.Equal(stream.Length, stream.Position);
    }

    [Fact]
    public void Wrong_architecture_is_refused_naming_both_and_leaving_the_destination_unchanged()
    {
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, Sample(10));
        double[] destination = Enumerable.Repeat(42.0, 10).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, "dense64->10|softmax-ce", destination));
        Assert.Equal(ParameterFileError.ArchitectureMismatch, ErrorOf(e));
        Assert.Contains(Architecture, e.Message, StringComparison.Ordinal);
        Assert.Contains("dense64->10|softmax-ce", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.All(destination, v => Assert.Equal(42.0, v));
    }

    [Fact]
    public void Wrong_element_type_is_refused()
    {
        string path = PathOf("net.params");
        ParameterFile.Save<float>(path, Architecture, [1f, 2f]);
        double[] destination = [7, 7];
        var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, destination));
        Assert.Equal(ParameterFileError.ElementTypeMismatch, ErrorOf(e));
        Assert.Contains("holds float32 values, but the destination is float64", e.Message, StringComparison.Ordinal);
        Assert.Equal([7, 7], destination);
    }

    [Fact]
    public void Wrong_parameter_count_is_refused()
    {
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, Sample(10));
        double[] destination = new double[11];
        var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, destination));
        Assert.Equal(ParameterFileError.ParameterCountMismatch, ErrorOf(e));
        Assert.Contains("holds 10 parameters, but the destination expects 11", e.Message, StringComparison.Ordinal);
        Assert.All(destination, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Every_truncation_is_refused_and_leaves_the_destination_unchanged()
    {
        byte[] bytes = Record<double>(Sample(5));
        for (int length = 0; length < bytes.Length; length++)
        {
            double[] destination = [9, 9, 9, 9, 9];
            var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(new MemoryStream(bytes, 0, length), Architecture, destination));
            Assert.Equal(length < 8 ? ParameterFileError.NotAParameterFile : ParameterFileError.Truncated, ErrorOf(e));
            Assert.All(destination, v => Assert.Equal(9.0, v));
        }

        string path = PathOf("cut.params");
        File.WriteAllBytes(path, bytes[..^3]);
        var fileError = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, new double[5]));
        Assert.Contains("truncated", fileError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_flipped_bit_is_detected_and_leaves_the_destination_unchanged()
    {
        byte[] original = Record<double>(Sample(6), "dense2->3");
        for (int position = 0; position < original.Length; position++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] bytes = (byte[])original.Clone();
                bytes[position] ^= (byte)(1 << bit);
                double[] destination = [5, 5, 5, 5, 5, 5];
                Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(new MemoryStream(bytes), "dense2->3", destination));
                Assert.All(destination, v => Assert.Equal(5.0, v));
            }
        }
    }

    [Fact]
    public void Corrupted_values_and_header_are_reported_as_corruption()
    {
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, Sample(10));
        byte[] bytes = File.ReadAllBytes(path);

        bytes[^10] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, new double[10]));
        Assert.Equal(ParameterFileError.CorruptValues, ErrorOf(e));
        Assert.Contains("checksum does not match", e.Message, StringComparison.Ordinal);

        bytes[^10] ^= 0x40;
        bytes[20] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, new double[10]));
        Assert.Equal(ParameterFileError.CorruptHeader, ErrorOf(e));
    }

    [Fact]
    public void Foreign_data_other_versions_and_trailing_bytes_are_refused()
    {
        string path = PathOf("net.params");
        File.WriteAllText(path, "not a parameter file at all");
        Assert.Equal(ParameterFileError.NotAParameterFile, ErrorOf(Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, new double[1]))));

        byte[] bytes = Record<double>([1.0]);
        bytes[8] = 2;
        var e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(new MemoryStream(bytes), Architecture, new double[1]));
        Assert.Equal(ParameterFileError.UnsupportedVersion, ErrorOf(e));
        Assert.Contains("format version 2; this library reads version 1", e.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, [.. Record<double>([1.0]), 0]);
        double[] destination = [3];
        e = Assert.Throws<InvalidDataException>(() => ParameterFile.Load<double>(path, Architecture, destination));
        Assert.Equal(ParameterFileError.TrailingData, ErrorOf(e));
        Assert.Equal([3.0], destination);
    }

    [Fact]
    public void Save_replaces_the_target_and_leaves_no_temporary_file()
    {
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, [1, 2]);
        ParameterFile.Save<double>(path, Architecture, [3, 4]);
        Assert.Equal([path], Directory.GetFiles(_folder));
        var loaded = new double[2];
        ParameterFile.Load<double>(path, Architecture, loaded);
        Assert.Equal([3.0, 4.0], loaded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(100)]
    public void A_failing_write_keeps_the_old_file_and_removes_the_temporary_one(int failAfterBytes)
    {
        string path = PathOf("net.params");
        ParameterFile.Save<double>(path, Architecture, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        byte[] good = File.ReadAllBytes(path);

        double[] replacement = Sample(12);
        var e = Assert.Throws<IOException>(() => ParameterFile.Save<double>(path, Architecture, replacement, file => new FailingStream(file, failAfterBytes)));
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Simulated failure", e.InnerException?.Message, StringComparison.Ordinal);

        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.Equal(good, File.ReadAllBytes(path));
        var loaded = new double[12];
        ParameterFile.Load<double>(path, Architecture, loaded);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (double)i), loaded);
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_without_creating_anything()
    {
        string missing = PathOf("gone");
        string path = Path.Combine(missing, "net.params");
        var e = Assert.Throws<DirectoryNotFoundException>(() => ParameterFile.Save<double>(path, Architecture, [1.0]));
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Unsupported_element_types_and_oversized_signatures_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => ParameterFile.Save<Half>(new MemoryStream(), Architecture, [Half.One]));
        Assert.Throws<NotSupportedException>(() => ParameterFile.Load<Half>(new MemoryStream(), Architecture, new Half[1]));
        var e = Assert.Throws<ArgumentException>(() => ParameterFile.Save<float>(new MemoryStream(), new string('x', ParameterFile.MaxArchitectureBytes + 1), [1f]));
        Assert.Equal("architecture", e.ParamName);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Saving_into_a_folder_without_write_permission_throws_IOException_naming_the_target()
    {
        string locked = PathOf("locked");
        Directory.CreateDirectory(locked);
        string path = Path.Combine(locked, "net.params");
        ParameterFile.Save<double>(path, Architecture, [1, 2]);
        byte[] good = File.ReadAllBytes(path);

        File.SetUnixFileMode(_folder, FileSystemSupport.OpenFolder);
        File.SetUnixFileMode(locked, FileSystemSupport.ReadOnlyFolder);
        Exception? thrown;
        try
        {
            thrown = FileSystemSupport.RunUnprivileged(() => Xunit.Record.Exception(() => ParameterFile.Save<double>(path, Architecture, [3, 4])));
        }
        finally
        {
            File.SetUnixFileMode(locked, FileSystemSupport.OpenFolder);
        }

        IOException e = Assert.IsType<IOException>(thrown);
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.IsType<UnauthorizedAccessException>(e.InnerException);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(locked));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(216)]
    [InlineData(217)]
    [InlineData(218)]
    [InlineData(240)]
    [InlineData(255)]
    public void File_names_up_to_the_file_system_limit_of_255_bytes_save_and_load(int length)
    {
        string path = PathOf(new string('n', length));
        RoundTripsAlone(path);
    }

    [Theory]
    [InlineData("字", 85)]
    [InlineData("é", 127)]
    [InlineData("🧠", 63)]
    public void Long_names_of_multibyte_characters_save_and_load(string character, int count)
    {
        string name = string.Concat(Enumerable.Repeat(character, count));
        name += new string('x', 255 - Encoding.UTF8.GetByteCount(name));
        Assert.Equal(255, Encoding.UTF8.GetByteCount(name));
        RoundTripsAlone(PathOf(name));
    }

    [Fact]
    public void A_name_longer_than_the_file_system_allows_fails_naming_the_target_and_leaves_nothing()
    {
        string path = PathOf(new string('n', 256));
        var e = Assert.IsAssignableFrom<IOException>(Xunit.Record.Exception(() => ParameterFile.Save<double>(path, Architecture, [1.0])));
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void A_path_that_names_a_folder_is_refused_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => ParameterFile.Save<double>(_folder + Path.DirectorySeparatorChar, Architecture, [1.0]));
        Assert.Equal("path", e.ParamName);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Saving_through_symbolic_links_writes_the_final_target_and_keeps_the_links()
    {
        string elsewhere = PathOf("elsewhere");
        Directory.CreateDirectory(elsewhere);
        string real = Path.Combine(elsewhere, "real.params");
        ParameterFile.Save<double>(real, Architecture, [1, 2]);
        string first = PathOf("first.params");
        string second = PathOf("second.params");
        File.CreateSymbolicLink(first, Path.Combine("elsewhere", "real.params"));
        File.CreateSymbolicLink(second, "first.params");

        ParameterFile.Save<double>(second, Architecture, [3, 4]);

        Assert.Equal("first.params", new FileInfo(second).LinkTarget);
        Assert.Equal(Path.Combine("elsewhere", "real.params"), new FileInfo(first).LinkTarget);
        var loaded = new double[2];
        ParameterFile.Load<double>(real, Architecture, loaded);
        Assert.Equal([3.0, 4.0], loaded);
        Assert.Equal([real], Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal(new[] { elsewhere, first, second }.Order(), Directory.GetFileSystemEntries(_folder).Order());
    }

    [Fact]
    public void Saving_through_a_dangling_link_creates_its_target()
    {
        string link = PathOf("link.params");
        string real = PathOf("real.params");
        File.CreateSymbolicLink(link, "real.params");

        ParameterFile.Save<double>(link, Architecture, [5, 6]);

        Assert.Equal("real.params", new FileInfo(link).LinkTarget);
        var loaded = new double[2];
        ParameterFile.Load<double>(real, Architecture, loaded);
        Assert.Equal([5.0, 6.0], loaded);
        Assert.Equal(new[] { link, real }.Order(), Directory.GetFileSystemEntries(_folder).Order());
    }

    [Fact]
    public void Saving_through_a_link_loop_fails_naming_the_path_and_creates_nothing()
    {
        string first = PathOf("first.params");
        File.CreateSymbolicLink(first, "second.params");
        File.CreateSymbolicLink(PathOf("second.params"), "first.params");

        var e = Assert.IsType<IOException>(Xunit.Record.Exception(() => ParameterFile.Save<double>(first, Architecture, [1.0])));
        Assert.Contains($"'{first}'", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.InnerException);
        Assert.Equal(2, Directory.GetFileSystemEntries(_folder).Length);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Saving_keeps_the_permissions_of_the_file_it_replaces()
    {
        string path = PathOf("private.params");
        ParameterFile.Save<double>(path, Architecture, [1, 2]);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(path, ownerOnly);

        ParameterFile.Save<double>(path, Architecture, [3, 4]);

        Assert.Equal(ownerOnly, File.GetUnixFileMode(path));
        var loaded = new double[2];
        ParameterFile.Load<double>(path, Architecture, loaded);
        Assert.Equal([3.0, 4.0], loaded);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Saving_to_a_fifo_is_refused_and_leaves_the_fifo_in_place()
    {
        string fifo = PathOf("pipe.params");
        FileSystemSupport.CreateFifo(fifo);

        var e = Assert.IsType<IOException>(Xunit.Record.Exception(() => ParameterFile.Save<double>(fifo, Architecture, [1.0])));
        Assert.Contains($"'{fifo}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
        Assert.Equal([fifo], Directory.GetFileSystemEntries(_folder));

        // Still a FIFO: a record written into it comes out of it.
        Func<bool> finish = FileSystemSupport.WriteFifoInBackground(fifo, Record<double>([7.0]));
        var loaded = new double[1];
        ParameterFile.Load<double>(fifo, Architecture, loaded);
        Assert.True(finish());
        Assert.Equal([7.0], loaded);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Load_reads_a_record_from_a_fifo_and_refuses_one_followed_by_more_bytes()
    {
        string fifo = PathOf("pipe.params");
        FileSystemSupport.CreateFifo(fifo);
        double[] values = Sample(300);

        Func<bool> finish = FileSystemSupport.WriteFifoInBackground(fifo, Record<double>(values));
        var loaded = new double[values.Length];
        Exception? thrown = Xunit.Record.Exception(() => ParameterFile.Load<double>(fifo, Architecture, loaded));
        Assert.True(finish());
        Assert.Null(thrown);
        Assert.Equal(values, loaded);

        finish = FileSystemSupport.WriteFifoInBackground(fifo, [.. Record<double>([1.0]), 0, 0]);
        double[] destination = [3];
        thrown = Xunit.Record.Exception(() => ParameterFile.Load<double>(fifo, Architecture, destination));
        Assert.True(finish());
        var e = Assert.IsType<InvalidDataException>(thrown);
        Assert.Equal(ParameterFileError.TrailingData, ErrorOf(e));
        Assert.Equal([3.0], destination);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Save_flushes_the_folder_after_renaming_the_temporary_file_over_the_target()
    {
        string path = PathOf("net.params");
        var steps = new List<string>();
        ParameterFile.Save<double>(path, Architecture, [1, 2], wrapStream: null, steps.Add);

        Assert.Equal(3, steps.Count);
        Assert.StartsWith("written " + Path.Combine(_folder, ".net.params."), steps[0], StringComparison.Ordinal);
        Assert.Equal("replaced " + path, steps[1]);
        Assert.Equal("folder flushed " + _folder, steps[2]);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Through_a_link_the_temporary_file_and_the_flush_are_in_the_targets_folder()
    {
        string elsewhere = PathOf("elsewhere");
        Directory.CreateDirectory(elsewhere);
        string link = PathOf("link.params");
        File.CreateSymbolicLink(link, Path.Combine(elsewhere, "real.params"));
        var steps = new List<string>();
        ParameterFile.Save<double>(link, Architecture, [1, 2], wrapStream: null, steps.Add);

        Assert.StartsWith("written " + Path.Combine(elsewhere, ".real.params."), steps[0], StringComparison.Ordinal);
        Assert.Equal(["replaced " + Path.Combine(elsewhere, "real.params"), "folder flushed " + elsewhere], steps[1..]);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Flushing_a_folder_succeeds_and_a_folder_that_cannot_be_opened_is_reported_unavailable()
    {
        Assert.Equal(UnixFileSystem.FolderFlush.Flushed, UnixFileSystem.FlushFolder(_folder, out int error));
        Assert.Equal(0, error);
        Assert.Equal(UnixFileSystem.FolderFlush.Unavailable, UnixFileSystem.FlushFolder(PathOf("missing"), out _));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void File_kinds_are_told_apart_without_opening_or_following_anything()
    {
        string file = PathOf("file");
        File.WriteAllBytes(file, [1]);
        string fifo = PathOf("fifo");
        FileSystemSupport.CreateFifo(fifo);
        string link = PathOf("link");
        File.CreateSymbolicLink(link, "file");

        Assert.Equal(UnixFileSystem.Kind.Regular, UnixFileSystem.KindOf(file));
        Assert.Equal(UnixFileSystem.Kind.Directory, UnixFileSystem.KindOf(_folder));
        Assert.Equal(UnixFileSystem.Kind.Fifo, UnixFileSystem.KindOf(fifo));
        Assert.Equal(UnixFileSystem.Kind.SymbolicLink, UnixFileSystem.KindOf(link));
        Assert.Equal(UnixFileSystem.Kind.CharacterDevice, UnixFileSystem.KindOf("/dev/null"));
        Assert.Equal(UnixFileSystem.Kind.Missing, UnixFileSystem.KindOf(PathOf("missing")));
        Assert.Equal(UnixFileSystem.Kind.Missing, UnixFileSystem.KindOf(Path.Combine(file, "below-a-file")));
    }

    [Theory]
    [InlineData("net.params", ".net.params.")]
    [InlineData("", "..")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789", ".0123456789012345678901234567890123456789012345678901234567890123.")]
    [InlineData("ééééééééééééééééééééééééééééééééééééé", ".éééééééééééééééééééééééééééééééé.")] // 37 × 2 bytes: 32 fit in 64
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa字", ".aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.")] // 63 + 3 bytes: the character does not fit
    public void Temporary_names_keep_whole_characters_of_at_most_64_bytes_of_the_target_name(string name, string prefix)
    {
        string temporary = ParameterFile.TemporaryName(name);
        Assert.StartsWith(prefix, temporary, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}\\.tmp$", temporary[prefix.Length..]);
        Assert.True(Encoding.UTF8.GetByteCount(temporary) <= 86);
        Assert.NotEqual(temporary, ParameterFile.TemporaryName(name));
    }

    /// <summary>Saves to <paramref name="path"/> twice and loads it back; nothing but the file remains in the folder.</summary>
    private void RoundTripsAlone(string path)
    {
        ParameterFile.Save<double>(path, Architecture, [1, 2]);
        ParameterFile.Save<double>(path, Architecture, [3, 4]);
        var loaded = new double[2];
        ParameterFile.Load<double>(path, Architecture, loaded);
        Assert.Equal([3.0, 4.0], loaded);
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
    }

    /// <summary>Passes writes through until a byte budget is spent, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int budget) : Stream
    {
        private int _remaining = budget;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length > _remaining)
            {
                inner.Write(buffer[.._remaining]);
                _remaining = 0;
                throw new IOException("Simulated failure: no space left on device.");
            }

            _remaining -= buffer.Length;
            inner.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
