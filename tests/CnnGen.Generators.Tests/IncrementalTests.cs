using System.Collections.Immutable;
using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnGen.Generators.Tests;

/// <summary>The pipeline's caching: unrelated edits reuse every step, a changed argument regenerates, and no step holds Roslyn objects.</summary>
public class IncrementalTests
{
    private const string Layers = """
        using CnnGen;
        namespace Net;
        [Conv2D(3, 2, 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
        public partial class Conv { }
        [MaxPool2D(3, 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
        public partial class MaxPool { }
        [AvgPool2D(3, 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
        public partial class AvgPool { }
        [ZeroPad2D(1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
        public partial class Padding { }
        [MaxPool2D(3, 2, InputHeight = 6, InputWidth = 6, InputChannels = 1)]
        public partial class Dropping { }
        """;

    private const string Other = """
        namespace Net;
        public class Unrelated { public int Value => 1; }
        """;

    private static readonly string[] TrackedNames =
    {
        TrackingNames.Conv2DLayers, TrackingNames.MaxPool2DLayers, TrackingNames.AvgPool2DLayers, TrackingNames.ZeroPad2DLayers,
        TrackingNames.Specs, TrackingNames.Diagnostics,
    };

    private static (GeneratorRun First, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(("Layers.cs", Layers), ("Other.cs", Other));
        GeneratorRun first = GeneratorHarness.Run(compilation);
        Assert.Equal(5, first.Single.GeneratedSources.Length);
        return (first, compilation);
    }

    [Fact]
    public void A_second_run_on_a_cloned_compilation_is_all_cached()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun();
        GeneratorRun second = GeneratorHarness.Run(compilation.Clone(), first.Driver);
        AssertAllReused(second);
        AssertSameOutputs(first, second);
    }

    [Fact]
    public void Adding_an_unrelated_file_reuses_every_step()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun();
        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Net; public static class Added { }", GeneratorHarness.ParseOptions, "Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver);
        AssertAllReused(second);
        AssertSameOutputs(first, second);
    }

    [Fact]
    public void Editing_another_class_reuses_every_step()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            old, CSharpSyntaxTree.ParseText(Other.Replace("=> 1", "=> 2", StringComparison.Ordinal), GeneratorHarness.ParseOptions, "Other.cs"));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver);
        AssertAllReused(second);
    }

    [Fact]
    public void Changing_an_attribute_argument_regenerates_that_layer_only()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Layers.cs");
        string changed = Layers.Replace("[MaxPool2D(3, 2, InputHeight = 5", "[MaxPool2D(2, 2, InputHeight = 5", StringComparison.Ordinal);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, "Layers.cs"));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver);

        var specs = Outputs(second, TrackingNames.Specs);
        Assert.Contains(specs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(specs, o => o.Reason == IncrementalStepRunReason.Modified);
        string pool = second.Single.GeneratedSources.Single(s => s.HintName == "Net.MaxPool.19.g.cs").SourceText.ToString();
        Assert.Contains("public const int FilterSize = 2;", pool, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_layer_down_changes_diagnostics_but_not_the_emitted_specs()
    {
        (GeneratorRun first, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Layers.cs");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            old, CSharpSyntaxTree.ParseText("// a comment that moves every location down a line\n" + Layers, GeneratorHarness.ParseOptions, "Layers.cs"));
        GeneratorRun second = GeneratorHarness.Run(edited, first.Driver);

        Assert.All(Outputs(second, TrackingNames.Specs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"spec step was {o.Reason}"));
        Assert.Contains(Outputs(second, TrackingNames.Diagnostics), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void No_tracked_step_holds_a_symbol_syntax_node_or_compilation()
    {
        // Every pipeline at once: these layers plus the networks and single layers of NetworkIncrementalTests, so that
        // every name TrackingNames declares (read by reflection: a new pipeline cannot be left out) has outputs to walk.
        CSharpCompilation compilation = GeneratorHarness.Compilation(
            new[] { ("Layers.cs", Layers), ("Other.cs", Other), ("Alone.cs", "[CnnGen.Shortcut(\"alone\")] public partial class Alone { }") }
                .Concat(NetworkIncrementalTests.Sources.Where(s => s.Path != "Other.cs"))
                .ToArray());
        GeneratorRun run = GeneratorHarness.Run(compilation);
        foreach (string name in IncrementalSteps.AllNames)
        {
            Assert.NotEmpty(Outputs(run, name));
        }

        IncrementalSteps.AssertNoRoslynObjects(run);
    }

    private static void AssertAllReused(GeneratorRun run)
    {
        foreach (string name in TrackedNames)
        {
            foreach ((object _, IncrementalStepRunReason reason) in Outputs(run, name))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} output was {reason}");
            }
        }

        foreach ((object _, IncrementalStepRunReason reason) in run.Single.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output was {reason}");
        }
    }

    private static void AssertSameOutputs(GeneratorRun first, GeneratorRun second)
    {
        Assert.Equal(
            first.Single.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.Single.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string name)
    {
        Assert.True(run.Single.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps), $"no tracked step {name}");
        return steps.SelectMany(s => s.Outputs).ToList();
    }
}
