using System.Runtime.CompilerServices;
using CsCheck;

namespace CnnGen.Tests.Properties;

/// <summary>
/// Runs a CsCheck property deterministically: each iteration uses a fixed seed derived from the test's name and
/// the iteration number, so a run always checks the same cases (CsCheck still shrinks a failure and prints the
/// seed to replay it).
/// </summary>
internal static class Property
{
    public static void Check<T>(Gen<T> gen, Action<T> assert, int iterations = 40, [CallerMemberName] string name = "")
    {
        uint stream = StableHash(name);
        for (int i = 0; i < iterations; i++)
        {
            gen.Sample(assert, seed: new PCG(stream, (ulong)i + 1).ToString(), iter: 1, threads: 1);
        }
    }

    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char ch in text)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return hash;
    }
}
