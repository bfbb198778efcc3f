using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CnnGen.Benchmarks.Infrastructure;

namespace CnnGen.Benchmarks;

/// <summary>
/// Runs the CnnGen benchmark suites with BenchmarkDotNet and turns the outcome into an exit code:
/// 0 only when every selected benchmark produced a result.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            // BenchmarkDotNet would otherwise ask on standard input which suite to run.
            args = ["--filter", "*"];
        }

        bool dry = IsDryJob(args);
        Assembly[] measured = [typeof(Program).Assembly, typeof(Conv2DAttribute).Assembly];
        Assembly[] unoptimized = measured.Where(a => a.GetCustomAttribute<DebuggableAttribute>() is { IsJITOptimizerDisabled: true }).ToArray();
        if (unoptimized.Length > 0 && !dry)
        {
            Console.Error.WriteLine(
                $"error: {string.Join(", ", unoptimized.Select(a => a.GetName().Name))} built without optimizations; " +
                "benchmarks measure Release builds only. Run: dotnet run -c Release --project benchmarks/CnnGen.Benchmarks -- --filter '*' " +
                "(a Debug build may only run the Dry job, which times nothing).");
            return 2;
        }

        ManualConfig config = BenchmarkConfig.Create();
        if (unoptimized.Length > 0)
        {
            config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
        return ExitCode(summaries, args);
    }

    /// <summary>True when the command line selects BenchmarkDotNet's Dry job (one invocation, nothing timed).</summary>
    private static bool IsDryJob(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if ((arg is "--job" or "-j") && i + 1 < args.Length && args[i + 1].Equals("dry", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (arg.Equals("--job=dry", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int ExitCode(Summary[] summaries, string[] args)
    {
        bool informational = args.Any(a => a is "--list" or "--help" or "-h" or "-?" or "--version" or "--info");
        if (summaries.Length == 0)
        {
            if (informational)
            {
                return 0;
            }

            Console.Error.WriteLine("error: no benchmark ran (did the filter match nothing?).");
            return 1;
        }

        var failures = new List<string>();
        int ran = 0;
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failures.AddRange(summary.ValidationErrors.Where(e => e.IsCritical).Select(e => "validation: " + e.Message));
            }

            foreach (BenchmarkCase benchmarkCase in summary.BenchmarksCases)
            {
                BenchmarkReport? report = summary[benchmarkCase];
                if (report is null || !report.Success || report.ResultStatistics is null)
                {
                    failures.Add("no result: " + benchmarkCase.DisplayInfo);
                }
                else
                {
                    ran++;
                }
            }
        }

        if (ran == 0 && failures.Count == 0)
        {
            failures.Add("no benchmark ran");
        }

        Console.WriteLine();
        if (failures.Count > 0)
        {
            Console.Error.WriteLine($"CnnGen benchmarks: {ran} ran, {failures.Count} failed:");
            foreach (string failure in failures)
            {
                Console.Error.WriteLine("  " + failure);
            }

            return 1;
        }

        Console.WriteLine($"CnnGen benchmarks: {ran} ran, 0 failed.");
        return 0;
    }
}
