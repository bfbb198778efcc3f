using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CnnGen.Generators.Parsing
{
    /// <summary>The names the generator writes: identifiers in generated code, and the hint names of generated files.</summary>
    internal static class GeneratedNames
    {
        /// <summary>
        /// <paramref name="name"/> as it must be written in C#: with <c>@</c> when it is a reserved keyword (<c>class</c>,
        /// <c>int</c>), as the user had to write it, and when it is all lower-case ASCII letters (<c>pool</c>), which the
        /// compiler warns may become a keyword (CS8981) unless escaped; generated code must add no warning of its own.
        /// </summary>
        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || IsLowerCaseAscii(name) ? "@" + name : name;

        private static bool IsLowerCaseAscii(string name)
        {
            foreach (char c in name)
            {
                if (c is < 'a' or > 'z')
                {
                    return false;
                }
            }

            return name.Length > 0;
        }

        /// <summary>A namespace as it must be written in C#, each part escaped; null for the global namespace.</summary>
        public static string? Namespace(INamespaceSymbol? ns)
        {
            var parts = new List<string>();
            for (INamespaceSymbol? current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                parts.Insert(0, Identifier(current.Name));
            }

            return parts.Count == 0 ? null : string.Join(".", parts);
        }

        /// <summary>
        /// The hint name of the one file generated for <paramref name="type"/>, without the <c>.g.cs</c> extension:
        /// readable (<c>Samples.SeedConv.1011</c>) and distinct for distinct types by construction.
        /// </summary>
        /// <remarks>
        /// Roslyn compares hint names ignoring case, so names alone would collide for <c>Pool</c> and <c>pool</c>. The
        /// name is built from the namespace parts joined by <c>.</c> and the containing types joined by <c>+</c> (so a
        /// nested type never looks like a namespace), each character kept when it is an ASCII letter or digit,
        /// <c>_</c> written <c>__</c> and any other character <c>_uXXXX</c>: a prefix-free code, so the text determines
        /// the name up to the case of its ASCII letters. The last part, after a dot, records that case: one hex digit per
        /// four characters of the text, bit <c>i</c> set when character <c>i</c> of the four is an upper-case letter,
        /// trailing zeros dropped (<c>0</c> when there are none). Two types whose hint names are equal ignoring case
        /// therefore have equal texts ignoring case, hence equal names ignoring case, and equal case digits, hence equal
        /// names.
        /// </remarks>
        public static string HintName(INamedTypeSymbol type)
        {
            var text = new StringBuilder();
            string? ns = null;
            var types = new List<string>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                types.Insert(0, current.Name);
            }

            for (INamespaceSymbol? current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                ns = ns is null ? current.Name : current.Name + "." + ns;
            }

            if (ns is not null)
            {
                AppendEscaped(text, ns);
                text.Append('.');
            }

            for (int i = 0; i < types.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('+');
                }

                AppendEscaped(text, types[i]);
            }

            return text + "." + CaseDigits(text.ToString());
        }

        private static void AppendEscaped(StringBuilder text, string name)
        {
            foreach (char c in name)
            {
                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.')
                {
                    text.Append(c);
                }
                else if (c == '_')
                {
                    text.Append("__");
                }
                else
                {
                    text.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
            }
        }

        private static string CaseDigits(string text)
        {
            var digits = new StringBuilder((text.Length + 3) / 4);
            for (int start = 0; start < text.Length; start += 4)
            {
                int nibble = 0;
                for (int i = 0; i < 4 && start + i < text.Length; i++)
                {
                    if (text[start + i] is >= 'A' and <= 'Z')
                    {
                        nibble |= 1 << i;
                    }
                }

                digits.Append("0123456789abcdef"[nibble]);
            }

            string result = digits.ToString().TrimEnd('0');
            return result.Length == 0 ? "0" : result;
        }
    }
}
