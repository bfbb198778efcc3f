using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>The configuration every run uses; command-line options (job, filter, exporters) are added on top.</summary>
public static class BenchmarkConfig
{
    public static ManualConfig Create() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new GflopsColumn(), new PeakFractionColumn())
            .AddFilter(new AvailabilityFilter());
}
