using System.Collections.Immutable;
using CnnGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnGen.Generators.Tests.Infrastructure;

/// <summary>The outcome of one generator run over a test compilation.</summary>
public sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriverRunResult Result,
    GeneratorDriver Driver)
{
    public GeneratorRunResult Single => Result.Results.Single();

    /// <summary>The generator's own diagnostics.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Single.Diagnostics;

    /// <summary>The compiler's diagnostics of the output compilation (warnings and errors), user and generated code alike.</summary>
    public ImmutableArray<Diagnostic> CompilerDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The compiler's warnings and errors located in generated files.</summary>
    public ImmutableArray<Diagnostic> DiagnosticsInGeneratedCode
    {
        get
        {
            HashSet<SyntaxTree> generated = Result.GeneratedTrees.ToHashSet();
            return CompilerDiagnostics.Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree)).ToImmutableArray();
        }
    }
}

/// <summary>
/// Builds fixed test compilations (the .NET runtime's assemblies plus the CnnGen runtime for the attributes) and runs the
/// generator over them with step tracking on.
/// </summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>C# latest, nullable on, every warning (level 9999) an error, XML documentation checked.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            generalDiagnosticOption: ReportDiagnostic.Error,
            allowUnsafe: false)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            // Test sources are small fragments without documentation; generated members must carry their own.
            ["CS1591"] = ReportDiagnostic.Suppress,
        });

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(sources.Select((s, i) => ($"Source{i}.cs", s)).ToArray());

    public static CSharpCompilation Compilation(params (string Path, string Text)[] sources)
    {
        return CSharpCompilation.Create(
            "TestLayers",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            CompilationOptions);
    }

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new LayerGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        GeneratorDriver ran = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(compilation, output, ran.GetRunResult(), ran);
    }

    public static GeneratorRun Run(params string[] sources) => Run(Compilation(sources));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = trusted.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(CnnGen.Conv2DAttribute).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
