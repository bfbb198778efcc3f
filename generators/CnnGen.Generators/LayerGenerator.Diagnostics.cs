using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators
{
    public sealed partial class LayerGenerator
    {
        /// <summary>
        /// Reports diagnostics that travelled through the pipeline as plain data. Each location is turned back into
        /// a location in its syntax tree, found by file path in the current compilation, so that
        /// <c>#pragma warning disable</c>, editor squiggles and "go to" work as for the compiler's own diagnostics
        /// (a location made from a file path alone is an external location, which pragmas cannot reach).
        /// </summary>
        /// <remarks>
        /// The compilation joins only here, and is reduced at once to the trees the diagnostics point into. Trees of
        /// unedited files are the same objects from one compilation to the next, so an unrelated edit leaves this
        /// step's value equal and the report is not redone; the emitted code never depends on it.
        /// </remarks>
        private static void ReportAll(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<DiagnosticInfo> diagnostics)
        {
            IncrementalValueProvider<LocatedDiagnostics> located = diagnostics
                .WithTrackingName(TrackingNames.Diagnostics)
                .Collect()
                .Combine(context.CompilationProvider)
                .Select(static (input, _) => LocatedDiagnostics.Create(input.Left, input.Right));

            context.RegisterSourceOutput(located, static (production, diagnosticsWithTrees) => diagnosticsWithTrees.Report(production));
        }

        /// <summary>Diagnostics together with the syntax trees their locations point into (compared by identity).</summary>
        private sealed class LocatedDiagnostics : IEquatable<LocatedDiagnostics>
        {
            private readonly ImmutableArray<DiagnosticInfo> _diagnostics;
            private readonly ImmutableArray<SyntaxTree?> _trees;

            private LocatedDiagnostics(ImmutableArray<DiagnosticInfo> diagnostics, ImmutableArray<SyntaxTree?> trees)
            {
                _diagnostics = diagnostics;
                _trees = trees;
            }

            public static LocatedDiagnostics Create(ImmutableArray<DiagnosticInfo> diagnostics, Compilation compilation)
            {
                if (diagnostics.IsEmpty)
                {
                    return new LocatedDiagnostics(diagnostics, ImmutableArray<SyntaxTree?>.Empty);
                }

                var byPath = new Dictionary<string, SyntaxTree>();
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    byPath[tree.FilePath] = tree;
                }

                ImmutableArray<SyntaxTree?>.Builder trees = ImmutableArray.CreateBuilder<SyntaxTree?>(diagnostics.Length);
                foreach (DiagnosticInfo info in diagnostics)
                {
                    trees.Add(info.Location is { } location && byPath.TryGetValue(location.FilePath, out SyntaxTree? tree)
                        && location.Span.End <= tree.Length ? tree : null);
                }

                return new LocatedDiagnostics(diagnostics, trees.MoveToImmutable());
            }

            public void Report(SourceProductionContext production)
            {
                for (int i = 0; i < _diagnostics.Length; i++)
                {
                    DiagnosticInfo info = _diagnostics[i];
                    if (DiagnosticDescriptors.ById(info.DescriptorId) is not { } descriptor)
                    {
                        continue;
                    }

                    Location location = info.Location is null ? Location.None
                        : _trees[i] is { } tree ? Location.Create(tree, info.Location.Span)
                        : info.Location.ToLocation();
                    production.ReportDiagnostic(Diagnostic.Create(descriptor, location, info.MessageArguments.ToObjectArray()));
                }
            }

            public bool Equals(LocatedDiagnostics? other)
            {
                if (other is null || _diagnostics.Length != other._diagnostics.Length)
                {
                    return false;
                }

                for (int i = 0; i < _diagnostics.Length; i++)
                {
                    if (!_diagnostics[i].Equals(other._diagnostics[i]) || !ReferenceEquals(_trees[i], other._trees[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            public override bool Equals(object? obj) => Equals(obj as LocatedDiagnostics);

            public override int GetHashCode() => _diagnostics.Length;
        }
    }
}
