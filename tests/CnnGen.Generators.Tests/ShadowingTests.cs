using CnnGen.Generators.Tests.Infrastructure;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Generated members live in the user's namespace, where the user's own types come before any using directive. A
/// project with types named like those the kernels use (Unsafe, Span, Vector512, Math, …) must still compile, so the
/// generated code names every framework type in full.
/// </summary>
public class ShadowingTests
{
    [Fact]
    public void Layers_and_networks_compile_beside_user_types_named_like_the_framework_types_they_use()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using CnnGen;
            namespace Shadowed
            {
                class Unsafe { } class MemoryMarshal { } class Span { } class ReadOnlySpan { } class Math { }
                class Vector512 { } class Vector256 { } class Vector128 { } class MethodImpl { } class MethodImplOptions { }
                class ArgumentException { } class ArrayPool { } class StreamingReLU { } class IVectorOps { }
                class StreamingActivations { } class TensorPrimitives { } class GlobalPooling { } class BatchNormalization { } class BatchNorm2DArguments { } class DropoutKernels { } class ResidualKernels { }

                [Conv2D(3, pad: 1, InputHeight = 6, InputWidth = 6, InputChannels = 3, Filters = 5)] public partial class Conv { }
                [Conv2D(3, stride: 16, InputHeight = 40, InputWidth = 40, InputChannels = 3, Filters = 8)] public partial class Strided { }
                [Conv2D(5, stride: 3, InputHeight = 17, InputWidth = 20, InputChannels = 29, Filters = 50)] public partial class Compacted { }
                [MaxPool2D(2, stride: 2, InputHeight = 4, InputWidth = 4, InputChannels = 3)] public partial class MaxPool { }
                [AvgPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 3)] public partial class AvgPool { }
                [ZeroPad2D(1, InputHeight = 2, InputWidth = 2, InputChannels = 3)] public partial class Padding { }
                [ReLU(InputHeight = 2, InputWidth = 2, InputChannels = 3)] public partial class Relu { }
                [Dense(5, InputLength = 3)] public partial class Fc { }
                [LeakyReLU(0.1, InputChannels = 3)] public partial class Leaky { }
                [Sigmoid(InputChannels = 3)] public partial class Logistic { }
                [GlobalAvgPool2D(InputHeight = 3, InputWidth = 3, InputChannels = 5)] public partial class Squeeze { }
                [GlobalMaxPool2D(InputHeight = 3, InputWidth = 3, InputChannels = 5)] public partial class Strongest { }
                [BatchNorm2D(InputHeight = 3, InputWidth = 3, InputChannels = 5)] public partial class Normalized { }
                [BatchNorm2D(InputHeight = 1, InputWidth = 2, InputChannels = 3000)] public partial class WideNormalized { }
                [Dropout(0.1, InputLength = 7)] public partial class Thinned { }

                [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
                [Shortcut("in")]
                [Conv2D(f: 3, pad: 1, Filters = 4)]
                [AddShortcut("in", Projection = true)]
                [ReLU]
                [MaxPool2D(2, stride: 2)]
                [GlobalAvgPool2D]
                [Flatten]
                [Dense(10)]
                [Dropout(0.2)]
                [Tanh]
                [SoftmaxCrossEntropy]
                public partial class Net { }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        string[] hints = run.Single.GeneratedSources.Select(source => source.HintName).ToArray();
        Assert.True(hints.Length == 26, string.Join(", ", hints)); // fifteen single layers, the network and its nine layers with kernels (the marker has none)
    }
}
