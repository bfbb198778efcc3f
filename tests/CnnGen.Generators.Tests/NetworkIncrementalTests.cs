using System.Collections.Immutable;
using CnnGen.Generators.Model;
using CnnGen.Generators.Network;
using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static CnnGen.Generators.Tests.Infrastructure.IncrementalSteps;

namespace CnnGen.Generators.Tests;

/// <summary>
/// The caching of the [Network] pipeline and of the single-layer pipelines networks brought ([ReLU] and the other
/// activations, [Flatten], [Dense], [SoftmaxCrossEntropy]): unrelated edits reuse every step, a comment or whitespace keeps the spec, a changed argument
/// regenerates exactly its own output, and no tracked step holds Roslyn objects.
/// </summary>
public class NetworkIncrementalTests
{
    /// <summary>One pipeline under test: its tracking name, the file declaring its class, that class's hint name and generated file.</summary>
    private sealed record Pipeline(string TrackingName, string File, string Hint, string GeneratedFile)
    {
        public bool IsNetwork => TrackingName == TrackingNames.Networks;

        /// <summary>The step that holds this pipeline's specs: networks have their own, single layers share the layers' one.</summary>
        public string SpecStep => IsNetwork ? TrackingNames.NetworkSpecs : TrackingNames.Specs;

        public override string ToString() => TrackingName;
    }

    private static readonly Pipeline Networks = new(TrackingNames.Networks, "SmallNet.cs", "Net.SmallNet.112", "Net.SmallNet.112.g.cs");
    private static readonly Pipeline ReLU = new(TrackingNames.ReLULayers, "Activation.cs", "Net.Activation.11", "Net.Activation.11.g.cs");
    private static readonly Pipeline Flatten = new(TrackingNames.FlattenLayers, "Flat.cs", "Net.Flat.11", "Net.Flat.11.g.cs");
    private static readonly Pipeline Dense = new(TrackingNames.DenseLayers, "Fc.cs", "Net.Fc.11", "Net.Fc.11.g.cs");
    private static readonly Pipeline Loss = new(TrackingNames.SoftmaxCrossEntropyLayers, "Loss.cs", "Net.Loss.11", "Net.Loss.11.g.cs");
    private static readonly Pipeline ReLU6 = new(TrackingNames.ReLU6Layers, "Clipped.cs", "Net.Clipped.11", "Net.Clipped.11.g.cs");
    private static readonly Pipeline LeakyReLU = new(TrackingNames.LeakyReLULayers, "Leaky.cs", "Net.Leaky.11", "Net.Leaky.11.g.cs");
    private static readonly Pipeline Sigmoid = new(TrackingNames.SigmoidLayers, "Logistic.cs", "Net.Logistic.11", "Net.Logistic.11.g.cs");
    private static readonly Pipeline Tanh = new(TrackingNames.TanhLayers, "Hyperbolic.cs", "Net.Hyperbolic.11", "Net.Hyperbolic.11.g.cs");

    private static readonly Pipeline GlobalAverage = new(TrackingNames.GlobalAvgPool2DLayers, "Squeeze.cs", "Net.Squeeze.11", "Net.Squeeze.11.g.cs");
    private static readonly Pipeline GlobalMax = new(TrackingNames.GlobalMaxPool2DLayers, "Strongest.cs", "Net.Strongest.11", "Net.Strongest.11.g.cs");

    private static readonly Pipeline BatchNorm = new(TrackingNames.BatchNorm2DLayers, "Normalized.cs", "Net.Normalized.11", "Net.Normalized.11.g.cs");

    private static readonly Pipeline Dropout = new(TrackingNames.DropoutLayers, "Thinned.cs", "Net.Thinned.11", "Net.Thinned.11.g.cs");

    private static readonly Pipeline[] All = { Networks, ReLU, Flatten, Dense, Loss, ReLU6, LeakyReLU, Sigmoid, Tanh, GlobalAverage, GlobalMax, BatchNorm, Dropout };

