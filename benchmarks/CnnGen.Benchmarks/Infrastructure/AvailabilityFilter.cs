using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// Drops the benchmarks whose subject does not exist in this build (a generated kernel before its emitter has
/// landed, ONNX Runtime for double) and says so once per benchmark, so a run never fails or silently
/// measures nothing for a comparison that cannot be made yet.
/// </summary>
public sealed class AvailabilityFilter : IFilter
{
    private readonly HashSet<string> _reported = [];

    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        var workload = Activator.CreateInstance(benchmarkCase.Descriptor.Type) as IWorkload;
        string? why = workload?.WhyUnavailable(benchmarkCase.Descriptor.WorkloadMethod.Name);
        if (why is null)
        {
            return true;
        }

        string name = benchmarkCase.Descriptor.Type.Name + "." + benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (benchmarkCase.Descriptor.Type.IsGenericType)
        {
            name = $"{benchmarkCase.Descriptor.Type.Name.Split('`')[0]}<{benchmarkCase.Descriptor.Type.GetGenericArguments()[0].Name}>.{benchmarkCase.Descriptor.WorkloadMethod.Name}";
        }

        lock (_reported)
        {
            if (_reported.Add(name))
            {
                Console.WriteLine($"// CnnGen: skipping {name}: {why}");
            }
        }

        return false;
    }
}
