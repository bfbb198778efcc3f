using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CnnGen.TestSupport;

/// <summary>
/// Counts the threads of the test process and collects garbage until dropped objects are gone, for the tests that
/// check that runners (and the networks owning them) do not outlive their users. The counts are process-wide, so those
/// tests run in a collection of their own, with nothing else running meanwhile.
/// </summary>
public static class ThreadCensus
{
    /// <summary>The operating-system threads of this process right now.</summary>
    public static int ProcessThreads()
    {
        using Process process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    /// <summary>Runs full, blocking collections and the finalizers they queue, three times over (finalizers free more).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>
    /// Collects, then waits for the process to have at most <paramref name="limit"/> threads: a worker stopped by a
    /// finalizer exits on its own shortly after. Returns the last count; gives up (returning a count above the limit)
    /// only after a minute, which no thread that was told to stop needs, however loaded the machine.
    /// </summary>
    public static int WaitForAtMost(int limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            CollectEverything();
            int count = ProcessThreads();
            if (count <= limit || clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                return count;
            }

            Thread.Sleep(20);
        }
    }
}