    private static Pipeline Named(string trackingName) => All.Single(p => p.TrackingName == trackingName);

    /// <summary>
    /// One file per class so an edit touches one class only; a second network so "exactly that network" means something;
    /// one invalid network and one invalid dense layer so both pipelines also carry diagnostics.
    /// </summary>
    internal static readonly (string Path, string Text)[] Sources =
    {
        ("SmallNet.cs", """
            using CnnGen;
            namespace Net;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Conv2D(f: 3, pad: 1, Filters = 4)]
            [ReLU]
            [MaxPool2D(f: 2, stride: 2)]
            [Flatten]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class SmallNet { }
            """),
        ("TinyNet.cs", """
            using CnnGen;
            namespace Net;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2, Precision = NetworkPrecision.Double), Dense(5)]
            [ReLU, Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class TinyNet { }
            """),
        ("Activation.cs", """
            using CnnGen;
            namespace Net;
            [ReLU(InputHeight = 4, InputWidth = 4, InputChannels = 3)]
            public partial class Activation { }
            """),
        ("Clipped.cs", """
            using CnnGen;
            namespace Net;
            [ReLU6(InputHeight = 2, InputWidth = 2, InputChannels = 3)]
            public partial class Clipped { }
            """),
        ("Leaky.cs", """
            using CnnGen;
            namespace Net;
            [LeakyReLU(0.2, InputChannels = 5)]
            public partial class Leaky { }
            """),
        ("Logistic.cs", """
            using CnnGen;
            namespace Net;
            [Sigmoid(InputChannels = 6)]
            public partial class Logistic { }
            """),
        ("Hyperbolic.cs", """
            using CnnGen;
            namespace Net;
            [Tanh(InputChannels = 7)]
            public partial class Hyperbolic { }
            """),
        ("Squeeze.cs", """
            using CnnGen;
            namespace Net;
            [GlobalAvgPool2D(InputHeight = 5, InputWidth = 5, InputChannels = 9)]
            public partial class Squeeze { }
            """),
        ("Strongest.cs", """
            using CnnGen;
            namespace Net;
            [GlobalMaxPool2D(InputHeight = 3, InputWidth = 2, InputChannels = 4)]
            public partial class Strongest { }
            """),
        ("Normalized.cs", """
            using CnnGen;
            namespace Net;
            [BatchNorm2D(InputHeight = 3, InputWidth = 3, InputChannels = 5)]
            public partial class Normalized { }
            """),
        ("Thinned.cs", """
            using CnnGen;
            namespace Net;
            [Dropout(0.3, InputLength = 20)]
            public partial class Thinned { }
            """),
        ("Flat.cs", """
            using CnnGen;
            namespace Net;
            [Flatten(InputHeight = 3, InputWidth = 3, InputChannels = 2)]
            public partial class Flat { }
            """),
        ("Fc.cs", """
            using CnnGen;
            namespace Net;
            [Dense(10, InputLength = 12)]
            public partial class Fc { }
            """),
        ("Loss.cs", """
            using CnnGen;
            namespace Net;
            [SoftmaxCrossEntropy(Classes = 10)]
            public partial class Loss { }
            """),
        ("Broken.cs", """
            using CnnGen;
            namespace Net;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Dense(3)]
            public partial class NoLoss { }
            [Dense(0, InputLength = 4)]
            public partial class NoUnits { }
            """),
        ("Other.cs", """
            namespace Net;
            public class Unrelated { public int Value => 1; }
            """),
    };

