using System.Globalization;
using System.Runtime.CompilerServices;
using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Pins the C# the generator writes for a representative set of layers: users compile it on every build, so its size
/// is their build time. A layer may take at most 150 KB; the layers that do not meet that yet are pinned just above
/// today's size instead (a ratchet: an emitter change that grows a layer fails here and has to say why).
/// </summary>
public class EmittedSizeTests
{
    public static TheoryData<string, string, int> Layers() => new()
    {
        // name, declaration, most characters
        { "ResNet-18 stem", "[Conv2D(7, stride: 2, pad: 3, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 64)]", 150_000 },
        { "ResNet-18 stage-1 conv", "[Conv2D(3, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 64)]", 150_000 },
        { "ResNet-18 stage-4 conv", "[Conv2D(3, pad: 1, InputHeight = 7, InputWidth = 7, InputChannels = 512, Filters = 512)]", 150_000 },
        { "ResNet-18 stride-2 entry", "[Conv2D(3, stride: 2, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 128)]", 150_000 },
        { "MobileNet stem", "[Conv2D(3, stride: 2, pad: 1, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 32)]", 150_000 },
        { "MobileNet last pointwise", "[Conv2D(1, InputHeight = 7, InputWidth = 7, InputChannels = 1024, Filters = 1024)]", 150_000 },
        { "AlexNet stem", "[Conv2D(11, stride: 4, pad: 2, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 64)]", 150_000 },
        { "16×16 patch embedding", "[Conv2D(16, stride: 16, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 192)]", 150_000 },
        { "LeNet-5 C1", "[Conv2D(5, InputHeight = 32, InputWidth = 32, InputChannels = 3, Filters = 6)]", 150_000 },
        { "LeNet-5 C3", "[Conv2D(5, InputHeight = 14, InputWidth = 14, InputChannels = 6, Filters = 16)]", 150_000 },
        { "odd channels, stride 2", "[Conv2D(5, stride: 2, pad: 2, InputHeight = 13, InputWidth = 13, InputChannels = 7, Filters = 19)]", 150_000 },
        { "7×7 over 5 channels", "[Conv2D(7, pad: 3, InputHeight = 20, InputWidth = 20, InputChannels = 5, Filters = 33)]", 150_000 },
        { "9×9 over RGB", "[Conv2D(9, pad: 4, InputHeight = 64, InputWidth = 64, InputChannels = 3, Filters = 24)]", 150_000 },
        { "100 filters over grey", "[Conv2D(3, pad: 1, InputHeight = 28, InputWidth = 28, InputChannels = 1, Filters = 100)]", 150_000 },
        { "stride 3, pad 4, 65 filters", "[Conv2D(5, stride: 3, pad: 4, InputHeight = 30, InputWidth = 30, InputChannels = 7, Filters = 65)]", 150_000 },
        { "benchmark mid layer", "[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 32, InputWidth = 32, InputChannels = 16, Filters = 32)]", 150_000 },
        { "benchmark notebook layer", "[Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]", 150_000 },
        { "benchmark first layer", "[Conv2D(f: 5, stride: 1, pad: 2, InputHeight = 28, InputWidth = 28, InputChannels = 1, Filters = 8)]", 150_000 },
        { "max pool", "[MaxPool2D(3, stride: 2, InputHeight = 112, InputWidth = 112, InputChannels = 64)]", 150_000 },
        { "average pool", "[AvgPool2D(7, InputHeight = 7, InputWidth = 7, InputChannels = 512)]", 150_000 },
        { "dense", "[Dense(1000, InputLength = 512)]", 150_000 },
        { "zero padding", "[ZeroPad2D(2, InputHeight = 28, InputWidth = 28, InputChannels = 3)]", 150_000 },

        { "7×7 stride 2 over 6 channels", "[Conv2D(7, stride: 2, pad: 2, InputHeight = 112, InputWidth = 112, InputChannels = 6, Filters = 24)]", 150_000 },
        { "11×11 over 6 channels", "[Conv2D(11, stride: 1, pad: 1, InputHeight = 224, InputWidth = 224, InputChannels = 6, Filters = 8)]", 150_000 },

        { "15 → 63 channels, 6×6", "[Conv2D(6, stride: 1, pad: 1, InputHeight = 28, InputWidth = 42, InputChannels = 15, Filters = 63)]", 150_000 },
        { "39 → 10 channels, 11×11 stride 5", "[Conv2D(11, stride: 5, pad: 2, InputHeight = 224, InputWidth = 224, InputChannels = 39, Filters = 10)]", 150_000 },
    };

