using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>Reads a benchmark's FLOP count from its suite (<see cref="IWorkload"/>) and its mean time from the summary.</summary>
internal static class Throughput
{
    private static readonly ConcurrentDictionary<Type, IWorkload?> Workloads = new();

    /// <summary>GFLOP/s of a benchmark in this summary, or null when it has no result or counts no FLOPs.</summary>
    public static double? Gflops(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        double? meanNs = report?.ResultStatistics?.Mean;
        if (meanNs is not > 0)
        {
            return null;
        }

        IWorkload? workload = Workloads.GetOrAdd(benchmarkCase.Descriptor.Type, t => Activator.CreateInstance(t) as IWorkload);
        double? flops = workload?.FlopsPerInvocation(benchmarkCase.Descriptor.Categories.FirstOrDefault() ?? "");
        return flops / meanNs; // FLOP per ns = GFLOP/s
    }

    /// <summary>The GFLOP/s of the peak-FMA benchmark of the same suite class in this summary.</summary>
    public static double? Peak(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkCase? peak = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.Type == benchmarkCase.Descriptor.Type && c.Descriptor.Categories.Contains(Categories.Peak));
        return peak is null ? null : Gflops(summary, peak);
    }
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
/// Achieved GFLOP/s as a fraction of the single-core peak measured by the suite's own peak-FMA benchmark
/// in the same run and for the same element type.
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
        "GFLOP/s over the single-core FMA peak measured in this run for the same element type (the Peak row); 'n/a' when the Peak benchmark did not run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? gflops = Throughput.Gflops(summary, benchmarkCase);
        if (gflops is null)
        {
            return "-";
        }

        return Throughput.Peak(summary, benchmarkCase) is { } peak
            ? (100 * gflops.Value / peak).ToString("0.0", CultureInfo.InvariantCulture) + "%"
            : "n/a";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
