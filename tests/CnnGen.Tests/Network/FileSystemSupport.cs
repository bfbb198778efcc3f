using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CnnGen.Tests.Network;

/// <summary>
/// What the parameter-file tests need from Linux that .NET does not offer: FIFOs, and running an action with the file
/// permissions of an unprivileged user even when the tests run as root.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class FileSystemSupport
{
    /// <summary>The user id of <c>nobody</c>, under which <see cref="RunUnprivileged"/> checks permissions.</summary>
    private const uint Nobody = 65534;

    /// <summary>Read, write and execute for the owner, read and execute for everyone else (0755).</summary>
    public const UnixFileMode OpenFolder =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Read and execute for everyone, write for no one (0555): nobody without privileges can create a file in it.</summary>
    public const UnixFileMode ReadOnlyFolder =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/>.</summary>
    public static void CreateFifo(string path)
    {
        if (MakeFifo(path, 0b110_000_000) != 0)
        {
            throw new IOException($"mkfifo '{path}' failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>
    /// Starts writing <paramref name="bytes"/> into the FIFO at <paramref name="path"/> (the open blocks until a reader
    /// opens it) and returns a function that waits for the writer to finish: if no reader came, it opens the FIFO for
    /// reading itself so the writer never hangs the test run, and returns whether a reader other than itself took the data.
    /// </summary>
    public static Func<bool> WriteFifoInBackground(string path, byte[] bytes)
    {
        Task writer = Task.Factory.StartNew(
            () =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
                stream.Write(bytes);
            },
            TaskCreationOptions.LongRunning);
        return () =>
        {
            if (writer.Wait(TimeSpan.FromSeconds(10)))
            {
                return true;
            }

            using (var drain = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1))
            {
                drain.CopyTo(Stream.Null);
            }

            writer.Wait();
            return false;
        };
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the file permissions of the user <c>nobody</c>. As root it runs on a thread of its
    /// own whose file-system user id is set to nobody's (Linux keeps that id per thread, and changing it from root drops the
    /// capabilities that override file permissions), so the rest of the test run keeps root's rights; as any other user
    /// it runs as is, since that user already has no such override.
    /// </summary>
    public static T RunUnprivileged<T>(Func<T> action)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return action();
        }

        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SetFileSystemUserId(Nobody);
            try
            {
                uint current = (uint)SetFileSystemUserId(uint.MaxValue); // an invalid id changes nothing and returns the current one
                if (current != Nobody)
                {
                    throw new InvalidOperationException($"Could not drop file-system privileges: the thread's file-system user id is {current}, expected {Nobody}.");
                }

                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                SetFileSystemUserId(0);
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The unprivileged action failed.", failure);
        }

        return result;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "setfsuid")]
    private static partial int SetFileSystemUserId(uint userId);
}
