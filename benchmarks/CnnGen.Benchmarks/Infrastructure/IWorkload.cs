namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>The benchmark categories the suites use; the columns and the ratio groups key on them.</summary>
public static class Categories
{
    public const string Forward = "Forward";
    public const string Backward = "Backward";
    public const string Peak = "Peak";
}

/// <summary>
/// What a suite tells the harness about itself without running its setup (the harness creates a throwaway
/// instance with the parameterless constructor): how much work one invocation does, and which of its
/// benchmarks cannot run in this build.
/// </summary>
public interface IWorkload
{
    /// <summary>FLOPs of one invocation of a benchmark in <paramref name="category"/>, or null when not counted.</summary>
    double? FlopsPerInvocation(string category);

    /// <summary>Why the benchmark method <paramref name="method"/> cannot run in this build, or null when it can.</summary>
    string? WhyUnavailable(string method);

    /// <summary>The threads the benchmark method <paramref name="method"/> runs on (1 unless it says otherwise).</summary>
    int ThreadsOf(string method) => 1;
}
