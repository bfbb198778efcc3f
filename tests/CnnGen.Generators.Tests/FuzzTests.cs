using System.Globalization;
using System.Text;
using CnnGen.Generators.Tests.Infrastructure;
using CsCheck;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Random attribute arguments (small, huge, negative, int.MinValue/MaxValue, products that overflow) on random and
/// malformed declarations. The generator must never throw, and whatever it emits must compile whenever it reported no
/// error.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Attributes = { "Conv2D", "MaxPool2D", "AvgPool2D", "ZeroPad2D" };

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Int[1, 9].Select(Text)),
        (2, Gen.Int[-3, 0].Select(Text)),
        (1, Gen.Int[10, 70000].Select(Text)),
        (1, Gen.OneOf<string>("int.MaxValue", "int.MinValue", "46341", "65536", "1 << 20")),
        (1, Gen.OneOf<string>("\"3\"", "1.5", "null", "true", "nameof(System.String)", "-(int.MinValue + 1)")));

    /// <summary>One attribute application, sometimes malformed.</summary>
    private static readonly Gen<string> Attribute =
        Gen.Select(
            Gen.OneOf<string>(Attributes),
            Number.Array[0, 3],
            Gen.Select(Gen.OneOf<string>("InputHeight", "InputWidth", "InputChannels", "Filters", "Bogus"), Number).Array[0, 5],
            Gen.Int[0, 12])
        .Select((name, positional, named, malformation) =>
        {
            var arguments = new List<string>(positional);
            foreach ((string key, string value) in named)
            {
                arguments.Add($"{key} = {value}");
            }

            string list = string.Join(", ", arguments);
            return malformation switch
            {
                0 => $"[{name}({list}]",          // missing parenthesis
                1 => $"[{name}]",                  // no arguments at all
                2 => $"[CnnGen.{name}({list})]",   // qualified
                3 => $"[{name}Attribute({list})]", // the full class name
                _ => $"[{name}({list})]",
            };
        });

    /// <summary>A compilation unit with one to three annotated declarations in assorted shapes.</summary>
    private static readonly Gen<string> Unit =
        Gen.Select(
            Gen.Select(Attribute.Array[1, 2], Gen.Int[0, 11], Gen.OneOf<string>("Layer", "Pool", "Conv", "Net", "A", "Pad", "Stride", "Forward")).Array[1, 3],
            Gen.Int[0, 2])
        .Select((declarations, namespaceForm) =>
        {
            var text = new StringBuilder("using CnnGen;\n");
            if (namespaceForm == 1)
            {
                text.Append("namespace Fuzz.Scoped;\n");
            }

            for (int i = 0; i < declarations.Length; i++)
            {
                (string[] attributes, int shape, string name) = declarations[i];
                string className = i == 0 && name is "Pad" or "Stride" or "Forward" ? name : name + i.ToString(CultureInfo.InvariantCulture);
                string attributeLines = string.Join("\n", attributes);
                string declaration = shape switch
                {
                    0 => $"{attributeLines}\npublic class {className} {{ }}",
                    1 => $"{attributeLines}\npublic static partial class {className} {{ }}",
                    2 => $"{attributeLines}\npublic partial class {className}<T> {{ }}",
                    3 => $"public partial class Outer{i} {{ {attributeLines}\n internal sealed partial class {className} {{ }} }}",
                    4 => $"public class PlainOuter{i} {{ {attributeLines}\n public partial class {className} {{ }} }}",
                    5 => $"{attributeLines}\npublic partial record {className}(int Value);",
                    6 => $"{attributeLines}\npublic partial struct {className} {{ }}",
                    7 => $"{attributeLines}\npublic partial interface I{className} {{ }}",
                    8 => $"namespace Dup{i} {{ {attributeLines}\n public partial class Same {{ }} }}",
                    9 => $"public partial class Gen{i}<T> {{ {attributeLines}\n public partial class {className} {{ }} }}",
                    _ => $"{attributeLines}\npublic partial class {className} {{ }}",
                };

                if (namespaceForm == 2 && shape != 8)
                {
                    declaration = $"namespace Fuzz.Block{i} {{\n{declaration}\n}}";
                }

                if (namespaceForm == 1 && shape == 8)
                {
                    // Block namespaces cannot follow a file-scoped one; keep the duplicate-name shape as a nested class.
                    declaration = $"public partial class Dup{i} {{ {attributeLines}\n public partial class Same {{ }} }}";
                }

                text.Append(declaration).Append('\n');
            }

            return text.ToString();
        });

    [Fact]
    public void The_generator_never_throws_and_emits_code_that_compiles()
    {
        Unit.Sample(source =>
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Null(run.Single.Exception);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "AD0001" or "CS8785");
            Assert.DoesNotContain(run.CompilerDiagnostics, d => d.Id is "AD0001" or "CS8785");

            bool generatorError = run.GeneratorDiagnostics.Any(d => d.DefaultSeverity == DiagnosticSeverity.Error);
            if (!generatorError)
            {
                // Whatever the user code's own problems, the generated files add no error or warning of their own.
                Assert.Empty(run.DiagnosticsInGeneratedCode.Select(Snapshot.Describe));
                bool inputClean = !run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
                if (inputClean)
                {
                    Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
                }
            }
        }, iter: 150, threads: 1, print: s => s);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
