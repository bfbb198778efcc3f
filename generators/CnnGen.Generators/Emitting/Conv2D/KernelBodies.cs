using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using CnnGen.Generators.Emitting.Planning;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Collects a layer's kernel bodies, one per (kind, element type, vector tier), and writes each distinct text once.
    /// A body is first written in the generic spelling (<see cref="VectorSpelling"/>); tiers and element types whose
    /// generic text comes out the same share one method, instantiated per tier by the dispatch. The text is compared,
    /// not the plans, so sharing can never change what a tier computes: each tier's text was written from its own plan.
    /// </summary>
    internal sealed class KernelBodies
    {
        /// <summary>Stands for a body's method name while its text is compared; replaced when it is written.</summary>
        public const string NamePlaceholder = "__KERNEL__";

        private readonly List<Body> _bodies = new();
        private readonly CancellationToken _cancellationToken;

        public KernelBodies(CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
        }

        private sealed class Body
        {
            public Body(string kind, string text, bool generic, string name)
            {
                Kind = kind;
                Text = text;
                Generic = generic;
                Name = name;
            }

            public string Kind { get; }

            public string Text { get; }

            public bool Generic { get; }

            public string Name { get; }

            /// <summary>The text as rendered, helpers included: what a later tier's text is compared with.</summary>
            public string Original { get; init; } = string.Empty;

            public List<(ElementKind Element, VectorTier Tier)> Users { get; } = new();
        }

        /// <summary>
        /// Renders the body of <paramref name="kind"/> for one element type and tier (its methods named
        /// <see cref="NamePlaceholder"/>…) and returns the method to call for it, with type arguments when generic.
        /// </summary>
        public string Add(string kind, ElementKind element, VectorTier tier, Action<IndentedWriter, VectorSpelling> render)
        {
            // The generic spelling with the tier's width, else a narrower one (a plan that uses only narrower vectors, such as
            // 8 float channels on the Vector512 tier), else the concrete spelling.
            VectorSpelling spelling = VectorSpelling.Concrete(element, tier);
            string? text = null;
            for (int width = tier.Bits; width >= 128 && text is null; width /= 2)
            {
                var generic = VectorSpelling.Generic(element, tier, width);
                string attempt = Render(render, generic);
                if (!generic.NeedsConcrete)
                {
                    (spelling, text) = (generic, attempt);
                }
            }

            text ??= Render(render, spelling);

            Body? body = _bodies.FirstOrDefault(b => b.Kind == kind && b.Original == text);
            if (body is null)
            {
                string name = UniqueName(kind, element, tier, spelling.IsGeneric);
                body = new Body(kind, ShareHelpers(kind, text, name), spelling.IsGeneric, name) { Original = text };
                _bodies.Add(body);
            }

            body.Users.Add((element, tier));
            string t = element.Keyword;
            return body.Generic
                ? $"{body.Name}<{t}, global::System.Runtime.Intrinsics.Vector{spelling.Width}<{t}>, global::CnnGen.Generated.Vector{spelling.Width}Ops<{t}>>"
                : body.Name;
        }

        /// <summary>Writes every body of <paramref name="kind"/>, each after the summary <paramref name="summary"/> gives for the tiers it serves.</summary>
        public void Write(IndentedWriter writer, string kind, Func<string, string> summary)
        {
            foreach (Body body in _bodies.Where(b => b.Kind == kind))
            {
                string served = string.Join(", ", body.Users.Select(u => $"{u.Tier.ClassName} {u.Element.Keyword}"));
                writer.Summary(summary(served));
                writer.Lines(body.Text.Replace(NamePlaceholder, body.Name).TrimEnd('\n'));
                writer.Line();
            }
        }

        /// <summary>
        /// Drops from a new body's <paramref name="text"/> every helper method (one named <see cref="NamePlaceholder"/> and a
        /// suffix, such as a column phase of the input gradient) whose text an earlier body of <paramref name="kind"/> already
        /// has, and calls that body's copy instead. Bodies that differ only in their entry method, or in some of their helpers,
        /// then share the rest; the helpers kept are recorded for later bodies, as those of <paramref name="name"/>.
        /// </summary>
        private string ShareHelpers(string kind, string text, string name)
        {
            var kept = new StringBuilder(text.Length);
            var renames = new List<(string Suffix, string Owner)>();
            foreach (string method in Methods(text))
            {
                Match declaration = HelperDeclaration.Match(method);
                if (!declaration.Success)
                {
                    kept.Append(method);
                    continue;
                }

                string suffix = declaration.Groups[1].Value;
                Helper? earlier = _helpers.FirstOrDefault(h => h.Kind == kind && h.Text == method);
                if (earlier is null)
                {
                    _helpers.Add(new Helper(kind, method, name));
                    kept.Append(method);
                }
                else
                {
                    renames.Add((suffix, earlier.Owner));
                }
            }

            string result = kept.ToString();
            foreach ((string suffix, string owner) in renames)
            {
                result = Regex.Replace(result, Regex.Escape(NamePlaceholder + suffix) + "(?=[<(])", owner + suffix);
            }

            return result;
        }

        /// <summary>
        /// Cuts a body's text into its methods, each with the documentation and attributes above it and the blank line after
        /// it: the text's top-level lines, from one that is neither blank nor a closing brace to the next closing brace.
        /// </summary>
        private static IEnumerable<string> Methods(string text)
        {
            var current = new StringBuilder();
            bool inMethod = false;
            foreach (string line in text.Split('\n'))
            {
                if (!inMethod && current.Length > 0 && line.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                current.Append(line).Append('\n');
                if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
                {
                    inMethod = line != "}";
                }
            }

            // Split added a newline after the text's last line, which the text did not have.
            current.Length--;
            yield return current.ToString();
        }

        /// <summary>A helper method's declaration at the start of its line: the name's suffix after the placeholder.</summary>
        private static readonly Regex HelperDeclaration = new(
            "^(?:private|internal) static [^\n(]*?" + NamePlaceholder + "(\\w+)[<(]", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private readonly List<Helper> _helpers = new();

        /// <summary>A helper method of the body named <see cref="Owner"/>, with the text other bodies' helpers are compared with.</summary>
        private sealed record Helper(string Kind, string Text, string Owner);

        private string Render(Action<IndentedWriter, VectorSpelling> render, VectorSpelling spelling)
        {
            var writer = new IndentedWriter(_cancellationToken);
            render(writer, spelling);
            return writer.ToString();
        }

        private string UniqueName(string kind, ElementKind element, VectorTier tier, bool generic)
        {
            string name = generic ? $"{kind}V{tier.Bits}" : $"{kind}{element.Suffix}V{tier.Bits}";
            if (generic && _bodies.Any(b => b.Name == name))
            {
                name = $"{kind}{element.Suffix}V{tier.Bits}";
            }

            int suffix = 2;
            string unique = name;
            while (_bodies.Any(b => b.Name == unique))
            {
                unique = name + "_" + suffix++;
            }

            return unique;
        }
    }
}
