using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Diagnostics point into the user's syntax tree, not at a bare file path: only then do <c>#pragma warning disable</c>,
/// per-file severity settings and the editor's squiggles reach them.
/// </summary>
public class DiagnosticLocationTests
{
    [Fact]
    public void Diagnostics_are_located_in_the_syntax_tree_of_the_offending_argument()
    {
        const string source = """
            using CnnGen;
            namespace Net;
            [Conv2D(f: 2, stride: 2, pad: 2, InputHeight = 4, InputWidth = 4, InputChannels = 3, Filters = 8)]
            public partial class MostlyPadding { }
            [MaxPool2D(f: 0, InputHeight = 4, InputWidth = 4, InputChannels = 3)]
            public partial class NoWindow { }
            """;
        GeneratorRun run = GeneratorHarness.Run(source);
        SyntaxTree userTree = run.Input.SyntaxTrees.Single();

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "CNN0009");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "CNN0003");
        Assert.All(run.GeneratorDiagnostics, diagnostic =>
        {
            Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Id} is not located in source: {diagnostic.Location}");
            Assert.Same(userTree, diagnostic.Location.SourceTree);
        });

        Diagnostic padding = run.GeneratorDiagnostics.Single(d => d.Id == "CNN0009");
        Assert.Equal("pad: 2", userTree.GetText().ToString(padding.Location.SourceSpan));
    }
}
