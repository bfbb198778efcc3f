using System.Globalization;
using System.Text;
using CnnGen.Generators.Tests.Infrastructure;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Whole compilations at random: several annotated types per compilation whose names collide ignoring case, are
/// escaped keywords or nest in one another, every attribute kind alone, stacked and spread over partial declarations,
/// every argument small, zero, negative, huge or wrapped. The properties: the generator never throws and finishes within
/// a bound; the code it adds never adds a compiler error; and every annotated type either gets its members or an error
/// located on one of its declarations.
/// </summary>
public class CompilationFuzzTests
{
    /// <summary>The generator's bound per compilation: far above what any case needs, far below a hang.</summary>
    private static readonly TimeSpan GeneratorBound = TimeSpan.FromSeconds(60);

    private static readonly Gen<string> Number = Gen.Frequency(
        (12, Gen.Int[1, 6].Select(Text)),
        (2, Gen.Int[-2, 0].Select(Text)),
        (1, Gen.Int[7, 40].Select(Text)),
        (1, Gen.OneOf<string>(
            "int.MaxValue", "int.MinValue", "46341", "65536", "1 << 20", "100000", "-(int.MinValue + 1)",
            "unchecked((int)0xFFFFFFFF)", "unchecked((int)0x100000002)", "unchecked(int.MaxValue + 2)")));

    /// <summary>The names, as written: they collide ignoring case, escape keywords, or name a generated member.</summary>
    private static readonly string[] Names = { "Pool", "@pool", "@class", "_class", "Network", "N", "@int", "Layer", "Forward" };

