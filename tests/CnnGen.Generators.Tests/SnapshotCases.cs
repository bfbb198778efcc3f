namespace CnnGen.Generators.Tests;

/// <summary>The declarations the snapshot and compile tests run the generator on, by name.</summary>
public static class SnapshotCases
{
    /// <summary>Layers that are valid: they generate code (and at most a warning or info).</summary>
    public static readonly IReadOnlyDictionary<string, string> Valid = new Dictionary<string, string>
    {
        ["SeedConv"] = """
            namespace Notebook;

            [CnnGen.Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 5, InputWidth = 7, InputChannels = 4, Filters = 8)]
            public partial class SeedConv { }
            """,
        // A whole network without convolutions (whose kernels have snapshots of their own): every network member,
        // the nested ReLU, Flatten, Dense and loss kernels, and a pool. DigitsNet itself is compiled and run by
        // CnnGen.Generated.Tests and the Digits sample.
        ["PoolDenseNet"] = """
            using CnnGen;

            namespace Digits;

            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 2, Precision = NetworkPrecision.Double)]
            [MaxPool2D(f: 2, stride: 2)]
            [Flatten]
            [Dense(20)]
            [ReLU]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class PoolDenseNet { }
            """,
        ["SeedMaxPoolStride2"] = """
            namespace Notebook;

            [CnnGen.MaxPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
            public partial class SeedMaxPool { }
            """,
        ["SeedMaxPoolStride1"] = """
            namespace Notebook;

            [CnnGen.MaxPool2D(3, 1, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
            public partial class SeedMaxPoolStride1 { }
            """,
        ["SeedAvgPoolStride2"] = """
            namespace Notebook;

            [CnnGen.AvgPool2D(f: 3, stride: 2, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
            public partial class SeedAvgPool { }
            """,
        ["SeedAvgPoolStride1"] = """
            namespace Notebook;

            [CnnGen.AvgPool2D(3, InputHeight = 5, InputWidth = 5, InputChannels = 3)]
            public partial class SeedAvgPoolStride1 { }
            """,
        ["ZeroPad"] = """
            namespace Notebook;

            [CnnGen.ZeroPad2D(2, InputHeight = 5, InputWidth = 7, InputChannels = 4)]
            public partial class SeedZeroPad { }
            """,
        ["ZeroPadNone"] = """
            using CnnGen;

            namespace Layers
            {
                [ZeroPad2D(pad: 0, InputHeight = 4, InputWidth = 4, InputChannels = 8)]
                internal sealed partial class Identity { }
            }
            """,
        ["ZeroPadTall"] = """
            using CnnGen;

            [ZeroPad2D(1, InputHeight = 32, InputWidth = 32, InputChannels = 1)]
            public partial class TallPadInGlobalNamespace { }
            """,
        ["MaxPoolLargeWindowLoops"] = """
            using CnnGen;

            namespace Layers;

            [MaxPool2D(5, 5, InputHeight = 20, InputWidth = 20, InputChannels = 64)]
            public static partial class BigMaxPool { }
            """,
        ["AvgPoolOneChannel"] = """
            using CnnGen;

            namespace Layers;

            [AvgPool2D(2, 2, InputHeight = 6, InputWidth = 6, InputChannels = 1)]
            public partial class OneChannel { }
            """,
        ["NestedAndRecord"] = """
            using CnnGen;

            namespace Outer.Inner
            {
                public partial class Network
                {
                    internal partial record Stage
                    {
                        [MaxPool2D(2, 2, InputHeight = 4, InputWidth = 4, InputChannels = 2)]
                        private sealed partial class Pool { }
                    }
                }
            }
            """,
        ["SameNameInTwoNamespaces"] = """
            using CnnGen;

            namespace A { [MaxPool2D(2, 2, InputHeight = 4, InputWidth = 4, InputChannels = 2)] public partial class Pool { } }
            namespace B { [AvgPool2D(2, 2, InputHeight = 4, InputWidth = 4, InputChannels = 2)] public partial class Pool { } }
            """,
        ["NamesThatCollideIgnoringCaseOrEscapes"] = """
            using CnnGen;

            namespace @int
            {
                [ReLU(InputChannels = 4)] public partial class Pool { }
                [ReLU(InputChannels = 5)] public partial class @pool { }
                [ReLU(InputChannels = 6)] public partial class @class { }
                [ReLU(InputChannels = 7)] public partial class _class { }
                [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
                [Flatten]
                [SoftmaxCrossEntropy]
                public partial class N
                {
                    [ReLU(InputChannels = 8)] public partial class Network { }
                }
            }
            """,
        ["Activations"] = """
            using CnnGen;
            namespace Layers;
            [ReLU6(InputHeight = 2, InputWidth = 3, InputChannels = 5)] public partial class Clipped { }
            [LeakyReLU(0.125, InputChannels = 7)] public partial class Leaky { }
            [Sigmoid(InputChannels = 3)] public partial class Logistic { }
            [Tanh(InputHeight = 4, InputWidth = 4, InputChannels = 2)] public partial class Hyperbolic { }
            """,
        ["GlobalPooling"] = """
            using CnnGen;
            namespace Layers;
            [GlobalAvgPool2D(InputHeight = 7, InputWidth = 7, InputChannels = 20)] public partial class Average { }
            [GlobalMaxPool2D(InputHeight = 3, InputWidth = 5, InputChannels = 3)] public partial class Maximum { }
            """,
        ["BatchNorm"] = """
            using CnnGen;
            namespace Layers;
            [BatchNorm2D(InputHeight = 4, InputWidth = 4, InputChannels = 6)] public partial class Normalized { }
            [BatchNorm2D(Epsilon = 1e-3, Momentum = 0.01, InputHeight = 2, InputWidth = 2, InputChannels = 1100)] public partial class Wide { }
            """,
        // A network with batch normalization: the training/evaluation calls, the running statistics, save and load with them.
        ["BatchNormNet"] = """
            using CnnGen;
            namespace Models;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Conv2D(f: 3, pad: 1, Filters = 2, Bias = false)]
            [BatchNorm2D]
            [ReLU]
            [GlobalAvgPool2D]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class NormalizedNet { }
            """,
        ["Dropout"] = """
            using CnnGen;
            namespace Layers;
            [Dropout(0.2, InputHeight = 2, InputWidth = 2, InputChannels = 3)] public partial class Thinned { }
            [Dropout(InputLength = 10)] public partial class Halved { }
            """,
        // A basic block with an identity shortcut, then one with a projection.
        ["ResidualNet"] = """
            using CnnGen;
            namespace Models;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2)]
            [Shortcut("a")]
            [Conv2D(f: 3, pad: 1, Filters = 2, Bias = false)]
            [BatchNorm2D]
            [ReLU]
            [AddShortcut("a")]
            [Shortcut("b")]
            [Conv2D(f: 3, stride: 2, pad: 1, Filters = 4, Bias = false)]
            [AddShortcut("b", Projection = true)]
            [GlobalAvgPool2D]
            [Dense(3)]
            [SoftmaxCrossEntropy]
            public partial class ResidualNet { }
            """,
        ["ConvWithoutBias"] = """
            namespace Layers;
            [CnnGen.Conv2D(f: 3, pad: 1, Bias = false, InputHeight = 4, InputWidth = 5, InputChannels = 3, Filters = 4)]
            public partial class Unbiased { }
            """,
        ["LayersOfEveryKindOnRecords"] = """
            using CnnGen;
            [ReLU(InputChannels = 4)] public partial record Activation;
            [Dense(3, InputLength = 4)] public partial record Fc(int Tag);
            [ZeroPad2D(1, InputHeight = 2, InputWidth = 2, InputChannels = 1)] public partial record class Padding;
            """,
    };