    public static TheoryData<string, string> Compactions() => new()
    {
        // declaration, the compaction line its overview carries (null: none, the layer fits at full unrolling)
        { "[Conv2D(f: 3, stride: 1, pad: 1, InputHeight = 32, InputWidth = 32, InputChannels = 16, Filters = 32)]", "" },
        { "[Conv2D(f: 5, stride: 1, pad: 2, InputHeight = 28, InputWidth = 28, InputChannels = 1, Filters = 8)]", "// Compaction: SharedRegisterBlocks, as" },
        { "[Conv2D(9, pad: 4, InputHeight = 64, InputWidth = 64, InputChannels = 3, Filters = 24)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, PixelSegments, SingleVectorGroups, as" },
        { "[Conv2D(9, stride: 1, pad: 2, InputHeight = 12, InputWidth = 38, InputChannels = 6, Filters = 16)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, InputGradientInLanes, as" },
        { "[Conv2D(7, stride: 2, pad: 2, InputHeight = 112, InputWidth = 112, InputChannels = 6, Filters = 24)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, InputGradientInLanes, as" },
        { "[Conv2D(5, stride: 3, pad: 0, InputHeight = 17, InputWidth = 20, InputChannels = 29, Filters = 50)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, OverlappingTails, as" },
        // The conv matrix's layers for the later levels (tests/CnnGen.Generated.Tests/Conv), pinned here so they keep covering them.
        { "[Conv2D(9, stride: 1, pad: 2, InputHeight = 12, InputWidth = 30, InputChannels = 11, Filters = 8)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, InputGradientInLanes, as" },
        { "[Conv2D(5, stride: 3, pad: 2, InputHeight = 17, InputWidth = 26, InputChannels = 2, Filters = 28)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, InputGradientInLanes, OverlappingTails, as" },
        { "[Conv2D(6, stride: 3, pad: 1, InputHeight = 9, InputWidth = 26, InputChannels = 14, Filters = 43)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, OverlappingTails, DoubleOnlyVector128, as" },
        { "[Conv2D(7, stride: 2, pad: 2, InputHeight = 13, InputWidth = 31, InputChannels = 10, Filters = 24)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, OverlappingTails, WithoutVector512, DoubleOnlyVector128, as" },
        { "[Conv2D(4, stride: 2, pad: 1, InputHeight = 4, InputWidth = 34, InputChannels = 38, Filters = 7)]", "// Compaction: SharedRegisterBlocks, TierWidthTails, PerFilterColumn, SingleVectorGroups, DynamicBorders, OverlappingTails, OnlyVector128, as" },
    };

