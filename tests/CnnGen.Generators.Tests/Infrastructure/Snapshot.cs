using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace CnnGen.Generators.Tests.Infrastructure;

/// <summary>
/// A small snapshot verifier in the manner of Verify. Each generated source is compared with
/// <c>Snapshots/{TestClass}.{Method}#{HintName}.verified.cs</c>, and the diagnostics with
/// <c>Snapshots/{TestClass}.{Method}.verified.txt</c>. On a difference it writes <c>.received.*</c> beside the verified
/// file and fails with a unified diff; a missing verified file fails the same way. With <c>CNNGEN_ACCEPT=1</c> (ignored
/// whenever <c>CI</c> is set) it writes the verified files instead. The test class is the calling file's name.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "CNNGEN_ACCEPT";

    /// <summary>True when snapshots are being accepted: CNNGEN_ACCEPT=1 and not on CI.</summary>
    public static bool Accepting =>
        Environment.GetEnvironmentVariable(AcceptVariable) == "1"
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>The Snapshots folder of the test project (found from the calling source file).</summary>
    public static string Directory([CallerFilePath] string callerFile = "")
    {
        string? folder = Path.GetDirectoryName(callerFile);
        while (folder is not null && !System.IO.Directory.EnumerateFiles(folder, "*.csproj").Any())
        {
            folder = Path.GetDirectoryName(folder);
        }

        return Path.Combine(folder ?? throw new InvalidOperationException("No project folder above " + callerFile), "Snapshots");
    }

    /// <summary>Verifies every generated source and the diagnostics (generator's, then the compiler's on the output) of a run.</summary>
    public static void Verify(GeneratorRun run, string? variant = null, [CallerFilePath] string callerFile = "", [CallerMemberName] string method = "")
    {
        string key = Key(callerFile, method, variant);
        var files = new List<(string Path, string Text)>();
        foreach (GeneratedSourceResult source in run.Single.GeneratedSources)
        {
            files.Add((Path.Combine(Directory(callerFile), $"{key}#{Path.GetFileNameWithoutExtension(source.HintName)}.verified.cs"), source.SourceText.ToString()));
        }

        files.Add((Path.Combine(Directory(callerFile), $"{key}.verified.txt"), DescribeDiagnostics(run)));
        VerifyFiles(key, files, Directory(callerFile));
    }

    /// <summary>Verifies one piece of text (for emitter tests driven from hand-built models).</summary>
    public static void VerifyText(string text, string hintName, string? variant = null, [CallerFilePath] string callerFile = "", [CallerMemberName] string method = "")
    {
        string key = Key(callerFile, method, variant);
        VerifyFiles(key, new List<(string, string)> { (Path.Combine(Directory(callerFile), $"{key}#{hintName}.verified.cs"), text) }, Directory(callerFile));
    }

    /// <summary>The diagnostics text: one line per diagnostic, id, severity, line:col span (1-based) and message.</summary>
    public static string DescribeDiagnostics(GeneratorRun run)
    {
        var text = new StringBuilder();
        text.Append("Generator diagnostics:\n");
        AppendAll(text, run.GeneratorDiagnostics);
        text.Append("Compiler diagnostics on the output:\n");
        AppendAll(text, run.CompilerDiagnostics);
        return text.ToString();
    }

    private static void AppendAll(StringBuilder text, IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
        if (lines.Count == 0)
        {
            text.Append("  (none)\n");
        }

        foreach (string line in lines)
        {
            text.Append("  ").Append(line).Append('\n');
        }
    }

    public static string Describe(Diagnostic diagnostic)
    {
        string where = "(no location)";
        if (diagnostic.Location.Kind != LocationKind.None)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            where = string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})");
        }

        // The default severity: the test compilation raises every warning to an error, which would hide the difference.
        return $"{diagnostic.Id} {diagnostic.DefaultSeverity} {where}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string Key(string callerFile, string method, string? variant)
    {
        string testClass = Path.GetFileNameWithoutExtension(callerFile);
        return variant is null ? $"{testClass}.{method}" : $"{testClass}.{method}_{variant}";
    }

    private static void VerifyFiles(string key, List<(string Path, string Text)> produced, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var failures = new StringBuilder();
        var producedPaths = new HashSet<string>(produced.Select(p => p.Path), StringComparer.Ordinal);

        foreach ((string verifiedPath, string rawText) in produced)
        {
            string text = Normalize(rawText);
            string receivedPath = Received(verifiedPath);
            if (Accepting)
            {
                File.WriteAllText(verifiedPath, text);
                File.Delete(receivedPath);
                continue;
            }

            if (!File.Exists(verifiedPath))
            {
                File.WriteAllText(receivedPath, text);
                failures.Append($"No verified snapshot {Path.GetFileName(verifiedPath)}; wrote {Path.GetFileName(receivedPath)}. ")
                    .Append($"Review it, then rename it or run with {AcceptVariable}=1.\n");
                continue;
            }

            string verified = Normalize(File.ReadAllText(verifiedPath));
            if (verified == text)
            {
                File.Delete(receivedPath);
                continue;
            }

            File.WriteAllText(receivedPath, text);
            failures.Append($"Snapshot {Path.GetFileName(verifiedPath)} differs (received written beside it):\n")
                .Append(UnifiedDiff(verified, text)).Append('\n');
        }

        // Verified files of this key that the run no longer produces (a source that is no longer generated).
        foreach (string stale in System.IO.Directory.EnumerateFiles(directory, key + "#*.verified.cs"))
        {
            if (!producedPaths.Contains(stale))
            {
                if (Accepting)
                {
                    File.Delete(stale);
                }
                else
                {
                    failures.Append($"Snapshot {Path.GetFileName(stale)} was not produced by this run.\n");
                }
            }
        }

        if (failures.Length > 0)
        {
            throw new XunitException(failures.ToString());
        }
    }

    private static string Received(string verifiedPath) => verifiedPath.Replace(".verified.", ".received.", StringComparison.Ordinal);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>A unified diff of the two texts: changed lines with two lines of context, hunks headed by their line numbers.</summary>
    public static string UnifiedDiff(string verified, string received)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(verified, received, ignoreWhiteSpace: false);
        var lines = diff.Lines;
        var show = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Inserted or ChangeType.Deleted or ChangeType.Modified)
            {
                for (int j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++)
                {
                    show[j] = true;
                }
            }
        }

        var text = new StringBuilder("--- verified\n+++ received\n");
        int oldLine = 0, newLine = 0, printed = 0;
        bool gap = true;
        for (int i = 0; i < lines.Count; i++)
        {
            DiffPiece line = lines[i];
            bool inOld = line.Type != ChangeType.Inserted;
            bool inNew = line.Type != ChangeType.Deleted;
            if (inOld)
            {
                oldLine++;
            }

            if (inNew)
            {
                newLine++;
            }

            if (!show[i])
            {
                gap = true;
                continue;
            }

            if (gap)
            {
                text.Append(CultureInfo.InvariantCulture, $"@@ -{oldLine} +{newLine} @@\n");
                gap = false;
            }

            string prefix = line.Type switch
            {
                ChangeType.Inserted => "+",
                ChangeType.Deleted => "-",
                _ => " ",
            };
            text.Append(prefix).Append(line.Text).Append('\n');
            if (++printed >= 400)
            {
                text.Append("... (diff cut at 400 lines)\n");
                break;
            }
        }

        return text.ToString();
    }
}