    /// <summary>Declarations that draw a diagnostic, keyed by what they show.</summary>
    public static readonly IReadOnlyDictionary<string, string> Diagnostics = new Dictionary<string, string>
    {
        ["CNN0001_NotPartial"] = """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public class NotPartial { }
            """,
        ["CNN0001_ContainingTypeNotPartial"] = """
            using CnnGen;
            public class Outer
            {
                [AvgPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
                public partial class Inner { }
            }
            """,
        // Networks get the same declaration checks as layers, at the [Network] attribute, and generate nothing.
        ["CNN0001_NetworkNotPartial"] = """
            using CnnGen;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public class PlainNet { }
            """,
        ["CNN0001_NetworkInNonPartialType"] = """
            using CnnGen;
            public class Models
            {
                [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
                [Flatten]
                [SoftmaxCrossEntropy]
                public partial class Net { }
            }
            """,
        // The layers networks brought get them too when they stand alone.
        ["CNN0001_SingleLayerNotPartial"] = """
            using CnnGen;
            [ReLU(InputChannels = 8)]
            public class PlainReLU { }
            """,
        ["CNN0002_Generic"] = """
            using CnnGen;
            [ZeroPad2D(1, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class Generic<T> { }
            """,
        ["CNN0002_GenericNetwork"] = """
            using CnnGen;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class GenericNet<T> { }
            public partial class Holder<T>
            {
                [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
                [Flatten]
                [SoftmaxCrossEntropy]
                public partial class InnerNet { }
            }
            """,
        ["CNN0003_FilterAndStrideBelowOne"] = """
            using CnnGen;
            [Conv2D(0, stride: -2, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = 2)]
            public partial class BadWindow { }
            """,
        ["CNN0004_NegativePad"] = """
            using CnnGen;
            [ZeroPad2D(-1, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class NegativePad { }
            [Conv2D(3, 1, -2, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = 2)]
            public partial class NegativeConvPad { }
            """,
        ["CNN0005_InputDimensions"] = """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 0, InputChannels = -3)]
            public partial class NoInput { }
            """,
        ["CNN0006_Filters"] = """
            using CnnGen;
            [Conv2D(3, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class NoFilters { }
            [Conv2D(3, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = -1)]
            public partial class NegativeFilters { }
            """,
        ["CNN0007_WindowLargerThanInput"] = """
            using CnnGen;
            [AvgPool2D(f: 6, InputHeight = 5, InputWidth = 9, InputChannels = 1)]
            public partial class TooBig { }
            [Conv2D(f: 8, pad: 1, InputHeight = 5, InputWidth = 5, InputChannels = 1, Filters = 1)]
            public partial class TooBigEvenPadded { }
            """,
        ["CNN0008_LengthOverflow"] = """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 65536, InputWidth = 65536, InputChannels = 2)]
            public partial class Huge { }
            [Conv2D(3, InputHeight = 8, InputWidth = 8, InputChannels = 50000, Filters = 50000)]
            public partial class HugeWeights { }
            [ZeroPad2D(int.MaxValue, InputHeight = 1, InputWidth = 1, InputChannels = 1)]
            public partial class HugePad { }
            """,
        ["CNN0009_PadNotSmallerThanFilter"] = """
            using CnnGen;
            [Conv2D(2, 1, 2, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = 1)]
            public partial class MostlyPadding { }
            """,
        ["CNN0010_StrideDropsInput"] = """
            using CnnGen;
            [MaxPool2D(3, stride: 2, InputHeight = 6, InputWidth = 6, InputChannels = 1)]
            public partial class DropsRowAndColumn { }
            [AvgPool2D(2, stride: 3, InputHeight = 7, InputWidth = 9, InputChannels = 1)]
            public partial class DropsDifferently { }
            """,
        ["CNN0011_SeveralLayers"] = """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [AvgPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [MaxPool2D(3, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class TwoLayers { }
            """,
        ["CNN0011_SeveralLayersOfAnyKind"] = """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [ReLU]
            public partial class PoolAndActivation { }
            [Conv2D(3, InputHeight = 4, InputWidth = 4, InputChannels = 1, Filters = 2)]
            [Flatten]
            public partial class ConvAndFlatten { }
            [ReLU(InputChannels = 4)]
            [Dense(2, InputLength = 4)]
            public partial class ActivationAndDense { }
            [ReLU(InputChannels = 4)]
            [ReLU(InputChannels = 4)]
            public partial class TwiceActivated { }
            """,
        ["CNN0011_LayersOnTwoPartialDeclarations"] = """
            using CnnGen;
            [ReLU(InputChannels = 4)]
            public partial class Split { }
            [ReLU(InputChannels = 4)]
            public partial class Split { }
            """,
        ["CNN0012_NameCollidesWithMember"] = """
            using CnnGen;
            [ZeroPad2D(1, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class Pad { }
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class Forward { }
            """,
        ["CNN0012_NetworkNamedLikeMember"] = """
            using CnnGen;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class Predict { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class Layer2OutputLength { }
            [Dense(4, InputLength = 8)]
            public partial class Units { }
            """,
        ["CNN0013_NotAClass"] = """
            using CnnGen;
            [ReLU(InputChannels = 4)] public partial struct ActivationStruct { }
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)] public partial record struct PoolRecordStruct;
            [Dense(2, InputLength = 4)] public partial interface IDense { }
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial struct NetStruct { }
            """,
        ["CNN0014_RecordNetwork"] = """
            using CnnGen;
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial record RecordNet;
            """,
        ["CNN0008_LengthOverflowInNetworksAndSingleLayers"] = """
            using CnnGen;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [ZeroPad2D(int.MaxValue)]
            [Flatten]
            [Dense(10)]
            [SoftmaxCrossEntropy]
            public partial class PaddedBeyondInt { }
            [Network(InputHeight = 64, InputWidth = 64, InputChannels = 64)]
            [Flatten]
            [Dense(100000)]
            [SoftmaxCrossEntropy]
            public partial class WeightsBeyondInt { }
            [Network(InputHeight = 1, InputWidth = 1, InputChannels = 1)]
            [Dense(1500000000)]
            [Dense(1)]
            [SoftmaxCrossEntropy]
            public partial class ParametersBeyondInt { }
            [Dense(100000, InputLength = 100000)]
            public partial class WrappedWeights { }
            [Dense(int.MaxValue, InputLength = 2)]
            public partial class MaximalUnits { }
            [ReLU(InputHeight = 65536, InputWidth = 65536, InputChannels = 1)]
            public partial class HugeActivation { }
            """,
        ["CNN0105_UnknownPrecision"] = """
            using CnnGen;
            [Network(InputHeight = 2, InputWidth = 2, InputChannels = 1, Precision = (NetworkPrecision)7)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class SevenBytes { }
            """,
        ["CNN0100_EmptyNetwork"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            public partial class Empty { }
            """,
        ["CNN0101_LayerAfterLoss"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            [Dense(10)]
            public partial class AfterLoss { }
            """,
        ["CNN0102_MissingLoss"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Flatten]
            [Dense(10)]
            public partial class NoLoss { }
            """,
        ["CNN0103_ShapeCollapses"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Conv2D(f: 5, Filters = 4)]
            [Conv2D(f: 5, Filters = 4)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class Collapses { }
            """,
        ["CNN0104_ShapeDisagrees"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Conv2D(f: 3, pad: 1, Filters = 16)]
            [ReLU(InputChannels = 3)]
            [Dense(10, InputLength = 1024)]
            [SoftmaxCrossEntropy(Classes = 10)]
            public partial class Disagrees { }
            """,
        ["CNN0105_InvalidArgument"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [MaxPool2D(f: 2, stride: 0)]
            [Dense(0)]
            [SoftmaxCrossEntropy]
            public partial class OutOfRange { }
            """,
        ["CNN0105_SlopeNotFinite"] = """
            using CnnGen;
            [LeakyReLU(double.NaN, InputChannels = 4)]
            public partial class NaNSlope { }
            [LeakyReLU(1e300, InputChannels = 4)]
            public partial class BeyondFloat { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [LeakyReLU(slope: double.PositiveInfinity)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class InfiniteSlope { }
            """,
        ["CNN0105_DropoutRate"] = """
            using CnnGen;
            [Dropout(1.0, InputLength = 4)]
            public partial class DropsEverything { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            [Flatten]
            [Dropout(rate: -0.5)]
            [SoftmaxCrossEntropy]
            public partial class NegativeRate { }
            """,
        ["CNN0108_ShortcutNames"] = """
            using CnnGen;
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), Shortcut("a"), Shortcut("a"), Flatten, SoftmaxCrossEntropy]
            public partial class Repeated { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), AddShortcut("b"), Shortcut("b"), Flatten, SoftmaxCrossEntropy]
            public partial class UsedBeforeDeclared { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), Shortcut("c"), AddShortcut("c"), AddShortcut("c"), Flatten, SoftmaxCrossEntropy]
            public partial class AddedTwice { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), Shortcut(""), Flatten, SoftmaxCrossEntropy]
            public partial class Unnamed { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), Shortcut("never"), Flatten, SoftmaxCrossEntropy]
            public partial class NeverAdded { }
            [Network(InputHeight = 4, InputWidth = 4, InputChannels = 2), Shortcut("a \" | b\n"), Flatten, SoftmaxCrossEntropy]
            public partial class Quoted { }
            [Shortcut("alone")]
            public partial class NotANetwork { }
            """,
        ["CNN0109_ShortcutShapes"] = """
            using CnnGen;
            [Network(InputHeight = 6, InputWidth = 6, InputChannels = 2)]
            [Shortcut("same")]
            [Conv2D(f: 3, stride: 2, pad: 1, Filters = 4)]
            [AddShortcut("same")]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class NeedsProjection { }
            [Network(InputHeight = 6, InputWidth = 6, InputChannels = 2)]
            [Shortcut("grows")]
            [ZeroPad2D(1)]
            [AddShortcut("grows", Projection = true)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class NoStride { }
            """,
        ["CNN0106_GlobalPoolWithoutShape"] = """
            using CnnGen;
            [GlobalAvgPool2D(InputHeight = 7, InputWidth = 7)]
            public partial class NoChannels { }
            [GlobalMaxPool2D(InputHeight = 0, InputWidth = 7, InputChannels = 3)]
            public partial class NoRows { }
            """,
        ["CNN0105_BatchNormConstants"] = """
            using CnnGen;
            [BatchNorm2D(Epsilon = 0, InputChannels = 4)]
            public partial class ZeroEpsilon { }
            [BatchNorm2D(Epsilon = 1e-60, Momentum = 1.5, InputChannels = 4)]
            public partial class BelowFloatAndTooMuchMomentum { }
            [BatchNorm2D(Momentum = double.NaN, InputHeight = 2, InputWidth = 2, InputChannels = 4)]
            public partial class NaNMomentum { }
            """,
        ["CNN0106_MissingArgument"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Conv2D(f: 3)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public partial class NoFilters { }
            [Dense(10)]
            public partial class DenseWithoutInput { }
            """,
        ["CNN0107_StaticNetwork"] = """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 1)]
            [Flatten]
            [SoftmaxCrossEntropy]
            public static partial class StaticNet { }
            """,
        ["MalformedAttributeLeftToTheCompiler"] = """
            using CnnGen;
            [MaxPool2D("three", InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public partial class WrongType { }
            """,
    };

    public static TheoryData<string> ValidNames() => Names(Valid);

    public static TheoryData<string> DiagnosticNames() => Names(Diagnostics);

    public static TheoryData<string> AllNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in Valid.Keys.Concat(Diagnostics.Keys))
        {
            data.Add(name);
        }

        return data;
    }

    public static string Source(string name) => Valid.TryGetValue(name, out string? source) ? source : Diagnostics[name];

    private static TheoryData<string> Names(IReadOnlyDictionary<string, string> cases)
    {
        var data = new TheoryData<string>();
        foreach (string name in cases.Keys)
        {
            data.Add(name);
        }

        return data;
    }
}