    /// <summary>A layer takes the first compaction level that fits, cheapest first; one that fits as it is carries none.</summary>
    [Theory]
    [MemberData(nameof(Compactions))]
    public void A_layer_over_the_budget_is_written_at_the_first_compaction_level_that_fits(string attribute, string compaction)
    {
        string code = GenerateLayerInNamespace(attribute);

        if (compaction.Length == 0)
        {
            Assert.DoesNotContain("// Compaction:", code, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(compaction, code, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_emits_at_most_its_pinned_size(string name, string attribute, int limit)
    {
        string code = GenerateLayer(attribute);

        Assert.True(code.Length <= limit, $"{name}: {code.Length} characters, pinned at {limit}");
    }

    /// <summary>
    /// Layers of shapes no one chose, in one compilation: convolutions with 1–70 channels, filters up to 7 and strides up
    /// to 4 (the kind whose channel tails differ per tier and element type), dense layers whose units leave every tail
    /// width a remainder, and pools with hundreds of channels. Every file fits 150 KB and the code compiles.
    /// </summary>
    [Fact]
    public void Layers_of_seeded_random_shapes_each_fit_150_KB_and_compile()
    {
        var random = new Random(20261202);
        var source = new System.Text.StringBuilder("using CnnGen;\nnamespace Shapes;\n");
        for (int i = 0; i < 24; i++)
        {
            int f = random.Next(1, 8), stride = random.Next(1, 5), pad = random.Next(0, f);
            int height = random.Next(Math.Max(4, f), 65), width = random.Next(Math.Max(4, f), 65);
            source.Append(CultureInfo.InvariantCulture, $"[Conv2D({f}, stride: {stride}, pad: {pad}, InputHeight = {height}, InputWidth = {width}, ")
                .Append(CultureInfo.InvariantCulture, $"InputChannels = {random.Next(1, 71)}, Filters = {random.Next(1, 71)})] public partial class Conv{i} {{ }}\n");
        }

        for (int i = 0; i < 3; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $"[Dense({64 * random.Next(1, 80) + 63}, InputLength = {random.Next(1, 5000)})] public partial class Dense{i} {{ }}\n");
            int f = random.Next(1, 10);
            source.Append(CultureInfo.InvariantCulture, $"[MaxPool2D({f}, stride: {random.Next(1, 6)}, InputHeight = {random.Next(f, 120)}, InputWidth = {random.Next(f, 120)}, InputChannels = {random.Next(1, 700)})] public partial class Pool{i} {{ }}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(source.ToString());

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        Assert.Equal(30, run.Single.GeneratedSources.Length);
        Assert.All(run.Single.GeneratedSources, file => Assert.True(file.SourceText.Length <= 150_000, $"{file.HintName}: {file.SourceText.Length} characters"));
    }

    [Fact]
    public void The_digits_network_emits_at_most_its_pinned_size()
    {
        // The sample's own declaration, read from the repository, so the pin follows the network users run.
        GeneratorRun run = GeneratorHarness.Run(File.ReadAllText(Path.Combine(RepositoryFolder(), "samples", "Digits", "DigitsNet.cs")));
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));

        // The network's own members are one file and each of its nine layers another, each at most 150 KB like any
        // layer; the network's own file is pinned just above today's size (with the training/evaluation switch).
        Dictionary<string, string> files = run.Single.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(10, files.Count);
        Assert.All(files, file => Assert.True(file.Value.Length <= 150_000, $"{file.Key}: {file.Value.Length} characters"));
        string network = Assert.Single(files, file => !file.Key.Contains(".Layer", StringComparison.Ordinal)).Value;
        Assert.True(network.Length <= 51_000, $"{network.Length} characters");
    }

    [Fact]
    public void Tiers_and_element_types_with_the_same_plan_share_one_generic_kernel_body()
    {
        string code = GenerateLayer("[Conv2D(3, pad: 1, InputHeight = 56, InputWidth = 56, InputChannels = 64, Filters = 64)]");

        // 64 channels are whole vectors on every tier: the AVX-512 body serves float and double, the 12-accumulator
        // body serves Vector256 and Vector128 of both.
        Assert.Contains("ForwardV512<float, global::System.Runtime.Intrinsics.Vector512<float>, global::CnnGen.Generated.Vector512Ops<float>>(", code, StringComparison.Ordinal);
        Assert.Contains("ForwardV512<double, global::System.Runtime.Intrinsics.Vector512<double>, global::CnnGen.Generated.Vector512Ops<double>>(", code, StringComparison.Ordinal);
        Assert.Contains("ForwardV256<float, global::System.Runtime.Intrinsics.Vector128<float>, global::CnnGen.Generated.Vector128Ops<float>>(", code, StringComparison.Ordinal);
        Assert.Equal(2, CountOccurrences(code, "private static void Forward"));
    }

    [Fact]
    public void Column_phases_with_the_same_blocks_share_one_input_gradient_method()
    {
        string code = GenerateLayer("[Conv2D(16, stride: 16, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 192)]");

        // Stride 16 makes 16 × 16 phases; every column phase has one tap and no border, so one method per body serves
        // all of them, called from the phases' parameter tables rather than 256 written calls.
        Assert.Contains("the column phases ix mod 16 = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 (1 column taps)", code, StringComparison.Ordinal);
        Assert.DoesNotContain("InputGradientV512Columns1<", code, StringComparison.Ordinal);
        Assert.Contains("for (int c = 0; c < columnPhases.Length; c += 3)", code, StringComparison.Ordinal);
    }

    /// <summary>The code generated for a class that carries <paramref name="attribute"/> alone.</summary>
    private static string GenerateLayer(string attribute) => Generate($$"""
        using CnnGen;
        {{attribute}}
        public partial class Layer { }
        """);

    /// <summary>
    /// The code generated for <paramref name="attribute"/> on a class in a namespace, as the conv matrix declares its
    /// layers: the namespace indents the members one level deeper, which counts against the budget.
    /// </summary>
    private static string GenerateLayerInNamespace(string attribute) => Generate($$"""
        using CnnGen;
        namespace CnnGen.Generated.Tests.Conv;
        {{attribute}}
        public partial class Layer { }
        """);

    private static string Generate(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        return Assert.Single(run.Single.GeneratedSources).SourceText.ToString();
    }

    /// <summary>The repository's root: this source file lives in tests/CnnGen.Generators.Tests.</summary>
    private static string RepositoryFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