    /// <summary>
    /// The generated files the sources produce: two networks, each a file of its own and one per layer, and eight single
    /// layers (the broken classes generate nothing).
    /// </summary>
    private static readonly string[] GeneratedFiles =
    {
        "Net.SmallNet.112.g.cs", "Net.SmallNet.112.Layer1Conv2D.g.cs", "Net.SmallNet.112.Layer2ReLU.g.cs", "Net.SmallNet.112.Layer3MaxPool2D.g.cs",
        "Net.SmallNet.112.Layer4Flatten.g.cs", "Net.SmallNet.112.Layer5Dense.g.cs", "Net.SmallNet.112.Layer6SoftmaxCrossEntropy.g.cs",
        "Net.TinyNet.111.g.cs", "Net.TinyNet.111.Layer1Dense.g.cs", "Net.TinyNet.111.Layer2ReLU.g.cs", "Net.TinyNet.111.Layer3Dense.g.cs",
        "Net.TinyNet.111.Layer4SoftmaxCrossEntropy.g.cs",
        "Net.Activation.11.g.cs", "Net.Flat.11.g.cs", "Net.Fc.11.g.cs", "Net.Loss.11.g.cs",
        "Net.Clipped.11.g.cs", "Net.Leaky.11.g.cs", "Net.Logistic.11.g.cs", "Net.Hyperbolic.11.g.cs", "Net.Squeeze.11.g.cs", "Net.Strongest.11.g.cs", "Net.Normalized.11.g.cs", "Net.Thinned.11.g.cs",
    };

    public static TheoryData<string> Pipelines() => new(All.Select(p => p.TrackingName));

    public static TheoryData<string, string> PipelinesAndUnrelatedEdits()
    {
        var data = new TheoryData<string, string>();
        foreach (Pipeline pipeline in All)
        {
            data.Add(pipeline.TrackingName, "add a file");
            data.Add(pipeline.TrackingName, "edit another class");
        }

        return data;
    }

    public static TheoryData<string, string> PipelinesAndTriviaEdits()
    {
        var data = new TheoryData<string, string>();
        foreach (Pipeline pipeline in All)
        {
            data.Add(pipeline.TrackingName, "comment above");
            data.Add(pipeline.TrackingName, "comment in the class");
            data.Add(pipeline.TrackingName, "whitespace in the attribute");
            data.Add(pipeline.TrackingName, "blank lines before the class");
        }

        return data;
    }

    /// <summary>An argument edit in one pipeline's file, and a line the regenerated file must then hold.</summary>
    public static TheoryData<string, string, string, string> ArgumentEdits() => new()
    {
        { TrackingNames.Networks, "Filters = 4", "Filters = 6", "conv2d f3 s1 p1 -> 8x8x6" },
        { TrackingNames.Networks, "[ReLU]\n[MaxPool2D(f: 2, stride: 2)]", "[MaxPool2D(f: 2, stride: 2)]\n[ReLU]", "maxpool2d f2 s2 -> 4x4x4 | relu -> 4x4x4" },
        { TrackingNames.Networks, "[Dense(10)]", "[Dense(7)]", "public const int ClassCount = 7;" },
        { TrackingNames.Networks, "InputChannels = 1", "InputChannels = 3", "public const int InputChannels = 3;" },
        { TrackingNames.ReLULayers, "InputChannels = 3", "InputChannels = 5", "public const int InputChannels = 5;" },
        { TrackingNames.FlattenLayers, "InputChannels = 2", "InputChannels = 4", "public const int OutputLength = 36;" },
        { TrackingNames.DenseLayers, "[Dense(10,", "[Dense(7,", "public const int Units = 7;" },
        { TrackingNames.DenseLayers, "InputLength = 12", "InputLength = 9", "public const int InputLength = 9;" },
        { TrackingNames.SoftmaxCrossEntropyLayers, "Classes = 10", "Classes = 4", "public const int Classes = 4;" },
        { TrackingNames.ReLU6Layers, "InputChannels = 3", "InputChannels = 4", "public const int InputChannels = 4;" },
        { TrackingNames.LeakyReLULayers, "0.2", "0.3", "public const double Slope = 0.3;" },
        { TrackingNames.SigmoidLayers, "InputChannels = 6", "InputChannels = 2", "public const int OutputLength = 2;" },
        { TrackingNames.TanhLayers, "InputChannels = 7", "InputChannels = 8", "public const int InputLength = 8;" },
        { TrackingNames.BatchNorm2DLayers, "InputChannels = 5", "InputChannels = 5, Momentum = 0.25", "public const double Momentum = 0.25;" },
        { TrackingNames.DropoutLayers, "0.3", "0.35", "public const double Rate = 0.35;" },
        { TrackingNames.GlobalAvgPool2DLayers, "InputWidth = 5", "InputWidth = 6", "public const int Pixels = 30;" },
        { TrackingNames.GlobalMaxPool2DLayers, "InputChannels = 4", "InputChannels = 12", "public const int OutputChannels = 12;" },
    };