    /// <summary>Each attribute kind with the arguments it may take (positional first, then named).</summary>
    private static readonly (string Kind, string[] Positional, string[] Named)[] Kinds =
    {
        ("Network", Array.Empty<string>(), new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("Conv2D", new[] { "f", "stride", "pad" }, new[] { "InputHeight", "InputWidth", "InputChannels", "Filters" }),
        ("MaxPool2D", new[] { "f", "stride" }, new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("AvgPool2D", new[] { "f", "stride" }, new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("ZeroPad2D", new[] { "pad" }, new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("ReLU", Array.Empty<string>(), new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("Flatten", Array.Empty<string>(), new[] { "InputHeight", "InputWidth", "InputChannels" }),
        ("Dense", new[] { "units" }, new[] { "InputLength" }),
        ("SoftmaxCrossEntropy", Array.Empty<string>(), new[] { "Classes" }),
    };

    private static readonly Gen<string> Attribute =
        Gen.Select(Gen.Int[0, Kinds.Length - 1], Number.Array[3], Gen.Int[0, 7].Array[4], Number.Array[4], Gen.Int[0, 5])
        .Select((kindIndex, positional, namedPicks, namedValues, precision) =>
        {
            (string kind, string[] positionalNames, string[] namedNames) = Kinds[kindIndex];
            var arguments = new List<string>();

            // Required positional arguments always; optional ones (stride, pad) sometimes.
            int positionalCount = positionalNames.Length == 0 ? 0 : 1 + positional[0].Length % positionalNames.Length;
            for (int i = 0; i < positionalCount; i++)
            {
                arguments.Add(positional[i]);
            }

            var used = new HashSet<string>();
            for (int i = 0; i < namedPicks.Length; i++)
            {
                if (namedPicks[i] < namedNames.Length && used.Add(namedNames[namedPicks[i]]))
                {
                    arguments.Add($"{namedNames[namedPicks[i]]} = {namedValues[i]}");
                }
            }

            if (kind == "Network" && precision < 3)
            {
                arguments.Add("Precision = " + (precision switch { 0 => "NetworkPrecision.Double", 1 => "(NetworkPrecision)7", _ => "NetworkPrecision.Single" }));
            }

            return arguments.Count == 0 ? $"[{kind}]" : $"[{kind}({string.Join(", ", arguments)})]";
        });

    /// <summary>A network that is valid more often than random attributes are: input, a few layers, the loss.</summary>
    private static readonly Gen<string[]> Network =
        Gen.Select(Gen.Int[1, 6].Array[3], Gen.OneOf<string>("[Conv2D(f: 3, pad: 1, Filters = 2)]", "[MaxPool2D(2, stride: 2)]", "[ReLU]", "[ZeroPad2D(1)]", "[AvgPool2D(2)]").Array[0, 3], Gen.Int[1, 5])
        .Select((input, middle, units) =>
            new[] { $"[Network(InputHeight = {input[0]}, InputWidth = {input[1]}, InputChannels = {input[2]})]" }
                .Concat(middle)
                .Concat(new[] { "[Flatten]", $"[Dense({units})]", "[SoftmaxCrossEntropy]" })
                .ToArray());

    /// <summary>One type: where it lives, what kind of type it is, its name, and one or two partial declarations' attributes.</summary>
    private sealed record FuzzType(int Namespace, int Nesting, int TypeKind, string Name, string[][] Parts);

    private static readonly Gen<FuzzType> Type =
        Gen.Select(
            Gen.Int[0, 2],
            Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 4])),
            Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 7])),
            Gen.OneOf<string>(Names),
            Gen.Frequency((3, Attribute.Array[1, 3]), (1, Network)).Array[1, 2])
        .Select((ns, nesting, typeKind, name, parts) => new FuzzType(ns, nesting, typeKind, name, parts));

    private static readonly Gen<string> Unit = Type.Array[1, 4].Select(Render);

    [Fact]
    public void Whole_compilations_never_throw_never_add_an_error_and_never_drop_a_type_silently()
    {
        Unit.Sample(Check, iter: 60, threads: 1, print: source => source);
    }

    private static void Check(string source)
    {
        CSharpCompilation input = GeneratorHarness.Compilation(source);
        using var bound = new CancellationTokenSource(GeneratorBound);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _, bound.Token);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        // Never throws (a throw surfaces as the run's exception and as CS8785/AD0001, and drops every file).
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");

        // The generated code adds no compiler error: whatever the output reports, the input reported already.
        var before = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet();
        Diagnostic[] added = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(Key(d))).ToArray();
        Assert.True(added.Length == 0, "The generated code adds errors:\n" + string.Join("\n", added.Select(Snapshot.Describe)));

        // Every annotated type gets its members, or an error on one of its declarations says why not.
        Diagnostic[] errors = input.GetDiagnostics().Concat(result.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        INamedTypeSymbol[] annotated = AnnotatedTypes(input.Assembly.GlobalNamespace).ToArray();
        foreach (INamedTypeSymbol type in annotated)
        {
            INamedTypeSymbol? generated = output.GetTypeByMetadataName(MetadataName(type));
            if (generated is not null && !generated.GetMembers("Forward").IsEmpty)
            {
                continue;
            }

            // Two types of one name (a partial class and a partial record struct, say) are one error (CS0101 or CS0261) at
            // one of them, and make the name ambiguous in the output: an error on any declaration of that name explains both.
            SyntaxReference[] declarations = annotated
                .Where(other => MetadataName(other) == MetadataName(type))
                .SelectMany(other => other.DeclaringSyntaxReferences)
                .ToArray();
            bool explained = errors.Any(error => declarations.Any(declaration =>
                error.Location.SourceTree == declaration.SyntaxTree && declaration.Span.Contains(error.Location.SourceSpan)));
            Assert.True(explained, $"'{type.ToDisplayString()}' carries CnnGen attributes but got neither code nor an error on its declarations.");
        }
    }

    private static (string Id, string? Path, int Start) Key(Diagnostic diagnostic) =>
        (diagnostic.Id, diagnostic.Location.SourceTree?.FilePath, diagnostic.Location.SourceSpan.Start);

    private static IEnumerable<INamedTypeSymbol> AnnotatedTypes(INamespaceSymbol ns)
    {
        foreach (INamespaceOrTypeSymbol member in ns.GetMembers())
        {
            IEnumerable<INamedTypeSymbol> found = member switch
            {
                INamespaceSymbol child => AnnotatedTypes(child),
                INamedTypeSymbol type => Nested(type),
                _ => Enumerable.Empty<INamedTypeSymbol>(),
            };
            foreach (INamedTypeSymbol type in found)
            {
                yield return type;
            }
        }

        static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
        {
            if (type.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.Name == "CnnGen"))
            {
                yield return type;
            }

            foreach (INamedTypeSymbol nested in type.GetTypeMembers().SelectMany(Nested))
            {
                yield return nested;
            }
        }
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            name = ns.MetadataName + "." + name; // MetadataName, not ToDisplayString: a namespace @int is "int" in metadata
        }

        return name;
    }

    private static string Render(FuzzType[] types)
    {
        var text = new StringBuilder("using CnnGen;\n");
        for (int t = 0; t < types.Length; t++)
        {
            FuzzType type = types[t];
            foreach (string[] attributes in type.Parts)
            {
                string declaration = string.Join("\n", attributes) + "\n" + Declaration(type, t);
                declaration = type.Nesting switch
                {
                    1 => $"public partial class Outer {{\n{declaration}\n}}",
                    2 => $"public partial class @int {{\n{declaration}\n}}",
                    3 => $"public class Plain{t} {{\n{declaration}\n}}",
                    4 => $"public partial class Box<T> {{\n{declaration}\n}}",
                    _ => declaration,
                };
                text.Append(type.Namespace switch
                {
                    1 => $"namespace Fuzz.A {{\n{declaration}\n}}\n",
                    2 => $"namespace @int.Fuzz {{\n{declaration}\n}}\n",
                    _ => declaration + "\n",
                });
            }
        }

        return text.ToString();
    }

    private static string Declaration(FuzzType type, int index) => type.TypeKind switch
    {
        1 => $"public class {type.Name}{index} {{ }}",
        2 => $"public static partial class {type.Name} {{ }}",
        3 => $"public partial record {type.Name};",
        4 => $"public partial struct {type.Name} {{ }}",
        5 => $"public partial record struct {type.Name};",
        6 => $"public partial interface {type.Name} {{ }}",
        7 => $"public partial class {type.Name}<T> {{ }}",
        _ => $"public partial class {type.Name} {{ }}",
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
