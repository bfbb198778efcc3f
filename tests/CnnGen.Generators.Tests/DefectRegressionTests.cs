using System.Collections.Immutable;
using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Regression tests for the generator defects a hostile review of main found: each declaration here once dropped every
/// generated file of the project (CS8785), emitted code that did not compile, hung the generator, or was ignored
/// without a word.
/// </summary>
public class DefectRegressionTests
{
    /// <summary>Every shape that once gave two outputs one hint name, in one compilation.</summary>
    private const string CollidingNames = """
        using CnnGen;

        namespace Collisions
        {
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)] public partial class Pool { }
            [AvgPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)] public partial class @pool { }
            [ReLU(InputChannels = 3)] public partial class @class { }
            [ReLU(InputChannels = 4)] public partial class _class { }
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)][ReLU] public partial class PoolThenReLU { }
            [Conv2D(3, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = 2)][Flatten] public partial class ConvThenFlatten { }
            [ReLU(InputChannels = 4)][Dense(2, InputLength = 4)] public partial class ReLUThenDense { }
            [ReLU(InputChannels = 5)] public partial class SplitReLU { }
            [ReLU(InputChannels = 5)] public partial class SplitReLU { }
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)][Flatten][SoftmaxCrossEntropy] public partial class SplitNet { }
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)] public partial class SplitNet { }
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class N
            {
                [ReLU(InputChannels = 6)] public partial class Network { }
            }

            public partial class @int
            {
                [ReLU(InputChannels = 7)] public partial class @event { }
            }
        }
        """;