    private static GeneratorRun FirstRun(params (string Path, string Text)[] sources)
    {
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.Compilation(sources.Length == 0 ? Sources : sources));
        if (sources.Length == 0)
        {
            Assert.Equal(GeneratedFiles.Order(StringComparer.Ordinal), first.Single.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        }

        return first;
    }

    private static GeneratorRun Rerun(GeneratorRun first, string path, Func<string, string> edit)
    {
        SyntaxTree old = first.Input.SyntaxTrees.Single(t => t.FilePath == path);
        string text = old.GetText().ToString();
        string edited = edit(text);
        Assert.NotEqual(text, edited);
        return GeneratorHarness.Run(
            first.Input.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path)), first.Driver);
    }

    [Theory]
    [MemberData(nameof(PipelinesAndUnrelatedEdits))]
    public void An_unrelated_edit_reuses_every_step_of_the_pipeline(string pipelineName, string edit)
    {
        Pipeline pipeline = Named(pipelineName);
        GeneratorRun first = FirstRun();
        Assert.NotEmpty(Outputs(first, pipeline.TrackingName));
        Assert.NotEmpty(SpecsOf(first, pipeline));

        GeneratorRun second = edit == "add a file"
            ? GeneratorHarness.Run(
                first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Net; public static class Added { }", GeneratorHarness.ParseOptions, "Added.cs")),
                first.Driver)
            : Rerun(first, "Other.cs", text => text.Replace("=> 1", "=> 2", StringComparison.Ordinal));

        AssertReused(second, pipeline.TrackingName);
        AssertReused(second, pipeline.SpecStep);
        Assert.NotEmpty(SpecsOf(second, pipeline));
        AssertReused(second, TrackingNames.Diagnostics);

        // Every other pipeline too, and every source output: an unrelated edit regenerates nothing.
        foreach (string name in AllNames.Where(n => second.Single.TrackedSteps.ContainsKey(n)))
        {
            AssertReused(second, name);
        }

        Assert.All(SourceOutputs(second), o => Assert.True(IsReused(o.Reason), $"source output was {o.Reason}"));
        AssertSameSources(first, second);
    }

    [Theory]
    [MemberData(nameof(PipelinesAndTriviaEdits))]
    public void A_comment_or_whitespace_in_the_annotated_file_keeps_the_spec(string pipelineName, string edit)
    {
        Pipeline pipeline = Named(pipelineName);
        GeneratorRun first = FirstRun();
        GeneratorRun second = Rerun(first, pipeline.File, text => edit switch
        {
            "comment above" => "// a comment that moves every location down a line\n" + text,
            "comment in the class" => text.Replace("{ }", "{ /* nothing to see */ }", StringComparison.Ordinal),
            "whitespace in the attribute" => ReplaceFirst(text, "(", "(  "),
            "blank lines before the class" => text.Replace("public partial class", "\n\n    public  partial  class", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, null),
        });

        // The syntax step re-ran on the edited tree (it may be Modified when a diagnostic location moves); the spec may not change.
        Assert.NotEmpty(Outputs(second, pipeline.TrackingName));
        List<(object Value, IncrementalStepRunReason Reason)> specs = SpecsOf(second, pipeline);
        Assert.NotEmpty(specs);
        Assert.All(specs, o => Assert.True(IsReused(o.Reason), $"{pipeline.SpecStep} output for {pipeline.Hint} was {o.Reason}"));
        AssertReused(second, TrackingNames.Specs);
        AssertReused(second, TrackingNames.NetworkSpecs);

        // Nothing is emitted again.
        Assert.All(SourceOutputs(second), o => Assert.True(IsReused(o.Reason), $"source output was {o.Reason}"));
        AssertSameSources(first, second);
    }

    [Theory]
    [MemberData(nameof(ArgumentEdits))]
    public void Changing_an_argument_regenerates_exactly_that_output(string pipelineName, string before, string after, string expected)
    {
        Pipeline pipeline = Named(pipelineName);
        GeneratorRun first = FirstRun();
        GeneratorRun second = Rerun(first, pipeline.File, text => text.Replace(before, after, StringComparison.Ordinal));

        Assert.Empty(second.GeneratorDiagnostics.Where(d => !d.Location.GetLineSpan().Path.Equals("Broken.cs", StringComparison.Ordinal)));

        // This class's spec is Modified, and it is the only spec of either spec step that is.
        (object Value, IncrementalStepRunReason Reason) spec = Assert.Single(SpecsOf(second, pipeline));
        Assert.Equal(IncrementalStepRunReason.Modified, spec.Reason);
        List<(object Value, IncrementalStepRunReason Reason)> modified = Outputs(second, TrackingNames.Specs)
            .Concat(Outputs(second, TrackingNames.NetworkSpecs))
            .Where(o => !IsReused(o.Reason))
            .ToList();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(modified).Reason);

        // Exactly one source output ran again, and only that class's files changed: a single layer's one file, or a network's
        // own file and those of its layers (a network writes one per layer, so a reordering renames some).
        Assert.Single(SourceOutputs(second), o => !IsReused(o.Reason));
        Dictionary<string, string> was = Texts(first);
        Dictionary<string, string> now = Texts(second);
        string layerFiles = pipeline.GeneratedFile[..^".g.cs".Length] + ".Layer";
        bool OfThisClass(string file) => file == pipeline.GeneratedFile || file.StartsWith(layerFiles, StringComparison.Ordinal);
        Assert.Equal(was.Keys.Where(k => !OfThisClass(k)).Order(StringComparer.Ordinal), now.Keys.Where(k => !OfThisClass(k)).Order(StringComparer.Ordinal));
        Assert.All(now.Keys.Where(k => !OfThisClass(k)), k => Assert.Equal(was[k], now[k]));
        Assert.NotEqual(was[pipeline.GeneratedFile], now[pipeline.GeneratedFile]);
        Assert.Contains(expected, now[pipeline.GeneratedFile], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void A_cloned_compilation_reuses_every_step(string pipelineName)
    {
        Pipeline pipeline = Named(pipelineName);
        GeneratorRun first = FirstRun();
        GeneratorRun second = GeneratorHarness.Run(first.Input.Clone(), first.Driver);
        AssertReused(second, pipeline.TrackingName);
        AssertReused(second, pipeline.SpecStep);
        AssertReused(second, TrackingNames.Diagnostics);
        Assert.All(SourceOutputs(second), o => Assert.True(IsReused(o.Reason), $"source output was {o.Reason}"));
        AssertSameSources(first, second);
    }

    [Fact]
    public void Moving_an_invalid_network_down_moves_its_diagnostics_but_emits_nothing_again()
    {
        GeneratorRun first = FirstRun();
        int[] linesBefore = BrokenLines(first);
        Assert.Equal(2, linesBefore.Length); // the network without a loss, the dense layer without units

        GeneratorRun second = Rerun(first, "Broken.cs", text => "// two lines\n// further down\n" + text);

        Assert.Contains(Outputs(second, TrackingNames.Networks), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(second, TrackingNames.DenseLayers), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(second, TrackingNames.Diagnostics), o => o.Reason == IncrementalStepRunReason.Modified);
        AssertReused(second, TrackingNames.Specs);
        AssertReused(second, TrackingNames.NetworkSpecs);
        AssertSameSources(first, second);
        Assert.Equal(linesBefore.Select(l => l + 2), BrokenLines(second));
    }

    [Fact]
    public void Fixing_an_invalid_network_generates_it_and_leaves_the_others_alone()
    {
        GeneratorRun first = FirstRun();
        GeneratorRun second = Rerun(first, "Broken.cs", text => text.Replace("[Dense(3)]", "[Dense(3)]\n[SoftmaxCrossEntropy]", StringComparison.Ordinal));

        (object value, IncrementalStepRunReason reason) = Assert.Single(Outputs(second, TrackingNames.NetworkSpecs), o => !IsReused(o.Reason));
        Assert.Equal(IncrementalStepRunReason.New, reason);
        Assert.Equal("Net.NoLoss.15", ((NetworkSpec)value).Target.HintName);
        AssertReused(second, TrackingNames.Specs);
        Assert.Contains(second.Single.GeneratedSources, s => s.HintName == "Net.NoLoss.15.g.cs");
        Assert.DoesNotContain(second.GeneratorDiagnostics, d => d.Id == "CNN0102");
    }

    [Fact]
    public void A_network_split_over_two_files_regenerates_when_the_file_without_the_network_attribute_changes()
    {
        // The transform reruns for a [Network] class whose own tree is unchanged: a stale cache would keep the old network.
        (string, string)[] sources =
        {
            ("Split.A.cs", """
                using CnnGen;
                namespace Net;
                [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
                public partial class Split { }
                """),
            ("Split.B.cs", """
                using CnnGen;
                namespace Net;
                [Dense(4)]
                [SoftmaxCrossEntropy]
                public partial class Split { }
                """),
            ("Other.cs", Sources.Single(s => s.Path == "Other.cs").Text),
        };
        GeneratorRun first = FirstRun(sources);
        Assert.Empty(first.GeneratorDiagnostics);
        Assert.Equal( // the network's files only: no single-layer files
            ["Net.Split.11.Layer1Dense.g.cs", "Net.Split.11.Layer2SoftmaxCrossEntropy.g.cs", "Net.Split.11.g.cs"],
            first.Single.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Contains("public const int ClassCount = 4;", Texts(first)["Net.Split.11.g.cs"], StringComparison.Ordinal);

        GeneratorRun unrelated = Rerun(first, "Other.cs", text => text.Replace("=> 1", "=> 2", StringComparison.Ordinal));
        AssertReused(unrelated, TrackingNames.Networks);
        AssertReused(unrelated, TrackingNames.NetworkSpecs);

        GeneratorRun second = Rerun(first, "Split.B.cs", text => text.Replace("[Dense(4)]", "[Dense(6)]", StringComparison.Ordinal));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.NetworkSpecs)).Reason);
        Assert.Contains("public const int ClassCount = 6;", Texts(second)["Net.Split.11.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_in_another_file_that_arguments_use_regenerates_both_pipelines_when_it_changes()
    {
        // Arguments may be constants declared elsewhere: editing only that file must not leave a stale network or layer.
        (string, string)[] sources =
        {
            ("Sizes.cs", """
                namespace Net;
                public static class Sizes { public const int Hidden = 6; }
                """),
            ("Uses.cs", """
                using CnnGen;
                namespace Net;
                [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
                [Dense(Sizes.Hidden)]
                [SoftmaxCrossEntropy]
                public partial class ByConstant { }
                [Dense(Sizes.Hidden, InputLength = 3)]
                public partial class DenseByConstant { }
                """),
        };
        GeneratorRun first = FirstRun(sources);
        Assert.Empty(first.GeneratorDiagnostics);

        GeneratorRun second = Rerun(first, "Sizes.cs", text => text.Replace("Hidden = 6", "Hidden = 9", StringComparison.Ordinal));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.NetworkSpecs)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.Specs)).Reason);
        Assert.Contains("public const int ClassCount = 9;", Texts(second)["Net.ByConstant.15.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public const int Units = 9;", Texts(second)["Net.DenseByConstant.11a.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_sources_exercise_every_pipeline_step_and_none_holds_roslyn_objects()
    {
        GeneratorRun first = FirstRun();
        foreach (string name in All.SelectMany(p => new[] { p.TrackingName, p.SpecStep }).Append(TrackingNames.Diagnostics))
        {
            Assert.NotEmpty(Outputs(first, name));
        }

        // The walk itself covers every name TrackingNames declares (IncrementalTests runs it over every pipeline at once).

        AssertNoRoslynObjects(first);

        // Modified values too: the second run's outputs are built afresh.
        GeneratorRun second = Rerun(first, "SmallNet.cs", text => text.Replace("Filters = 4", "Filters = 5", StringComparison.Ordinal));
        AssertNoRoslynObjects(second);
    }

    [Fact]
    public void The_walk_finds_a_symbol_in_a_base_record_field_and_inside_an_equatable_array()
    {
        // The walk must not pass vacuously: these hold a symbol where a careless model could (a positional property of an
        // abstract base record, as LayerSpec.Target is, and an element of an EquatableArray).
        CSharpCompilation compilation = GeneratorHarness.Compilation(("Other.cs", Sources.Single(s => s.Path == "Other.cs").Text));
        INamedTypeSymbol symbol = compilation.GetTypeByMetadataName("Net.Unrelated")!;

        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects(new DerivedHolder(symbol, 1), "derived"));
        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects(new ArrayHolder(new[] { new SymbolBox(symbol) }.ToEquatableArray()), "array"));
        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects(symbol.Locations[0], "location"));
        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects(compilation.GetSemanticModel(compilation.SyntaxTrees[0]), "model"));
        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects(compilation.SyntaxTrees[0].GetRoot(), "node"));
        Assert.ThrowsAny<Exception>(() => IncrementalSteps.AssertNoRoslynObjects((1, compilation), "compilation"));
        IncrementalSteps.AssertNoRoslynObjects(new DerivedHolder("plain data", 1), "plain");
    }

    [Fact]
    public void Tracking_names_are_read_by_reflection()
    {
        Assert.Contains(TrackingNames.Networks, AllNames);
        Assert.Contains(TrackingNames.SoftmaxCrossEntropyLayers, AllNames);
        Assert.Contains(TrackingNames.Diagnostics, AllNames);
        Assert.Equal(AllNames.Count, AllNames.Distinct().Count());
    }

    private abstract record BaseHolder(object Held);

    private sealed record DerivedHolder(object Held, int Other) : BaseHolder(Held);

    private sealed record SymbolBox(ISymbol Symbol);

    private sealed record ArrayHolder(EquatableArray<SymbolBox> Items);

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found");
        return text.Substring(0, at) + replacement + text.Substring(at + old.Length);
    }

    /// <summary>The outputs of this pipeline's spec step that belong to its class (the single-layer spec step is shared by every layer).</summary>
    private static List<(object Value, IncrementalStepRunReason Reason)> SpecsOf(GeneratorRun run, Pipeline pipeline) =>
        Outputs(run, pipeline.SpecStep)
            .Where(o => (o.Value switch
            {
                NetworkSpec network => network.Target.HintName,
                LayerSpec layer => layer.Target.HintName,
                _ => throw new InvalidOperationException($"{pipeline.SpecStep} output of type {o.Value.GetType().Name}"),
            }) == pipeline.Hint)
            .ToList();

    private static void AssertReused(GeneratorRun run, string name) =>
        Assert.All(Outputs(run, name), o => Assert.True(IsReused(o.Reason), $"{name} output was {o.Reason} ({o.Value})"));

    private static void AssertSameSources(GeneratorRun first, GeneratorRun second) => Assert.Equal(Texts(first), Texts(second));

    private static Dictionary<string, string> Texts(GeneratorRun run) =>
        run.Single.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private static int[] BrokenLines(GeneratorRun run) => run.GeneratorDiagnostics
        .Where(d => d.Location.GetLineSpan().Path == "Broken.cs")
        .Select(d => d.Location.GetLineSpan().StartLinePosition.Line)
        .Order()
        .ToArray();
}
