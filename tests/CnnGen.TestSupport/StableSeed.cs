namespace CnnGen.TestSupport;

/// <summary>
/// Random seeds derived from a test case's name that are the same on every run and every machine.
/// <see cref="string.GetHashCode()"/> is randomized per process and a record's hash mixes in its type's identity hash,
/// so neither reproduces a failing case's inputs.
/// </summary>
public static class StableSeed
{
    /// <summary>The 32-bit FNV-1a hash of <paramref name="name"/>'s UTF-16 code units, as a non-negative seed.</summary>
    public static int Of(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash & int.MaxValue);
    }
}
