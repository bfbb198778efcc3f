using System.Linq;
using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;
using CnnGen.Generators.Network;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators
{
    /// <summary>
    /// The network half of the generator: one pipeline for <c>[Network]</c> classes (a whole network per class) and one
    /// per layer attribute that networks brought (<c>[ReLU]</c>, <c>[Flatten]</c>, <c>[Dense]</c>,
    /// <c>[SoftmaxCrossEntropy]</c>) for classes that hold just that layer.
    /// </summary>
    public sealed partial class LayerGenerator
    {
        private static void InitializeNetworks(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<NetworkParseResult?> networks = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (syntax, cancellationToken) => NetworkParser.Parse(syntax, cancellationToken))
                .WithTrackingName(TrackingNames.Networks);

            context.RegisterSourceOutput(networks, static (production, result) =>
            {
                if (result is null)
                {
                    return;
                }

                Report(production, result.Diagnostics);
                if (result.Spec is not null)
                {
                    production.AddSource(result.Spec.Target.HintName + ".Network.g.cs", NetworkEmitter.Emit(result.Spec));
                }
            });

            foreach ((string attribute, string kind, string tracking) in new[]
            {
                ("CnnGen.ReLUAttribute", "ReLU", TrackingNames.ReLULayers),
                ("CnnGen.FlattenAttribute", "Flatten", TrackingNames.FlattenLayers),
                ("CnnGen.DenseAttribute", "Dense", TrackingNames.DenseLayers),
                ("CnnGen.SoftmaxCrossEntropyAttribute", "SoftmaxCrossEntropy", TrackingNames.SoftmaxCrossEntropyLayers),
            })
            {
                IncrementalValuesProvider<SingleLayerResult?> layers = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        attribute,
                        static (node, _) => node is ClassDeclarationSyntax,
                        (syntax, cancellationToken) => SingleLayerParser.Parse(syntax, kind, cancellationToken))
                    .WithTrackingName(tracking);

                context.RegisterSourceOutput(layers, static (production, result) =>
                {
                    if (result is null)
                    {
                        return;
                    }

                    Report(production, result.Diagnostics);
                    if (result.Spec is not null)
                    {
                        production.AddSource(result.Spec.Target.HintName + ".g.cs", LayerSourceEmitter.Emit(result.Spec));
                    }
                });
            }
        }

        private static void Report(SourceProductionContext production, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (DiagnosticInfo info in diagnostics)
            {
                production.ReportDiagnostic(Diagnostic.Create(
                    NetworkDiagnostics.Find(info.DescriptorId),
                    info.Location?.ToLocation(),
                    info.MessageArguments.Cast<object>().ToArray()));
            }
        }
    }
}
