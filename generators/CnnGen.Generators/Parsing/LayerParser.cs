using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>Turns a layer attribute on a class into a layer spec (the first and only step that sees Roslyn symbols).</summary>
    internal static class LayerParser
    {
        public static LayerSpec? Parse(GeneratorAttributeSyntaxContext context, LayerKind kind)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.TargetNode is not TypeDeclarationSyntax declaration
                || context.Attributes.Length == 0
                || Network.NetworkParser.IsNetwork(type))
            {
                // A [Network] class's layer attributes belong to the network pipeline.
                return null;
            }

            var arguments = new AttributeArguments(context.Attributes[0]);
            TargetTypeSpec target = TargetTypeParser.Parse(type, declaration);
            var input = new FeatureMapShape(
                arguments.Named("InputHeight", 0),
                arguments.Named("InputWidth", 0),
                arguments.Named("InputChannels", 0));

            return kind switch
            {
                LayerKind.Conv2D => new Conv2DSpec(
                    target,
                    input,
                    arguments.Named("Filters", 0),
                    arguments.Constructor("f", 0),
                    arguments.Constructor("stride", 1),
                    arguments.Constructor("pad", 0)),
                LayerKind.MaxPool2D => new Pool2DSpec(target, PoolMode.Max, input, arguments.Constructor("f", 0), arguments.Constructor("stride", 1)),
                LayerKind.AvgPool2D => new Pool2DSpec(target, PoolMode.Average, input, arguments.Constructor("f", 0), arguments.Constructor("stride", 1)),
                LayerKind.ZeroPad2D => new ZeroPad2DSpec(target, input, arguments.Constructor("pad", 0)),
                _ => null,
            };
        }
    }

    /// <summary>The layer attributes the generator reads.</summary>
    internal enum LayerKind
    {
        Conv2D,
        MaxPool2D,
        AvgPool2D,
        ZeroPad2D,
    }
}
