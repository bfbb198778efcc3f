using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Every generated layer, alone or nested in a network, implements its family's static-abstract interfaces of the
/// runtime library (the layer contract), for float and double: generic code constrained to them compiles against it,
/// its public static kernels implement the interface methods implicitly, and only the shape properties are explicit.
/// </summary>
public class LayerContractTests
{
    /// <summary>
    /// Generic code a user writes against the contract: one method per interface, calling every member of it (and of the
    /// interfaces it extends). Only compiled, never run, so the spans are empty.
    /// </summary>
    private const string Contract = """
        using System;
        using System.Numerics;
        using CnnGen;

        public static class Contract
        {
            public static int Shape<TLayer>() where TLayer : ILayerShape =>
                TLayer.InputHeight * TLayer.InputWidth * TLayer.InputChannels - TLayer.InputLength
                + TLayer.OutputHeight * TLayer.OutputWidth * TLayer.OutputChannels - TLayer.OutputLength;

            public static void Weighted<TLayer, T>() where TLayer : IWeightedLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default, default, default);
                TLayer.Backward(default, default, default, default, default, default);
                _ = Shape<TLayer>() + TLayer.WeightsLength + TLayer.BiasLength;
            }

            public static void ParallelWeighted<TLayer, T>(BatchParallel parallel) where TLayer : IParallelWeightedLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default, default, default, parallel);
                TLayer.Backward(default, default, default, default, default, default, parallel);
                Weighted<TLayer, T>();
            }

            public static void Unweighted<TLayer, T>() where TLayer : IUnweightedLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default);
                TLayer.Backward(default, default, default);
                _ = Shape<TLayer>();
            }

            public static void ParallelUnweighted<TLayer, T>(BatchParallel parallel) where TLayer : IParallelUnweightedLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default, parallel);
                TLayer.Backward(default, default, default, parallel);
                Unweighted<TLayer, T>();
            }

            public static void Reshaping<TLayer, T>() where TLayer : IReshapingLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default);
                TLayer.Backward(default, default);
                _ = Shape<TLayer>();
            }

            public static void ParallelReshaping<TLayer, T>(BatchParallel parallel) where TLayer : IParallelReshapingLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Forward(default, default, parallel);
                TLayer.Backward(default, default, parallel);
                Reshaping<TLayer, T>();
            }

            public static T Loss<TLayer, T>() where TLayer : ILossLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
            {
                TLayer.Softmax(default, default);
                TLayer.Backward(default, default, default);
                _ = Shape<TLayer>();
                return TLayer.Forward(default, default, default);
            }
        }
        """;

