using System;
using System.Collections.Generic;
using System.Linq;
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

            Body? body = _bodies.FirstOrDefault(b => b.Kind == kind && b.Text == text);
            if (body is null)
            {
                body = new Body(kind, text, spelling.IsGeneric, UniqueName(kind, element, tier, spelling.IsGeneric));
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
