using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>The generator's whole output (sources and diagnostics) for every case, against verified snapshots.</summary>
public class GeneratorSnapshotTests
{
    [Theory]
    [MemberData(nameof(SnapshotCases.AllNames), MemberType = typeof(SnapshotCases))]
    public void Generates(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SnapshotCases.Source(name));
        Assert.Null(run.Single.Exception);
        Snapshot.Verify(run, name);
    }

    /// <summary>Valid layers' generated code compiles with no warning at warning level 9999, nullable on, XML docs checked.</summary>
    [Theory]
    [MemberData(nameof(SnapshotCases.ValidNames), MemberType = typeof(SnapshotCases))]
    public void Valid_layers_compile_without_any_warning(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SnapshotCases.Source(name));
        Assert.NotEmpty(run.Single.GeneratedSources);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
    }

    /// <summary>Each diagnostic case reports its diagnostic, generates nothing for the invalid layer, and throws nothing.</summary>
    [Theory]
    [MemberData(nameof(SnapshotCases.DiagnosticNames), MemberType = typeof(SnapshotCases))]
    public void Diagnostic_cases_report_their_diagnostic(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SnapshotCases.Source(name));
        Assert.Null(run.Single.Exception);
        string id = name.Split('_')[0];
        if (id.StartsWith("CNN", StringComparison.Ordinal))
        {
            Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id);
        }
        else
        {
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Contains(run.CompilerDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        }

        bool hasError = run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error);
        if (hasError)
        {
            Assert.Empty(run.DiagnosticsInGeneratedCode.Select(Snapshot.Describe));
        }
        else if (id.StartsWith("CNN", StringComparison.Ordinal))
        {
            Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        }
    }

    [Fact]
    public void Every_descriptor_has_a_diagnostic_case()
    {
        foreach (DiagnosticDescriptor descriptor in CnnGen.Generators.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(SnapshotCases.Diagnostics.Keys, k => k.StartsWith(descriptor.Id + "_", StringComparison.Ordinal));
        }
    }
}
