using System.Collections.Immutable;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;
using CnnGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators
{
    /// <summary>
    /// Emits shape-specialized forward and backward kernels for classes annotated with
    /// <c>[Conv2D]</c>, <c>[MaxPool2D]</c>, <c>[AvgPool2D]</c> or <c>[ZeroPad2D]</c>.
    /// </summary>
    /// <remarks>
    /// Per attribute kind the pipeline is:
    /// <code>
    /// ForAttributeWithMetadataName ─▶ LayerParseResult (spec? + diagnostics, plain data)   [{Kind}Layers]
    ///     ├─▶ spec (non-null)        ─▶ one source file per class                        [Specs]
    ///     └─▶ diagnostics (flattened) ─▶ ReportDiagnostic                                 [Diagnostics]
    /// </code>
    /// Only the first transform sees symbols and syntax; the split keeps a diagnostic's location (which moves with
    /// every edit above it) from invalidating the emitted code.
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class LayerGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            Register(context, LayerKinds.Conv2DAttribute, LayerKind.Conv2D, TrackingNames.Conv2DLayers);
            Register(context, LayerKinds.MaxPool2DAttribute, LayerKind.MaxPool2D, TrackingNames.MaxPool2DLayers);
            Register(context, LayerKinds.AvgPool2DAttribute, LayerKind.AvgPool2D, TrackingNames.AvgPool2DLayers);
            Register(context, LayerKinds.ZeroPad2DAttribute, LayerKind.ZeroPad2D, TrackingNames.ZeroPad2DLayers);

            InitializeNetworks(context);
        }

        private static void Register(IncrementalGeneratorInitializationContext context, string attributeName, LayerKind kind, string trackingName)
        {
            IncrementalValuesProvider<LayerParseResult> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attributeName,
                    // Structs and interfaces too, so the parser can say why they get nothing (CNN0013).
                    static (node, _) => node is TypeDeclarationSyntax,
                    (syntax, cancellationToken) => LayerParser.Parse(syntax, kind, cancellationToken))
                .WithTrackingName(trackingName);

            IncrementalValuesProvider<LayerSpec> specs = results
                .Select(static (result, _) => result.Spec)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.Specs);

            IncrementalValuesProvider<DiagnosticInfo> diagnostics = results
                .SelectMany(static (result, _) => result.Diagnostics.ToImmutableArray());

            context.RegisterSourceOutput(specs, static (production, spec) =>
                production.AddSource(spec.Target.HintName + ".g.cs", LayerSourceEmitter.Emit(spec, production.CancellationToken)));

            ReportAll(context, diagnostics);
        }
    }
}
