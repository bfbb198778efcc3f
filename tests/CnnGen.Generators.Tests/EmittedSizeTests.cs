using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// What the generator writes for layers whose size once grew with their channel count: the input gradient of a layer
/// with few input channels sums the output channels in vector lanes, and beyond a few chunks it loops over them instead
/// of writing each chunk out.
/// </summary>
public class EmittedSizeTests
{
    private const string RgbStem = """
        using CnnGen;
        [Conv2D(7, stride: 2, pad: 3, InputHeight = 224, InputWidth = 224, InputChannels = 3, Filters = 64)]
        public partial class Stem { }
        """;

    [Fact]
    public void An_RGB_stem_loops_over_its_output_channels_in_the_input_gradient()
    {
        GeneratorRun run = GeneratorHarness.Run(RgbStem);
        string code = Assert.Single(run.Single.GeneratedSources).SourceText.ToString();

        // 64 float channels: 16 Vector128, 8 Vector256 or 4 Vector512 chunks per tap; the first two tiers loop.
        Assert.Contains("for (nint kc = 0; kc < 64; kc += ", code, StringComparison.Ordinal);
        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));

        // It was 7.6 MB with every chunk written out; the rest of the way to the 150 KB is still open.
        Assert.True(code.Length < 3_600_000, $"{code.Length} characters");
    }
}
