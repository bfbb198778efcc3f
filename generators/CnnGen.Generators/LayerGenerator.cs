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
    /// Data flows one way: attribute → spec (Parsing) → C# text (Emitting).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class LayerGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<LayerSpec?> conv = Layers(context, "CnnGen.Conv2DAttribute", LayerKind.Conv2D, TrackingNames.Conv2DLayers);
            IncrementalValuesProvider<LayerSpec?> maxPool = Layers(context, "CnnGen.MaxPool2DAttribute", LayerKind.MaxPool2D, TrackingNames.MaxPool2DLayers);
            IncrementalValuesProvider<LayerSpec?> avgPool = Layers(context, "CnnGen.AvgPool2DAttribute", LayerKind.AvgPool2D, TrackingNames.AvgPool2DLayers);
            IncrementalValuesProvider<LayerSpec?> zeroPad = Layers(context, "CnnGen.ZeroPad2DAttribute", LayerKind.ZeroPad2D, TrackingNames.ZeroPad2DLayers);

            foreach (IncrementalValuesProvider<LayerSpec?> layers in new[] { conv, maxPool, avgPool, zeroPad })
            {
                context.RegisterSourceOutput(layers, static (production, spec) =>
                {
                    if (spec is not null)
                    {
                        production.AddSource(spec.Target.HintName + ".g.cs", LayerSourceEmitter.Emit(spec));
                    }
                });
            }

            InitializeNetworks(context);
        }

        private static IncrementalValuesProvider<LayerSpec?> Layers(
            IncrementalGeneratorInitializationContext context, string attributeName, LayerKind kind, string trackingName)
        {
            return context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    (syntax, _) => LayerParser.Parse(syntax, kind))
                .WithTrackingName(trackingName);
        }
    }
}
