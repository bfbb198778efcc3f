using CnnGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Tests;

/// <summary>
/// The generated members' XML documentation describes each member once: a member with two summaries shows the IDE
/// only one of them, and one of the two described another variant of the member (a one-channel layer's filter flip
/// once carried the summary of the channel-swapping flip above its own).
/// </summary>
public class GeneratedDocumentationTests
{
    /// <summary>Every valid snapshot case, plus convolutions whose input gradient sums over output channels in vector lanes.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string name in SnapshotCases.Valid.Keys)
        {
            data.Add(name);
        }

        data.Add(OneChannelConvolution);
        data.Add(ThreeChannelConvolution);
        return data;
    }

    private const string OneChannelConvolution = "OneChannelConvolution";
    private const string ThreeChannelConvolution = "ThreeChannelConvolution";

    private static string SourceOf(string name) => name switch
    {
        OneChannelConvolution => "[CnnGen.Conv2D(f: 5, stride: 1, pad: 2, InputHeight = 12, InputWidth = 12, InputChannels = 1, Filters = 8)] public partial class Grey { }",
        ThreeChannelConvolution => "[CnnGen.Conv2D(f: 3, stride: 2, pad: 1, InputHeight = 9, InputWidth = 9, InputChannels = 3, Filters = 16)] public partial class Colour { }",
        _ => SnapshotCases.Valid[name],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_generated_member_has_at_most_one_summary(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(SourceOf(name));
        var twice = new List<string>();
        foreach (GeneratedSourceResult source in run.Single.GeneratedSources)
        {
            SyntaxNode root = source.SyntaxTree.GetRoot();
            foreach (MemberDeclarationSyntax member in root.DescendantNodes().OfType<MemberDeclarationSyntax>())
            {
                int summaries = member.GetLeadingTrivia()
                    .Select(t => t.GetStructure())
                    .OfType<DocumentationCommentTriviaSyntax>()
                    .SelectMany(d => d.Content.OfType<XmlElementSyntax>())
                    .Count(e => e.StartTag.Name.LocalName.Text == "summary");
                if (summaries > 1)
                {
                    twice.Add($"{source.HintName}: {FirstLine(member)} ({summaries} summaries)");
                }
            }
        }

        Assert.True(run.Single.GeneratedSources.Length > 0, $"{name} generated nothing.");
        Assert.True(twice.Count == 0, "Members documented more than once:\n" + string.Join("\n", twice));
    }

    private static string FirstLine(SyntaxNode member)
    {
        string text = member.WithoutLeadingTrivia().ToString();
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
