using System.Runtime.InteropServices;

namespace CnnGen;

/// <summary>
/// What <see cref="ParameterFile"/> needs from Linux that .NET does not offer: the type of a file without opening it
/// (opening a FIFO blocks until the other end opens it), and flushing a folder to disk (.NET refuses to open a folder as
/// a file). On other systems both answer that they cannot tell.
/// </summary>
internal static partial class UnixFileSystem
{
    /// <summary>What a path names.</summary>
    public enum Kind
    {
        /// <summary>Could not tell (not Linux, no <c>statx</c>, or the path could not be examined).</summary>
        Unknown,

        /// <summary>Nothing.</summary>
        Missing,

        /// <summary>A regular file.</summary>
        Regular,

        /// <summary>A folder.</summary>
        Directory,

        /// <summary>A FIFO (named pipe).</summary>
        Fifo,

        /// <summary>A character device.</summary>
        CharacterDevice,

        /// <summary>A block device.</summary>
        BlockDevice,

        /// <summary>A Unix domain socket.</summary>
        Socket,

        /// <summary>A symbolic link (the path is examined without following links).</summary>
        SymbolicLink,
    }

    /// <summary>How a folder flush went.</summary>
    public enum FolderFlush
    {
        /// <summary>The folder's entries are on disk.</summary>
        Flushed,

        /// <summary>
        /// Not attempted or not possible: not Linux, the folder cannot be opened for reading (write and search permission
        /// suffice to save into it), or its file system does not flush folders.
        /// </summary>
        Unavailable,

        /// <summary>The flush failed (for example an I/O error); the error code says why.</summary>
        Failed,
    }

    // Linux's values, the same on every architecture .NET runs on.
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private const int NoSuchEntry = 2;
    private const int Interrupted = 4;
    private const int NotADirectory = 20;
    private const int InvalidArgument = 22;

    /// <summary>What <paramref name="path"/> names, without following a final symbolic link.</summary>
    public static Kind KindOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? Kind.Directory : Kind.Unknown;
        }

        StatxBuffer status;
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, out status);
        }
        catch (EntryPointNotFoundException)
        {
            return Kind.Unknown; // a C library older than statx (glibc 2.28, musl 1.2.5)
        }

        if (result != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            return error is NoSuchEntry or NotADirectory ? Kind.Missing : Kind.Unknown;
        }

        if ((status.Mask & StatxType) == 0)
        {
            return Kind.Unknown;
        }

        return (status.Mode & 0xF000) switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0x1000 => Kind.Fifo,
            0x2000 => Kind.CharacterDevice,
            0x6000 => Kind.BlockDevice,
            0xC000 => Kind.Socket,
            0xA000 => Kind.SymbolicLink,
            _ => Kind.Unknown,
        };
    }

    /// <summary>
    /// Flushes the entries of <paramref name="folder"/> (names created, renamed or removed in it) to disk, as
    /// <c>fsync</c> on the folder does; <paramref name="error"/> receives the error code when it returns
    /// <see cref="FolderFlush.Failed"/>.
    /// </summary>
    public static FolderFlush FlushFolder(string folder, out int error)
    {
        error = 0;
        if (!OperatingSystem.IsLinux())
        {
            return FolderFlush.Unavailable;
        }

        int descriptor = Open(folder, OpenReadOnly | OpenCloseOnExec);
        if (descriptor < 0)
        {
            return FolderFlush.Unavailable;
        }

        try
        {
            while (FileSync(descriptor) != 0)
            {
                error = Marshal.GetLastPInvokeError();
                if (error != Interrupted)
                {
                    return error == InvalidArgument ? FolderFlush.Unavailable : FolderFlush.Failed;
                }
            }

            error = 0;
            return FolderFlush.Flushed;
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxBuffer status);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FileSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    /// <summary>
    /// Linux's <c>struct statx</c> (256 bytes, one layout on every architecture): the fields this file reads, at their
    /// offsets; <c>statx</c> writes them.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
