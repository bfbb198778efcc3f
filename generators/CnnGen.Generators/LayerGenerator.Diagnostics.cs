using System.Collections.Generic;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators
{
    public sealed partial class LayerGenerator
    {
        /// <summary>
        /// Reports diagnostics that travelled through the pipeline as plain data. Each location is turned back into
        /// a location in its syntax tree (found by file path in the current compilation), so that
        /// <c>#pragma warning disable</c>, editor squiggles and "go to" all work as for the compiler's own diagnostics;
        /// a location by file path alone would be an external location that pragmas cannot reach.
        /// Only this last step sees the compilation, so the emitted code never waits on diagnostics.
        /// </summary>
        private static void ReportAll(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<DiagnosticInfo> diagnostics)
        {
            IncrementalValueProvider<(System.Collections.Immutable.ImmutableArray<DiagnosticInfo> Diagnostics, Compilation Compilation)> withTrees =
                diagnostics.WithTrackingName(TrackingNames.Diagnostics).Collect().Combine(context.CompilationProvider);

            context.RegisterSourceOutput(withTrees, static (production, input) =>
            {
                if (input.Diagnostics.IsEmpty)
                {
                    return;
                }

                var trees = new Dictionary<string, SyntaxTree>();
                foreach (SyntaxTree tree in input.Compilation.SyntaxTrees)
                {
                    trees[tree.FilePath] = tree;
                }

                foreach (DiagnosticInfo info in input.Diagnostics)
                {
                    if (DiagnosticDescriptors.ById(info.DescriptorId) is { } descriptor)
                    {
                        production.ReportDiagnostic(Diagnostic.Create(descriptor, LocationOf(info.Location, trees), info.MessageArguments.ToObjectArray()));
                    }
                }
            });
        }

        private static Location LocationOf(LocationInfo? info, Dictionary<string, SyntaxTree> trees)
        {
            if (info is null)
            {
                return Location.None;
            }

            return trees.TryGetValue(info.FilePath, out SyntaxTree? tree) && info.Span.End <= tree.Length
                ? Location.Create(tree, info.Span)
                : info.ToLocation();
        }
    }
}
