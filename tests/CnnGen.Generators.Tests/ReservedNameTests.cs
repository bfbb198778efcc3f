using CnnGen.Generators.Parsing;
using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// CNN0012 must know every member name the generator adds, or a class named like one gets a compiler error (CS0542)
/// instead of the diagnostic. Rather than trust a list, these tests generate every kind of layer and a network that
/// uses every layer kind, and check each member the generated code declares against the reserved names.
/// </summary>
public class ReservedNameTests
{
    [Fact]
    public void Every_member_a_network_gets_is_a_reserved_network_name()
    {
        GeneratorRun run = GeneratorHarness.Run("""
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
            """);

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        string[] unreserved = DeclaredNames(run, "Everything").Where(name => !DeclarationValidator.IsReserved(name, DeclarationKind.Network)).ToArray();
        Assert.True(unreserved.Length == 0, string.Join(", ", unreserved));
    }

    [Theory]
    [InlineData("[Conv2D(f: 3, pad: 1, InputHeight = 6, InputWidth = 6, InputChannels = 2, Filters = 4)]")]
    [InlineData("[MaxPool2D(2, InputHeight = 6, InputWidth = 6, InputChannels = 2)]")]
    [InlineData("[AvgPool2D(2, InputHeight = 6, InputWidth = 6, InputChannels = 2)]")]
    [InlineData("[ZeroPad2D(1, InputHeight = 6, InputWidth = 6, InputChannels = 2)]")]
    [InlineData("[ReLU(InputChannels = 6)]")]
    [InlineData("[Flatten(InputHeight = 2, InputWidth = 3, InputChannels = 2)]")]
    [InlineData("[Dense(3, InputLength = 6)]")]
    [InlineData("[SoftmaxCrossEntropy(Classes = 6)]")]
    public void Every_member_a_layer_gets_is_a_reserved_layer_name(string attribute)
    {
        GeneratorRun run = GeneratorHarness.Run($"using CnnGen;\n{attribute}\npublic partial class Layer {{ }}\n");

        Assert.Empty(run.CompilerDiagnostics.Select(Snapshot.Describe));
        string[] unreserved = DeclaredNames(run, "Layer").Where(name => !DeclarationValidator.IsReserved(name, DeclarationKind.Layer)).ToArray();
        Assert.True(unreserved.Length == 0, string.Join(", ", unreserved));
    }

    /// <summary>
    /// The names of the members the generated code declares directly in the class (what a class name collides with). An
    /// explicit interface implementation (the layer contract's shape properties and their accessors) is left out: its name
    /// is qualified by the interface's, so no class name can collide with it.
    /// </summary>
    private static IEnumerable<string> DeclaredNames(GeneratorRun run, string className)
    {
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName(className)!;
        return type.GetMembers()
            .Where(member => !member.IsImplicitlyDeclared && member is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor })
            .Where(member => !IsExplicitInterfaceImplementation(member))
            .Select(member => member.Name)
            .Distinct();
    }

    private static bool IsExplicitInterfaceImplementation(ISymbol member) => member switch
    {
        IMethodSymbol method => method.ExplicitInterfaceImplementations.Length > 0,
        IPropertySymbol property => property.ExplicitInterfaceImplementations.Length > 0,
        IEventSymbol @event => @event.ExplicitInterfaceImplementations.Length > 0,
        _ => false,
    };
}
