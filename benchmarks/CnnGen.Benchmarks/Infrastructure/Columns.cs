using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>Reads a benchmark's FLOP count from its suite (<see cref="IWorkload"/>) and its mean time from the summary.</summary>
internal static class Throughput
{
    private static readonly ConcurrentDictionary<Type, IWorkload?> Workloads = new();

    /// <summary>GFLOP/s of a benchmark in this summary at its mean time, or null when it has no result or counts no FLOPs.</summary>
    public static double? Gflops(Summary summary, BenchmarkCase benchmarkCase) =>
        Gflops(summary, benchmarkCase, s => s.Mean);

    /// <summary>
    /// The peak GFLOP/s of the peak-FMA benchmark of the same suite class in this summary, at its fastest
    /// iteration: interference (another process on the core, a frequency dip) only ever slows the FMA chains
    /// down, so the best iteration is the closest estimate of what the core can do.
    /// </summary>
    public static double? Peak(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkCase? peak = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type && c.Descriptor.Categories.Contains(Categories.Peak));
        return peak is null ? null : Gflops(summary, peak, s => s.Min);
    }

    private static double? Gflops(Summary summary, BenchmarkCase benchmarkCase, Func<Statistics, double> time)
    {
        Statistics? statistics = summary[benchmarkCase]?.ResultStatistics;
        double? ns = statistics is null ? null : time(statistics);
        if (ns is not > 0)
        {
            return null;
        }

        double? flops = Workload(benchmarkCase)?.FlopsPerInvocation(benchmarkCase.Descriptor.Categories.FirstOrDefault() ?? "");
        return flops / ns; // FLOP per ns = GFLOP/s
    }

    /// <summary>The threads a benchmark runs on, as its suite declares (1 when it declares nothing).</summary>
    public static int Threads(BenchmarkCase benchmarkCase) =>
        Workload(benchmarkCase)?.ThreadsOf(benchmarkCase.Descriptor.WorkloadMethod.Name) ?? 1;

    private static IWorkload? Workload(BenchmarkCase benchmarkCase) =>
        Workloads.GetOrAdd(benchmarkCase.Descriptor.Type, t => Activator.CreateInstance(t) as IWorkload);
}

/// <summary>Achieved GFLOP/s: the benchmark's FLOP count divided by its mean time.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend =>
        "Achieved GFLOP/s: forward 2·m·Ho·Wo·Cout·f²·Cin FLOPs, backward twice that (input and weights gradients; bias add and bias gradient not counted), peak 2 FLOPs per FMA lane; '-' where no FLOPs are counted (pooling)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Throughput.Gflops(summary, benchmarkCase) is { } gflops ? gflops.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>
/// Achieved GFLOP/s as a fraction of the peak of the cores a benchmark runs on: the single-core peak measured by the
/// suite's own peak-FMA benchmark in the same run and for the same element type, times the benchmark's threads.
/// </summary>
public sealed class PeakFractionColumn : IColumn
{
    public string Id => nameof(PeakFractionColumn);

    public string ColumnName => "% peak";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend =>
        "GFLOP/s (at the mean time) over the FMA peak of the cores the benchmark runs on (one core's peak, times two for the TwoThreads rows), measured in this run for the same element type (the Peak row at its fastest iteration, so the Peak row itself reads below 100% by its own noise); 'n/a' when the Peak benchmark did not run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? gflops = Throughput.Gflops(summary, benchmarkCase);
        if (gflops is null)
        {
            return "-";
        }

        return Throughput.Peak(summary, benchmarkCase) is { } peak
            ? (100 * gflops.Value / (peak * Throughput.Threads(benchmarkCase))).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "n/a";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
