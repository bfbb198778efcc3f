using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests.Network;

public class NetworkDiagnosticsTests
{
    private const string Input = "[Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]";

    [Fact]
    public void The_digits_network_generates_code_that_compiles_without_diagnostics()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Conv2D(f: 3, pad: 1, Filters = 16)]
            [ReLU]
            [MaxPool2D(f: 2, stride: 2)]
            [Conv2D(f: 3, pad: 1, Filters = 32)]
            [ReLU]
            [MaxPool2D(f: 2, stride: 2)]
            [Flatten]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class DigitsNet { }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        string code = result.GeneratedFiles["DigitsNet.14.g.cs"];
        Assert.Contains("public const int ParameterCount = 6090;", code, StringComparison.Ordinal);
        Assert.Contains("public float TrainStep(", code, StringComparison.Ordinal);
        Assert.DoesNotContain("private sealed class Layer", code, StringComparison.Ordinal);

        // Each layer's nested class is in a file of its own, a partial declaration of the network; the single-layer
        // pipelines leave a [Network] class alone (no file per layer attribute besides these).
        Assert.Contains("private sealed class Layer1Conv2D : global::CnnGen.IParallelWeightedLayer<float>\n", result.GeneratedFiles["DigitsNet.14.Layer1Conv2D.g.cs"], StringComparison.Ordinal);
        Assert.Contains("private sealed class Layer8Dense : global::CnnGen.IWeightedLayer<float>\n", result.GeneratedFiles["DigitsNet.14.Layer8Dense.g.cs"], StringComparison.Ordinal);
        string[] layerFiles = ["Conv2D", "ReLU", "MaxPool2D", "Conv2D", "ReLU", "MaxPool2D", "Flatten", "Dense", "SoftmaxCrossEntropy"];
        Assert.Equal(
            layerFiles.Select((kind, i) => $"DigitsNet.14.Layer{i + 1}{kind}.g.cs").Append("DigitsNet.14.g.cs").Order(StringComparer.Ordinal),
            result.GeneratedFiles.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Layers_follow_the_source_order_and_double_precision_is_honoured()
    {
        var result = NetworkGeneratorHarness.Run("""
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2, Precision = NetworkPrecision.Double), Dense(5)]
            [ReLU, Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class Tiny { }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        Assert.Equal(5, result.GeneratedFiles.Count); // the network's file and one per layer
        string code = result.GeneratedFiles["Tiny.1.g.cs"];
        Assert.Contains("public const string Architecture = \"cnngen-network v1 | in 4x4x2 | dense -> 1x1x5 | relu -> 1x1x5 | dense -> 1x1x3 | softmax-ce -> 1x1x3\";", code, StringComparison.Ordinal);
        Assert.Contains("public double TrainStep(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Dense_after_a_spatial_layer_flattens_implicitly()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Conv2D(f: 3, Filters = 4)]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class NoFlatten { }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        // The layer's constants are declared in its own file, beside its kernels.
        Assert.Contains("public const int Layer2WeightsLength = 1440;", result.GeneratedFiles["NoFlatten.5.Layer2Dense.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_network_is_an_error_at_the_network_attribute()
    {
        var result = NetworkGeneratorHarness.Run(Input + "\npublic partial class Empty { }");
        Diagnostic d = result.Single("CNN0100");
        AssertError(d);
        Assert.StartsWith("Network(", result.TextAt(d), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedFiles);
    }

    [Fact]
    public void A_layer_after_the_loss_is_an_error_at_that_layer()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Flatten]
            [SoftmaxCrossEntropy]
            [Dense(10)]
            public partial class AfterLoss { }
            """);
        Diagnostic d = result.Single("CNN0101");
        AssertError(d);
        Assert.Equal("Dense(10)", result.TextAt(d));
        Assert.Empty(result.GeneratedFiles);
    }

    [Fact]
    public void A_network_without_a_loss_is_an_error_at_the_network_attribute()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Flatten]
            [Dense(10)]
            public partial class NoLoss { }
            """);
        Diagnostic d = result.Single("CNN0102");
        AssertError(d);
        Assert.StartsWith("Network(", result.TextAt(d), StringComparison.Ordinal);
        Assert.Contains("[Dense]", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_that_reaches_zero_is_an_error_at_the_layer_that_empties_it()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [MaxPool2D(f: 2, stride: 2)]
            [MaxPool2D(f: 2, stride: 2)]
            [MaxPool2D(f: 2, stride: 2)]
            [MaxPool2D(f: 2, stride: 2)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class Shrinks { }
            """);
        Diagnostic d = result.Single("CNN0103");
        AssertError(d);
        Assert.Equal("MaxPool2D(f: 2, stride: 2)", result.TextAt(d));
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line); // the fourth pool: 1 line of usings, the network, then pools 1 to 4
    }

    [Fact]
    public void A_stated_input_shape_that_disagrees_is_an_error_at_the_argument()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Conv2D(f: 3, pad: 1, Filters = 16)]
            [ReLU(InputHeight = 8, InputWidth = 8, InputChannels = 3)]
            [Flatten]
            [Dense(10, InputLength = 1024)]
            [SoftmaxCrossEntropy(Classes = 10)]
            public partial class Disagrees { }
            """);
        Diagnostic d = result.Single("CNN0104");
        AssertError(d);
        Assert.Equal("InputChannels = 3", result.TextAt(d));
        Assert.Contains("8×8×16", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_out_of_range_is_an_error_at_the_argument()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Flatten]
            [Dense(0)]
            [SoftmaxCrossEntropy]
            public partial class ZeroUnits { }
            """);
        Diagnostic d = result.Single("CNN0105");
        AssertError(d);
        Assert.Equal("0", result.TextAt(d));
    }

    [Fact]
    public void A_missing_argument_is_an_error_at_the_layer()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Conv2D(f: 3)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class NoFilters { }
            """);
        Diagnostic d = result.Single("CNN0106");
        AssertError(d);
        Assert.Equal("Conv2D(f: 3)", result.TextAt(d));
    }

    [Fact]
    public void A_network_input_without_channels_is_an_error_at_the_network_attribute()
    {
        var result = NetworkGeneratorHarness.Run("""
            [Network(InputHeight = 8, InputWidth = 8)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class NoChannels { }
            """);
        Diagnostic d = result.Single("CNN0106");
        Assert.StartsWith("Network(", result.TextAt(d), StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_network_class_is_an_error()
    {
        var result = NetworkGeneratorHarness.Run(Input + """

            [Flatten]
            [SoftmaxCrossEntropy]
            public static partial class Static { }
            """);
        Diagnostic d = result.Single("CNN0107");
        AssertError(d);
        Assert.StartsWith("Network(", result.TextAt(d), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_dense_layer_without_an_input_shape_is_an_error()
    {
        var result = NetworkGeneratorHarness.Run("[Dense(10)] public partial class Lonely { }");
        Diagnostic d = result.Single("CNN0106");
        AssertError(d);
        Assert.Equal("Dense(10)", result.TextAt(d));
    }

    [Fact]
    public void Single_new_layers_generate_code_that_compiles()
    {
        var result = NetworkGeneratorHarness.Run("""
            [ReLU(InputHeight = 3, InputWidth = 3, InputChannels = 2)] public partial class R { }
            [Flatten(InputHeight = 3, InputWidth = 3, InputChannels = 2)] public partial class F { }
            [Dense(7, InputLength = 18)] public partial class D { }
            [SoftmaxCrossEntropy(Classes = 7)] public partial class S { }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        Assert.Equal(4, result.GeneratedFiles.Count);
    }

    private static void AssertError(Diagnostic diagnostic)
    {
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("User.cs", diagnostic.Location.GetLineSpan().Path);
    }
}