    public static TheoryData<string, string, string> Kinds() => new()
    {
        { "[Conv2D(f: 3, pad: 1, InputHeight = 6, InputWidth = 6, InputChannels = 2, Filters = 4)]", "IParallelWeightedLayer", "ParallelWeighted<Layer, {0}>(null!)" },
        { "[MaxPool2D(2, InputHeight = 6, InputWidth = 6, InputChannels = 2)]", "IParallelUnweightedLayer", "ParallelUnweighted<Layer, {0}>(null!)" },
        { "[AvgPool2D(2, InputHeight = 6, InputWidth = 6, InputChannels = 2)]", "IParallelUnweightedLayer", "ParallelUnweighted<Layer, {0}>(null!)" },
        { "[ZeroPad2D(1, InputHeight = 6, InputWidth = 6, InputChannels = 2)]", "IParallelReshapingLayer", "ParallelReshaping<Layer, {0}>(null!)" },
        { "[ReLU(InputChannels = 6)]", "IUnweightedLayer", "Unweighted<Layer, {0}>()" },
        { "[Flatten(InputHeight = 2, InputWidth = 3, InputChannels = 2)]", "IReshapingLayer", "Reshaping<Layer, {0}>()" },
        { "[Dense(3, InputLength = 6)]", "IWeightedLayer", "Weighted<Layer, {0}>()" },
        { "[SoftmaxCrossEntropy(Classes = 6)]", "ILossLayer", "Loss<Layer, {0}>()" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_layer_of_every_kind_is_usable_through_its_interfaces(string attribute, string family, string call)
    {
        GeneratorRun run = GeneratorHarness.Run(
            Contract,
            $$"""
            using CnnGen;
            {{attribute}}
            public partial class Layer { }

            public static class Uses
            {
                public static void Both()
                {
                    Contract.{{string.Format(System.Globalization.CultureInfo.InvariantCulture, call, "float")}};
                    Contract.{{string.Format(System.Globalization.CultureInfo.InvariantCulture, call, "double")}};
                }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        INamedTypeSymbol layer = run.Output.GetTypeByMetadataName("Layer")!;
        Assert.Equal(ExpectedInterfaces(family), InterfaceNames(layer));
        AssertImplementedByTheKernels(run.Output, layer, family);
    }

    [Fact]
    public void Every_layer_nested_in_a_network_is_usable_through_its_interfaces()
    {
        // The nested layer classes are private, so the generic calls sit in another partial declaration of the network. A
        // float network's layers are emitted for float alone, the one type the network computes in.
        GeneratorRun run = GeneratorHarness.Run(
            Contract,
            """
            using CnnGen;
            [Network(InputHeight = 8, InputWidth = 8, InputChannels = 2)]
            [ZeroPad2D(1)]
            [Conv2D(f: 3, Filters = 4)]
            [ReLU]
            [MaxPool2D(2, stride: 2)]
            [AvgPool2D(1)]
            [Flatten]
            [Dense(5)]
            [SoftmaxCrossEntropy]
            public partial class Everything { }

            public partial class Everything
            {
                internal static void UseLayers(BatchParallel parallel)
                {
                    Contract.ParallelReshaping<Layer1ZeroPad2D, float>(parallel);
                    Contract.ParallelWeighted<Layer2Conv2D, float>(parallel);
                    Contract.Unweighted<Layer3ReLU, float>();
                    Contract.ParallelUnweighted<Layer4MaxPool2D, float>(parallel);
                    Contract.ParallelUnweighted<Layer5AvgPool2D, float>(parallel);
                    Contract.Reshaping<Layer6Flatten, float>();
                    Contract.Weighted<Layer7Dense, float>();
                    _ = Contract.Loss<Layer8SoftmaxCrossEntropy, float>();
                }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        (string Name, string Family)[] layers =
        [
            ("Layer1ZeroPad2D", "IParallelReshapingLayer"), ("Layer2Conv2D", "IParallelWeightedLayer"), ("Layer3ReLU", "IUnweightedLayer"),
            ("Layer4MaxPool2D", "IParallelUnweightedLayer"), ("Layer5AvgPool2D", "IParallelUnweightedLayer"), ("Layer6Flatten", "IReshapingLayer"),
            ("Layer7Dense", "IWeightedLayer"), ("Layer8SoftmaxCrossEntropy", "ILossLayer"),
        ];
        foreach ((string name, string family) in layers)
        {
            INamedTypeSymbol layer = run.Output.GetTypeByMetadataName("Everything+" + name)!;
            Assert.Equal(ExpectedInterfaces(family, "float"), InterfaceNames(layer));
            AssertImplementedByTheKernels(run.Output, layer, family, SpecialType.System_Single);
            Assert.DoesNotContain(layer.GetMembers("Forward"), m => m.ToDisplayString().Contains("double", StringComparison.Ordinal));
        }

        // The network itself is no layer: it stays IDisposable only.
        Assert.Equal(["System.IDisposable"], InterfaceNames(run.Output.GetTypeByMetadataName("Everything")!));
    }

    [Fact]
    public void Record_layers_and_classes_that_list_the_interfaces_themselves_implement_the_contract()
    {
        GeneratorRun run = GeneratorHarness.Run(
            Contract,
            """
            using CnnGen;
            [ReLU(InputChannels = 4)] public partial record Activation;
            [Dense(3, InputLength = 4)] public partial record class Fc(int Tag);
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)] public partial class Listed : IUnweightedLayer<float>, ILayerShape { }

            public static class Uses
            {
                public static void All()
                {
                    Contract.Unweighted<Activation, float>();
                    Contract.Weighted<Fc, double>();
                    Contract.ParallelUnweighted<Listed, float>(null!);
                }
            }
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        AssertImplementedByTheKernels(run.Output, run.Output.GetTypeByMetadataName("Activation")!, "IUnweightedLayer");
        AssertImplementedByTheKernels(run.Output, run.Output.GetTypeByMetadataName("Fc")!, "IWeightedLayer");
        AssertImplementedByTheKernels(run.Output, run.Output.GetTypeByMetadataName("Listed")!, "IParallelUnweightedLayer");
    }

    [Fact]
    public void A_static_layer_class_gets_its_kernels_without_the_interfaces_it_could_not_implement()
    {
        GeneratorRun run = GeneratorHarness.Run(
            """
            using CnnGen;
            [MaxPool2D(2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
            public static partial class StaticPool { }

            public static class Uses
            {
                public static void Call(float[] input, float[] output) => StaticPool.Forward(input, output);
            }
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        INamedTypeSymbol layer = run.Output.GetTypeByMetadataName("StaticPool")!;
        Assert.Empty(layer.AllInterfaces);
        Assert.Contains(layer.GetMembers("OutputLength"), member => member is IFieldSymbol { IsConst: true });
        string code = Assert.Single(run.Single.GeneratedSources).SourceText.ToString();
        Assert.DoesNotContain("global::CnnGen.I", code, StringComparison.Ordinal);
    }

    /// <summary>The interfaces a layer of <paramref name="family"/> implements, with those they extend, sorted.</summary>
    private static string[] ExpectedInterfaces(string family, params string[] elements)
    {
        var names = new List<string> { "CnnGen.ILayerShape" };
        foreach (string element in elements.Length == 0 ? ["float", "double"] : elements)
        {
            names.Add($"CnnGen.{family}<{element}>");
            if (family.StartsWith("IParallel", StringComparison.Ordinal))
            {
                names.Add($"CnnGen.I{family["IParallel".Length..]}<{element}>");
            }
        }

        if (family.Contains("Weighted", StringComparison.Ordinal) && !family.Contains("Unweighted", StringComparison.Ordinal))
        {
            names.Add("CnnGen.IWeightedLayerShape");
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static string[] InterfaceNames(INamedTypeSymbol type) =>
        [.. type.AllInterfaces.Select(i => i.ToDisplayString()).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every method of <paramref name="family"/>'s interfaces (for float and double, and those they extend) is implemented
    /// implicitly by the layer's own public static method of that name, and every property explicitly by a member of the layer.
    /// </summary>
    private static void AssertImplementedByTheKernels(Compilation compilation, INamedTypeSymbol layer, string family, params SpecialType[] elements)
    {
        INamedTypeSymbol definition = compilation.GetTypeByMetadataName($"CnnGen.{family}`1")!;
        foreach (SpecialType element in elements.Length == 0 ? [SpecialType.System_Single, SpecialType.System_Double] : elements)
        {
            INamedTypeSymbol contract = definition.Construct(compilation.GetSpecialType(element));
            foreach (INamedTypeSymbol implemented in contract.AllInterfaces.Prepend(contract))
            {
                foreach (ISymbol member in implemented.GetMembers())
                {
                    ISymbol? implementation = layer.FindImplementationForInterfaceMember(member);
                    string what = $"{layer.Name}: {member.ToDisplayString()}";
                    Assert.True(implementation is not null, what + " is not implemented");
                    Assert.True(SymbolEqualityComparer.Default.Equals(implementation!.ContainingType, layer), what + " is implemented elsewhere");
                    switch (member)
                    {
                        case IMethodSymbol { MethodKind: MethodKind.Ordinary }:
                            Assert.True(
                                implementation is IMethodSymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public, ExplicitInterfaceImplementations.Length: 0 }
                                && implementation.Name == member.Name,
                                what + " is not implemented by the layer's public static method");
                            break;
                        case IPropertySymbol:
                            Assert.True(
                                implementation is IPropertySymbol { IsStatic: true, ExplicitInterfaceImplementations.Length: 1 },
                                what + " is not implemented explicitly");
                            break;
                    }
                }
            }
        }
    }
}