    [Fact]
    public void Colliding_names_never_drop_the_projects_output()
    {
        GeneratorRun run = GeneratorHarness.Run(CollidingNames);

        Assert.Null(run.Single.Exception);
        Assert.DoesNotContain(run.CompilerDiagnostics, d => d.Id is "CS8785" or "AD0001");
        ImmutableArray<GeneratedSourceResult> sources = run.Single.GeneratedSources;
        Assert.Equal(sources.Length, sources.Select(s => s.HintName).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // Every valid class got its members; the invalid ones got a diagnostic instead.
        foreach (string valid in new[] { "Pool", "pool", "class", "_class", "N", "Network", "event" })
        {
            INamedTypeSymbol type = run.Output.GetSymbolsWithName(valid, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
            Assert.NotEmpty(type.GetMembers("Forward"));
        }

        Assert.Equal(
            new[] { "ConvThenFlatten", "PoolThenReLU", "ReLUThenDense", "SplitReLU" },
            run.GeneratorDiagnostics.Where(d => d.Id == "CNN0011").Select(d => d.GetMessage().Split('\'')[1]).Order(StringComparer.Ordinal).ToArray());

        // A second [Network] is the compiler's to report: the attribute allows one.
        Assert.Contains(run.CompilerDiagnostics, d => d.Id == "CS0579");
        Assert.DoesNotContain(
            run.CompilerDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS0579");
    }

    [Fact]
    public void Hint_names_differ_ignoring_case_for_types_that_differ_only_in_case_or_nesting()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation("""
            namespace a.b { public class C { } public class c { } }
            namespace A.B { public class C { public class D { } } }
            namespace A.B.C { public class D { } }
            public class A_B { }
            public class A__B { }
            public class Ä { }
            public class ä { }
            """);
        INamedTypeSymbol[] types = AllTypes(compilation.Assembly.GlobalNamespace)
            .SelectMany(t => new[] { t }.Concat(t.GetTypeMembers()))
            .ToArray();
        string[] hints = types.Select(CnnGen.Generators.Parsing.GeneratedNames.HintName).ToArray();

        Assert.Equal(9, types.Length);
        Assert.Equal(hints.Length, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(hints, hint => Assert.Matches("^[A-Za-z0-9_.+]+$", hint));

        static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
            ns.GetTypeMembers().Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));
    }

    [Theory]
    [InlineData(16, 32)] // a ViT-style patch embedding: phases (1, 11) and (11, 1) once shared a method name
    [InlineData(12, 30)]
    public void Two_digit_strides_emit_code_that_compiles(int stride, int size)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using CnnGen;
            [Conv2D({{stride}}, stride: {{stride}}, InputHeight = {{size}}, InputWidth = {{size}}, InputChannels = 3, Filters = 32)]
            public partial class PatchEmbedding { }
            """);

        Assert.Null(run.Single.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(10000)]
    [InlineData(1 << 30)]
    public void Huge_strides_generate_in_time_bounded_by_the_layers_size(int stride)
    {
        // Before, the phases were every (row, column) pair below the stride: stride 10000 took 35 s, 1 << 30 never ended.
        // Now only phases that hold an input position count; the token turns a regression into a failure, not a hang.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        CSharpCompilation compilation = GeneratorHarness.Compilation($$"""
            using CnnGen;
            [Conv2D(3, stride: {{stride}}, InputHeight = 40, InputWidth = 40, InputChannels = 2, Filters = 4)]
            public partial class Strided { }
            """);

        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _, timeout.Token);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        string code = Assert.Single(result.GeneratedSources).SourceText.ToString();
        Assert.Contains("public const int OutputHeight = 1;", code, StringComparison.Ordinal);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_cancelled_generator_run_stops_instead_of_running_on()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        CSharpCompilation compilation = GeneratorHarness.Compilation("""
            using CnnGen;
            [Conv2D(3, InputHeight = 64, InputWidth = 64, InputChannels = 16, Filters = 16)]
            public partial class Big { }
            """);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancelled.Token));
    }

    [Fact]
    public void A_dense_layer_of_int_MaxValue_units_is_emitted_without_a_list_per_unit()
    {
        // One input value: the weights (2^31 − 1) still fit an int, so the layer is valid and must be emitted at once.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        CSharpCompilation compilation = GeneratorHarness.Compilation("""
            using CnnGen;
            [Dense(int.MaxValue, InputLength = 1)]
            public partial class Widest { }
            """);

        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _, timeout.Token);

        string code = Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources).SourceText.ToString();
        Assert.Contains("public const int Units = 2147483647;", code, StringComparison.Ordinal);
        Assert.True(code.Length < 200_000, $"{code.Length} characters generated");
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("[Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)][ZeroPad2D(int.MaxValue)][Flatten][Dense(10)][SoftmaxCrossEntropy]", "int.MaxValue")]
    [InlineData("[Dense(100000, InputLength = 100000)]", "100000")]
    [InlineData("[Dense(int.MaxValue, InputLength = 4)]", "int.MaxValue")]
    [InlineData("[ZeroPad2D(int.MaxValue, InputHeight = 1, InputWidth = 1, InputChannels = 1)]", "int.MaxValue")]
    [InlineData("[Network(InputHeight = 8, InputWidth = 8, InputChannels = 50000)][Conv2D(3, pad: 1, Filters = 50000)][Flatten][SoftmaxCrossEntropy]", "Filters = 50000")]
    public void Sizes_beyond_int_are_reported_at_the_argument_and_generate_nothing(string attributes, string argument)
    {
        string source = $"using CnnGen;\n{attributes}\npublic partial class TooLarge {{ }}\n";
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Null(run.Single.Exception);
        Assert.Empty(run.Single.GeneratedSources);
        Diagnostic overflow = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "CNN0008");
        int at = source.IndexOf(argument, StringComparison.Ordinal);
        Assert.Equal(at, overflow.Location.SourceSpan.Start);
    }

    [Theory]
    [InlineData("[Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)][Flatten][SoftmaxCrossEntropy]", "partial record R;", "CNN0014")]
    [InlineData("[ReLU(InputChannels = 2)]", "partial struct S { }", "CNN0013")]
    [InlineData("[Conv2D(1, InputHeight = 2, InputWidth = 2, InputChannels = 1, Filters = 1)]", "partial record struct S;", "CNN0013")]
    [InlineData("[Flatten(InputChannels = 2)]", "partial interface I { }", "CNN0013")]
    [InlineData("[Network(InputHeight = 2, InputWidth = 2, InputChannels = 1, Precision = (NetworkPrecision)7)][Flatten][SoftmaxCrossEntropy]", "partial class P { }", "CNN0105")]
    [InlineData("[ReLU(InputChannels = 2)][ReLU(InputChannels = 2)]", "partial class Twice { }", "CNN0011")]
    public void Input_that_was_silently_ignored_now_draws_a_diagnostic(string attributes, string declaration, string id)
    {
        GeneratorRun run = GeneratorHarness.Run($"using CnnGen;\n{attributes}\npublic {declaration}\n");

        Assert.Null(run.Single.Exception);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.Single.GeneratedSources);
    }

    [Theory]
    [InlineData("[ReLU(InputChannels = 2)]")]
    [InlineData("[Dense(3, InputLength = 2)]")]
    [InlineData("[Flatten(InputHeight = 2, InputWidth = 2, InputChannels = 1)]")]
    [InlineData("[SoftmaxCrossEntropy(Classes = 3)]")]
    [InlineData("[AvgPool2D(2, InputHeight = 2, InputWidth = 2, InputChannels = 1)]")]
    public void Every_layer_kind_is_generated_into_a_record_class(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run($"using CnnGen;\n{attribute}\npublic partial record Layer(int Tag);\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Single.GeneratedSources);
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
    }
}
