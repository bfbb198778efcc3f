using System.Collections.Immutable;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;
using CnnGen.Generators.Network;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators
{
    /// <summary>
    /// The network half of the generator: one pipeline for <c>[Network]</c> classes (a whole network per class) and one
    /// per layer attribute that networks brought (<c>[ReLU]</c> and the other activations, <c>[Flatten]</c>, <c>[Dense]</c>,
    /// <c>[SoftmaxCrossEntropy]</c>) for classes that hold just that layer. Like the layer pipelines, each parse result
    /// is split at once into the spec to emit and the diagnostics to report, so a diagnostic's moving location never
    /// forces the code to be emitted again. A network is written as several files: its own members, then one file per layer.
    /// </summary>
    public sealed partial class LayerGenerator
    {
        private static void InitializeNetworks(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<NetworkParseResult> networks = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (syntax, cancellationToken) => NetworkParser.Parse(syntax, cancellationToken))
                .Where(static result => result is not null)
                .Select(static (result, _) => result!)
                .WithTrackingName(TrackingNames.Networks);

            IncrementalValuesProvider<NetworkSpec> networkSpecs = networks
                .Select(static (result, _) => result.Spec)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.NetworkSpecs);

            context.RegisterSourceOutput(networkSpecs, static (production, spec) =>
            {
                foreach ((string hintName, string source) in NetworkEmitter.EmitFiles(spec, production.CancellationToken))
                {
                    production.AddSource(hintName + ".g.cs", source);
                }
            });
            ReportAll(context, networks.SelectMany(static (result, _) => result.Diagnostics.ToImmutableArray()));

            foreach ((string attribute, string kind, string tracking) in new[]
            {
                ("CnnGen.ReLUAttribute", "ReLU", TrackingNames.ReLULayers),
                ("CnnGen.ReLU6Attribute", "ReLU6", TrackingNames.ReLU6Layers),
                ("CnnGen.LeakyReLUAttribute", "LeakyReLU", TrackingNames.LeakyReLULayers),
                ("CnnGen.SigmoidAttribute", "Sigmoid", TrackingNames.SigmoidLayers),
                ("CnnGen.TanhAttribute", "Tanh", TrackingNames.TanhLayers),
                ("CnnGen.BatchNorm2DAttribute", "BatchNorm2D", TrackingNames.BatchNorm2DLayers),
                ("CnnGen.DropoutAttribute", "Dropout", TrackingNames.DropoutLayers),
                ("CnnGen.ShortcutAttribute", "Shortcut", TrackingNames.ResidualMarkers),
                ("CnnGen.AddShortcutAttribute", "AddShortcut", TrackingNames.ResidualMarkers),
                ("CnnGen.GlobalAvgPool2DAttribute", "GlobalAvgPool2D", TrackingNames.GlobalAvgPool2DLayers),
                ("CnnGen.GlobalMaxPool2DAttribute", "GlobalMaxPool2D", TrackingNames.GlobalMaxPool2DLayers),
                ("CnnGen.FlattenAttribute", "Flatten", TrackingNames.FlattenLayers),
                ("CnnGen.DenseAttribute", "Dense", TrackingNames.DenseLayers),
                ("CnnGen.SoftmaxCrossEntropyAttribute", "SoftmaxCrossEntropy", TrackingNames.SoftmaxCrossEntropyLayers),
            })
            {
                IncrementalValuesProvider<SingleLayerResult> layers = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        attribute,
                        static (node, _) => node is TypeDeclarationSyntax,
                        (syntax, cancellationToken) => SingleLayerParser.Parse(syntax, kind, cancellationToken))
                    .Where(static result => result is not null)
                    .Select(static (result, _) => result!)
                    .WithTrackingName(tracking);

                IncrementalValuesProvider<LayerSpec> specs = layers
                    .Select(static (result, _) => result.Spec)
                    .Where(static spec => spec is not null)
                    .Select(static (spec, _) => spec!)
                    .WithTrackingName(TrackingNames.Specs);

                context.RegisterSourceOutput(specs, static (production, spec) =>
                    production.AddSource(spec.Target.HintName + ".g.cs", LayerSourceEmitter.Emit(spec, production.CancellationToken)));
                ReportAll(context, layers.SelectMany(static (result, _) => result.Diagnostics.ToImmutableArray()));
            }
        }
    }
}
