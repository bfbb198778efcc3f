using System.Collections.Generic;
using System.Threading;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using CnnGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Network
{
    /// <summary>What parsing one single-layer attribute yields: a spec when it is valid, and its diagnostics.</summary>
    internal sealed record SingleLayerResult(LayerSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Parses the layers networks brought (<c>[ReLU]</c> and the other activations, global pooling, <c>[Flatten]</c>,
    /// <c>[Dense]</c>, <c>[SoftmaxCrossEntropy]</c>)
    /// when one stands alone on a class. The input shape is given as <c>InputHeight</c>, <c>InputWidth</c>,
    /// <c>InputChannels</c> (height and width default to 1) or as <c>InputLength</c> (a 1×1×length vector);
    /// the loss also takes <c>Classes</c>. Classes that carry <c>[Network]</c> are left to the network pipeline, and a
    /// class with several layer attributes to the step of its first (see <see cref="ClassAnnotations"/>).
    /// </summary>
    internal static class SingleLayerParser
    {
        public static SingleLayerResult? Parse(GeneratorAttributeSyntaxContext context, string kind, CancellationToken cancellationToken)
        {
            if (context.TargetNode is not TypeDeclarationSyntax declaration
                || ClassAnnotations.ForOwner(context, cancellationToken) is not { IsNetwork: false } annotations)
            {
                // Another step speaks for this class: the network pipeline, or the step of its first layer attribute.
                return null;
            }

            INamedTypeSymbol type = annotations.Type;
            AttributeData attribute = annotations.Owner.Data;
            var arguments = new NetworkParser.Arguments(attribute, cancellationToken);
            LocationInfo? location = NetworkParser.LocationOf(attribute, cancellationToken);
            var diagnostics = new List<DiagnosticInfo>();
            if (annotations.CheckDeclaration(declaration, diagnostics, cancellationToken))
            {
                return new SingleLayerResult(null, diagnostics.ToEquatableArray());
            }

            if (kind is "Shortcut" or "AddShortcut")
            {
                // A residual connection joins two points of one network: alone on a class it has nothing to connect.
                diagnostics.Add(NetworkParser.Diagnostic(
                    DiagnosticDescriptors.ShortcutName, location, kind, arguments.FirstString() ?? string.Empty, type.Name,
                    "is not in a network: place it under [Network], between the layers it connects"));
                return new SingleLayerResult(null, diagnostics.ToEquatableArray());
            }

            int? length = arguments.Int("InputLength") ?? (kind == "SoftmaxCrossEntropy" ? arguments.Int("Classes") : null);
            FeatureMapShape input = length is int flat
                ? new FeatureMapShape(1, 1, flat)
                : new FeatureMapShape(arguments.Int("InputHeight") ?? 1, arguments.Int("InputWidth") ?? 1, arguments.Int("InputChannels") ?? 0);
            if (length is null && arguments.Int("InputChannels") is null)
            {
                diagnostics.Add(NetworkParser.Diagnostic(
                    DiagnosticDescriptors.MissingArgument, location, kind, "its input shape",
                    kind == "SoftmaxCrossEntropy" ? "give Classes, InputLength, or InputHeight, InputWidth and InputChannels" : "give InputLength, or InputHeight, InputWidth and InputChannels"));
            }
            else
            {
                foreach ((string name, int value) in new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("InputChannels", input.Channels) })
                {
                    if (value < 1)
                    {
                        string written = length is null ? name : arguments.Int("InputLength") is null ? "Classes" : "InputLength";
                        diagnostics.Add(NetworkParser.Diagnostic(
                            DiagnosticDescriptors.InvalidArgument, arguments.Location(written) ?? location, written, kind, value.ToString(), "at least 1"));
                        break;
                    }
                }
            }

            int units = 0;
            if (kind == "Dense")
            {
                units = arguments.Int("units") ?? 0;
                if (units < 1)
                {
                    diagnostics.Add(NetworkParser.Diagnostic(
                        DiagnosticDescriptors.InvalidArgument, arguments.Location("units") ?? location, "units", kind, units.ToString(), "at least 1"));
                }
            }

            if (diagnostics.Count > 0)
            {
                return new SingleLayerResult(null, diagnostics.ToEquatableArray());
            }

            TargetTypeSpec target = TargetTypeParser.Parse(type, declaration);
            LayerSpec? spec = kind switch
            {
                "ReLU" => new ReLUSpec(target, input),
                "ReLU6" or "LeakyReLU" or "Sigmoid" or "Tanh" => NetworkParser.Activation(kind, target, input, arguments, location, diagnostics),
                "BatchNorm2D" => NetworkParser.BatchNorm(kind, target, input, arguments, location, diagnostics),
                "Dropout" => NetworkParser.Dropout(kind, target, input, arguments, location, diagnostics),
                "GlobalAvgPool2D" => new GlobalPool2DSpec(target, input, PoolMode.Average),
                "GlobalMaxPool2D" => new GlobalPool2DSpec(target, input, PoolMode.Max),
                "Flatten" => new FlattenSpec(target, input),
                "Dense" => new DenseSpec(target, input, units),
                "SoftmaxCrossEntropy" => new SoftmaxCrossEntropySpec(target, input),
                _ => null,
            };
            if (diagnostics.Count > 0)
            {
                return new SingleLayerResult(null, diagnostics.ToEquatableArray());
            }

            if (spec is not null && SizeLimits.FirstOverflow(spec) is { } overflow)
            {
                diagnostics.Add(NetworkParser.Diagnostic(
                    DiagnosticDescriptors.LengthOverflow, arguments.Location(overflow.Argument) ?? location, overflow.What, type.Name, overflow.Factors, int.MaxValue.ToString()));
                return new SingleLayerResult(null, diagnostics.ToEquatableArray());
            }

            return new SingleLayerResult(spec, EquatableArray<DiagnosticInfo>.Empty);
        }
    }
}
