using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace CnnGen;

/// <summary>
/// Saves and loads a flat buffer of network parameters in a small, checked binary format (version 1).
/// </summary>
/// <remarks>
/// <para>Layout, all integers little-endian:</para>
/// <code>
/// offset   size  field
/// 0        8     magic: 0x89 'C' 'N' 'G' '\r' '\n' 0x1A '\n'
/// 8        2     format version (uint16) = 1
/// 10       1     element type: 1 = float32, 2 = float64 (IEEE-754)
/// 11       1     reserved, 0
/// 12       4     L = byte length of the architecture signature (uint32, at most 65536)
/// 16       L     architecture signature, UTF-8
/// 16+L     8     N = parameter count (uint64, at most int.MaxValue)
/// 24+L     4     header CRC-32 of bytes [0, 24+L)
/// 28+L     N·s   the values, little-endian (s = 4 or 8 bytes)
/// 28+L+N·s 4     values CRC-32 of the N·s value bytes
/// </code>
/// <para>
/// The CRC-32 is zlib's (polynomial 0xEDB88320). The architecture signature is any string the caller uses to name
/// the network's shape, for example <c>"conv3x3p1s1:1->16|relu|maxpool2s2|…|dense128->10|softmax-ce"</c>; loading
/// requires it to match exactly (ordinal).
/// </para>
/// <para>
/// Loading checks, in order: magic, version, header checksum, element type, signature, parameter count, the values'
/// length and checksum (and, for a file, that nothing follows); it copies into the destination only after all
/// passed, so a refused file leaves the destination unchanged. A file is read front to back and never asked its length,
/// so a FIFO or any other unseekable file loads too.
/// </para>
/// <para>
/// Saving to a path writes a temporary file in the target's folder, flushes it to disk, renames it over the target and
/// then (on Linux) flushes the folder, so the new name survives a power loss; a failure never leaves a partly written
/// file in place of a good one. The temporary file is hidden and short (<c>.</c>, at most the first 64 UTF-8 bytes of
/// the target's name, <c>.</c>, 16 random hexadecimal digits, <c>.tmp</c>: at most 86 bytes), so any name the file
/// system accepts can be saved. The save writes through symbolic links: when the path is a link (or a chain of links),
/// the file the last link points to is replaced and the links stay as they are; a dangling link gets its target
/// created. A replaced file keeps its permissions (not its owner, which only root could keep, nor other hard links to
/// it, which keep the old contents). A path that names something other than a regular file (a folder, a FIFO, a
/// device, a socket) is refused: use <see cref="Save{T}(Stream, string, ReadOnlySpan{T})"/> to write into a pipe.
/// </para>
/// </remarks>
public static class ParameterFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The key under which a refused load's <see cref="InvalidDataException"/> carries its <see cref="ParameterFileError"/>
    /// in <see cref="Exception.Data"/>.
    /// </summary>
    public const string ErrorDataKey = "CnnGen.ParameterFileError";

    /// <summary>The longest architecture signature, in UTF-8 bytes.</summary>
    public const int MaxArchitectureBytes = 65536;

    private const int FixedHeaderBytes = 16;
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The most UTF-8 bytes of the target's name a temporary file's name repeats.</summary>
    private const int TemporaryPrefixBytes = 64;

    private static readonly byte[] Magic = [0x89, (byte)'C', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Saves <paramref name="parameters"/> to the file at <paramref name="path"/>, replacing it atomically (through a
    /// symbolic link, the file the link points to; see the remarks of <see cref="ParameterFile"/>).
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="architecture">The architecture signature to record.</param>
    /// <param name="parameters">The values (float or double).</param>
    /// <exception cref="ArgumentException">The signature is longer than <see cref="MaxArchitectureBytes"/> in UTF-8, or <paramref name="path"/> ends in a folder separator.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    /// <exception cref="IOException">
    /// Saving failed: the message names <paramref name="path"/> (and the link's target, through a link) and the step that
    /// failed, and <see cref="Exception.InnerException"/> holds the file system's own exception (for a folder without write
    /// permission, an <see cref="UnauthorizedAccessException"/>). A missing folder throws the derived
    /// <see cref="DirectoryNotFoundException"/>, a name too long for the file system <see cref="PathTooLongException"/>.
    /// The target, if any, is unchanged and no temporary file remains. The one exception: if flushing the folder after
    /// the rename fails, the new file is in place but may not survive a power loss, and the message says so.
    /// </exception>
    public static void Save<T>(string path, string architecture, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Save(path, architecture, parameters, wrapStream: null);

    /// <summary>Writes one parameter record to <paramref name="stream"/> at its current position.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="architecture">The architecture signature to record.</param>
    /// <param name="parameters">The values (float or double).</param>
    /// <exception cref="ArgumentException">The signature is longer than <see cref="MaxArchitectureBytes"/> in UTF-8.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Save<T>(Stream stream, string architecture, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] header = BuildHeader<T>(architecture, parameters.Length);
        stream.Write(header);

        var crc = new Crc32();
        byte[] chunk = new byte[(int)Math.Min(ChunkBytes, (long)Math.Max(parameters.Length, 1) * ElementSize<T>())];
        int perChunk = chunk.Length / ElementSize<T>();
        for (int start = 0; start < parameters.Length; start += perChunk)
        {
            ReadOnlySpan<T> values = parameters.Slice(start, Math.Min(perChunk, parameters.Length - start));
            Span<byte> bytes = chunk.AsSpan(0, values.Length * ElementSize<T>());
            EncodeLittleEndian(values, bytes);
            crc.Append(bytes);
            stream.Write(bytes);
        }

        Span<byte> trailer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.Value);
        stream.Write(trailer);
    }

    /// <summary>
    /// Loads the parameters saved in the file at <paramref name="path"/> into <paramref name="destination"/>, after
    /// checking that the file is intact and was saved from the same architecture, element type and parameter count.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <param name="architecture">The architecture signature the file must carry.</param>
    /// <param name="destination">Receives the values; its length is the expected parameter count. Unchanged on any failure.</param>
    /// <exception cref="InvalidDataException">The file does not match or is corrupt; the message says what was expected and what was found, and <see cref="Exception.Data"/>[<see cref="ErrorDataKey"/>] holds the <see cref="ParameterFileError"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Load<T>(string path, string architecture, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        T[] values = ReadRecord<T>(stream, architecture, destination.Length, path, out long consumed);

        // The record must end the file. Probe with a read: a FIFO or a device has no Length or Position to compare.
        if (stream.ReadByte() >= 0)
        {
            string extra = stream.CanSeek ? $"{stream.Length - consumed} unexpected byte(s)" : "Unexpected bytes";
            throw Refuse(ParameterFileError.TrailingData, path,
                $"{extra} follow the parameter record, which should end the file at byte {consumed}.");
        }

        values.CopyTo(destination);
    }

    /// <summary>
    /// Reads one parameter record from <paramref name="stream"/> into <paramref name="destination"/>, after checking it
    /// as <see cref="Load{T}(string, string, Span{T})"/> does; the stream is left just after the record.
    /// </summary>
    /// <param name="stream">A readable stream positioned at a record.</param>
    /// <param name="architecture">The architecture signature the record must carry.</param>
    /// <param name="destination">Receives the values; its length is the expected parameter count. Unchanged on any failure.</param>
    /// <exception cref="InvalidDataException">The record does not match or is corrupt.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither <see cref="float"/> nor <see cref="double"/>.</exception>
    public static void Load<T>(Stream stream, string architecture, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        T[] values = ReadRecord<T>(stream, architecture, destination.Length, source: null, out _);
        values.CopyTo(destination);
    }

    /// <summary>
    /// The save behind <see cref="Save{T}(string, string, ReadOnlySpan{T})"/>. Tests wrap the temporary file's stream to
    /// inject failures, and <paramref name="observe"/> hears each step done: <c>"written"</c> (the temporary file, flushed),
    /// <c>"replaced"</c> (the rename) and <c>"folder flushed"</c>, <c>"folder not flushed"</c> (the file system or the
    /// platform offers no way) or <c>"folder flush failed"</c>, each followed by a space and the path concerned.
    /// </summary>
    internal static void Save<T>(string path, string architecture, ReadOnlySpan<T> parameters, Func<Stream, Stream>? wrapStream, Action<string>? observe = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ElementCode<T>();
        RequireArchitecture(architecture);

        string fullPath = Path.GetFullPath(path);
        if (Path.GetFileName(fullPath).Length == 0)
        {
            throw new ArgumentException($"Expected the path of a file, but '{path}' ends in a folder separator.", nameof(path));
        }

        string target = FinalTarget(fullPath);
        UnixFileMode? mode = RequireRegularFileOrNone(fullPath, target);
        string? temporary = null;
        string step = "creating a temporary file in its folder";
        try
        {
            string candidate = Path.Combine(Path.GetDirectoryName(target)!, TemporaryName(Path.GetFileName(target)));
            using (var file = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                temporary = candidate;
                step = "writing the temporary file";
                if (mode is { } keep && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file.SafeFileHandle, keep);
                }

                Stream destination = wrapStream?.Invoke(file) ?? file;
                Save(destination, architecture, parameters);
                destination.Flush();
                file.Flush(flushToDisk: true);
            }

            observe?.Invoke("written " + temporary);
            step = "renaming the temporary file over it";
            File.Move(temporary, target, overwrite: true);
            temporary = null;
            observe?.Invoke("replaced " + target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temporary);
            throw SaveFailure(e, fullPath, target, step);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }

        // The rename is durable only once the folder is: flush it, or a power loss may bring back the old file (or none).
        string folder = Path.GetDirectoryName(target)!;
        switch (UnixFileSystem.FlushFolder(folder, out int error))
        {
            case UnixFileSystem.FolderFlush.Flushed:
                observe?.Invoke("folder flushed " + folder);
                break;
            case UnixFileSystem.FolderFlush.Unavailable:
                observe?.Invoke("folder not flushed " + folder);
                break;
            default:
                observe?.Invoke("folder flush failed " + folder);
                throw new IOException(
                    $"The parameters were saved to {Describe(fullPath, target)}, but flushing its folder '{folder}' to disk failed " +
                    $"({Marshal.GetPInvokeErrorMessage(error)}): the new file may not survive a power loss.");
        }
    }

    /// <summary>The file a save to <paramref name="fullPath"/> replaces: the path itself, or the final target of the link it names.</summary>
    private static string FinalTarget(string fullPath)
    {
        try
        {
            if (new FileInfo(fullPath).LinkTarget is null)
            {
                return fullPath;
            }

            return File.ResolveLinkTarget(fullPath, returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return fullPath; // nothing there yet: the save creates it (or fails to, naming what is missing)
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SaveFailure(e, fullPath, fullPath, "resolving the path and its symbolic links"); // a link loop, a name too long, a folder on the way that cannot be read
        }
    }

    /// <summary>
    /// Refuses a target that exists and is not a regular file (renaming over a FIFO or a device would replace it, and
    /// over a folder fails); returns the permissions of a regular file there, to give the new file.
    /// </summary>
    private static UnixFileMode? RequireRegularFileOrNone(string fullPath, string target)
    {
        UnixFileSystem.Kind kind = UnixFileSystem.KindOf(target);
        string? what = kind switch
        {
            UnixFileSystem.Kind.Directory => "a folder",
            UnixFileSystem.Kind.Fifo => "a FIFO (named pipe)",
            UnixFileSystem.Kind.CharacterDevice => "a character device",
            UnixFileSystem.Kind.BlockDevice => "a block device",
            UnixFileSystem.Kind.Socket => "a socket",
            UnixFileSystem.Kind.SymbolicLink => "a symbolic link that changed while it was followed",
            _ => null,
        };
        if (what is not null)
        {
            throw new IOException(
                $"Could not save the parameters to {Describe(fullPath, target)}: it is {what}, not a regular file. Expected a regular file " +
                "or no file, which a save replaces or creates; to write the parameters into a pipe or a device, save to a Stream.");
        }

        if (kind == UnixFileSystem.Kind.Missing || OperatingSystem.IsWindows() || !File.Exists(target))
        {
            return null;
        }

        try
        {
            return File.GetUnixFileMode(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SaveFailure(e, fullPath, target, "reading the permissions of the file it replaces");
        }
    }

    /// <summary>
    /// A hidden name for the temporary file, short whatever the target's name: <c>.</c>, the name's first whole characters
    /// up to <see cref="TemporaryPrefixBytes"/> UTF-8 bytes, <c>.</c>, 16 random hexadecimal digits and <c>.tmp</c>.
    /// </summary>
    internal static string TemporaryName(string fileName)
    {
        int bytes = 0;
        int length = 0;
        foreach (Rune rune in fileName.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > TemporaryPrefixBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }

        return $".{fileName.AsSpan(0, length)}.{RandomNumberGenerator.GetHexString(16, lowercase: true)}.tmp";
    }

    private static string Describe(string fullPath, string target) =>
        string.Equals(fullPath, target, StringComparison.Ordinal) ? $"'{fullPath}'" : $"'{fullPath}' (a link to '{target}')";

    /// <summary>
    /// The exception a failed save throws: the same kind for a missing folder or a name too long, an <see cref="IOException"/>
    /// otherwise (for a denied access too), its message naming the path and the failed step, the file system's exception inside.
    /// </summary>
    private static Exception SaveFailure(Exception inner, string fullPath, string target, string step)
    {
        string message = $"Could not save the parameters to {Describe(fullPath, target)}: {step} failed. {inner.Message}";
        return inner switch
        {
            DirectoryNotFoundException => new DirectoryNotFoundException(message, inner),
            PathTooLongException => new PathTooLongException(message, inner),
            _ => new IOException(message, inner),
        };
    }

    private static T[] ReadRecord<T>(Stream stream, string architecture, int expectedCount, string? source, out long consumed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte expectedCode = ElementCode<T>();
        RequireArchitecture(architecture);
        consumed = 0;

        // Magic and version first: they say whether the rest can be read at all.
        Span<byte> fixedHeader = stackalloc byte[FixedHeaderBytes];
        int got = ReadUpTo(stream, fixedHeader[..Magic.Length]);
        consumed += got;
        if (got < Magic.Length || !fixedHeader[..Magic.Length].SequenceEqual(Magic))
        {
            throw Refuse(ParameterFileError.NotAParameterFile, source,
                $"The data does not start with the CnnGen parameter file magic bytes ({Convert.ToHexString(Magic)}); found {Convert.ToHexString(fixedHeader[..got])}.");
        }

        ReadExactly(stream, fixedHeader[Magic.Length..], ref consumed, "the header", source);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(fixedHeader[8..]);
        if (version != FormatVersion)
        {
            throw Refuse(ParameterFileError.UnsupportedVersion, source,
                $"The file is in format version {version}; this library reads version {FormatVersion}.");
        }

        byte elementCode = fixedHeader[10];
        byte reserved = fixedHeader[11];
        uint signatureBytes = BinaryPrimitives.ReadUInt32LittleEndian(fixedHeader[12..]);
        if (signatureBytes > MaxArchitectureBytes)
        {
            throw Refuse(ParameterFileError.CorruptHeader, source,
                $"The header declares a {signatureBytes}-byte architecture signature, more than the {MaxArchitectureBytes} allowed: the file is corrupt.");
        }

        byte[] header = new byte[FixedHeaderBytes + (int)signatureBytes + 8];
        fixedHeader.CopyTo(header);
        ReadExactly(stream, header.AsSpan(FixedHeaderBytes), ref consumed, "the header", source);
        Span<byte> storedHeaderCrc = stackalloc byte[4];
        ReadExactly(stream, storedHeaderCrc, ref consumed, "the header", source);
        uint headerCrc = Crc32.Compute(header);
        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(storedHeaderCrc);
        if (headerCrc != storedCrc)
        {
            throw Refuse(ParameterFileError.CorruptHeader, source,
                $"The header checksum does not match (stored 0x{storedCrc:X8}, computed 0x{headerCrc:X8}): the file is corrupt.");
        }

        if (reserved != 0)
        {
            throw Refuse(ParameterFileError.CorruptHeader, source, $"The header's reserved byte is {reserved}, expected 0.");
        }

        if (elementCode != expectedCode)
        {
            throw Refuse(ParameterFileError.ElementTypeMismatch, source,
                $"The file holds {ElementName(elementCode)} values, but the destination is {ElementName(expectedCode)}.");
        }

        string stored;
        try
        {
            stored = StrictUtf8.GetString(header, FixedHeaderBytes, (int)signatureBytes);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse(ParameterFileError.CorruptHeader, source, "The architecture signature is not valid UTF-8.");
        }

        if (!string.Equals(stored, architecture, StringComparison.Ordinal))
        {
            throw Refuse(ParameterFileError.ArchitectureMismatch, source,
                $"The file was saved from architecture \"{stored}\", but the destination expects \"{architecture}\".");
        }

        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(FixedHeaderBytes + (int)signatureBytes));
        if (count != (ulong)expectedCount)
        {
            throw Refuse(ParameterFileError.ParameterCountMismatch, source,
                $"The file holds {count} parameters, but the destination expects {expectedCount}.");
        }

        // Only now, with the count known to be the destination's, is the payload's size trusted.
        int elementSize = ElementSize<T>();
        var values = new T[expectedCount];
        Span<byte> payload = MemoryMarshal.AsBytes(values.AsSpan());
        ReadExactly(stream, payload, ref consumed, $"the {payload.Length} bytes of values", source);
        Span<byte> storedValuesCrc = stackalloc byte[4];
        ReadExactly(stream, storedValuesCrc, ref consumed, "the values' checksum", source);
        uint valuesCrc = Crc32.Compute(payload);
        storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(storedValuesCrc);
        if (valuesCrc != storedCrc)
        {
            throw Refuse(ParameterFileError.CorruptValues, source,
                $"The values' checksum does not match (stored 0x{storedCrc:X8}, computed 0x{valuesCrc:X8}): the file is corrupt.");
        }

        if (!BitConverter.IsLittleEndian)
        {
            ReverseEachElement(payload, elementSize);
        }

        return values;
    }

    private static byte[] BuildHeader<T>(string architecture, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte code = ElementCode<T>();
        byte[] signature = RequireArchitecture(architecture);
        byte[] header = new byte[FixedHeaderBytes + signature.Length + 8 + 4];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), FormatVersion);
        header[10] = code;
        header[11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)signature.Length);
        signature.CopyTo(header, FixedHeaderBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(FixedHeaderBytes + signature.Length), (ulong)count);
        int checkedLength = header.Length - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(checkedLength), Crc32.Compute(header.AsSpan(0, checkedLength)));
        return header;
    }

    private static byte[] RequireArchitecture(string architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        byte[] bytes = StrictUtf8.GetBytes(architecture);
        if (bytes.Length > MaxArchitectureBytes)
        {
            throw new ArgumentException(
                $"The architecture signature is {bytes.Length} bytes in UTF-8; at most {MaxArchitectureBytes} are allowed.", nameof(architecture));
        }

        return bytes;
    }

    private static void EncodeLittleEndian<T>(ReadOnlySpan<T> values, Span<byte> bytes)
        where T : unmanaged
    {
        MemoryMarshal.AsBytes(values).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEachElement(bytes, bytes.Length / values.Length);
        }
    }

    private static void ReverseEachElement(Span<byte> bytes, int elementSize)
    {
        for (int i = 0; i < bytes.Length; i += elementSize)
        {
            bytes.Slice(i, elementSize).Reverse();
        }
    }

    private static byte ElementCode<T>()
    {
        if (typeof(T) == typeof(float))
        {
            return 1;
        }

        if (typeof(T) == typeof(double))
        {
            return 2;
        }

        throw new NotSupportedException($"Parameter files hold float or double values, not {typeof(T).Name}.");
    }

    private static int ElementSize<T>() => typeof(T) == typeof(float) ? 4 : 8;

    private static string ElementName(byte code) => code switch
    {
        1 => "float32",
        2 => "float64",
        _ => $"unknown (type code {code})",
    };

    private static int ReadUpTo(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

    private static void ReadExactly(Stream stream, Span<byte> buffer, ref long consumed, string what, string? source)
    {
        int got = ReadUpTo(stream, buffer);
        consumed += got;
        if (got < buffer.Length)
        {
            throw Refuse(ParameterFileError.Truncated, source,
                $"The data ends after {consumed} bytes, {buffer.Length - got} byte(s) short of the end of {what}: the file is truncated.");
        }
    }

    private static InvalidDataException Refuse(ParameterFileError error, string? source, string message)
    {
        var exception = new InvalidDataException(source is null ? message : $"Parameter file '{source}' refused: {message}");
        exception.Data[ErrorDataKey] = error;
        return exception;
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
