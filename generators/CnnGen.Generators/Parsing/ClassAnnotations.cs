using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>One CnnGen attribute applied to a type: its data and the kind it declares (<c>"Network"</c>, <c>"Conv2D"</c>, …).</summary>
    internal readonly record struct CnnGenAttribute(AttributeData Data, string Kind)
    {
        public SyntaxReference Reference => Data.ApplicationSyntaxReference!;
    }

    /// <summary>
    /// Every CnnGen attribute on one type, across all its partial declarations, in source order, and which single
    /// pipeline step speaks for the type. A network's layers may be spread over several partial declarations: they run
    /// in that order, by file path and then position.
    /// </summary>
    /// <remarks>
    /// Each attribute kind has a pipeline of its own, and each pipeline sees each declaration that carries its attribute,
    /// so one class can reach several parsers: <c>[MaxPool2D][ReLU]</c> reaches two, <c>[ReLU]</c> on two partial
    /// declarations reaches one twice. Exactly one of them, the <em>owner</em>, parses the class, reports what is wrong
    /// with it and emits its one file; the others return nothing. The owner is the first <c>[Network]</c> if there is one
    /// (a network's layer attributes are its layers), otherwise the first layer attribute. "First" is by file path, then
    /// position, so every step computes the same owner without talking to the others, and a class yields at most one
    /// generated file whichever attributes it carries.
    /// </remarks>
    internal sealed class ClassAnnotations
    {
        public const string NetworkKind = "Network";

        /// <summary>The CnnGen attributes by metadata name, with the kind each declares.</summary>
        private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
        {
            [Network.NetworkParser.NetworkAttributeName] = NetworkKind,
            [LayerKinds.Conv2DAttribute] = "Conv2D",
            [LayerKinds.MaxPool2DAttribute] = "MaxPool2D",
            [LayerKinds.AvgPool2DAttribute] = "AvgPool2D",
            [LayerKinds.ZeroPad2DAttribute] = "ZeroPad2D",
            ["CnnGen.ReLUAttribute"] = "ReLU",
            ["CnnGen.ReLU6Attribute"] = "ReLU6",
            ["CnnGen.BatchNorm2DAttribute"] = "BatchNorm2D",
            ["CnnGen.DropoutAttribute"] = "Dropout",
            ["CnnGen.ShortcutAttribute"] = "Shortcut",
            ["CnnGen.AddShortcutAttribute"] = "AddShortcut",
            ["CnnGen.GlobalAvgPool2DAttribute"] = "GlobalAvgPool2D",
            ["CnnGen.GlobalMaxPool2DAttribute"] = "GlobalMaxPool2D",
            ["CnnGen.LeakyReLUAttribute"] = "LeakyReLU",
            ["CnnGen.SigmoidAttribute"] = "Sigmoid",
            ["CnnGen.TanhAttribute"] = "Tanh",
            ["CnnGen.FlattenAttribute"] = "Flatten",
            ["CnnGen.DenseAttribute"] = "Dense",
            ["CnnGen.SoftmaxCrossEntropyAttribute"] = "SoftmaxCrossEntropy",
        };

        private ClassAnnotations(INamedTypeSymbol type, ImmutableArray<CnnGenAttribute> attributes, int owner)
        {
            Type = type;
            All = attributes;
            Owner = attributes[owner];
        }

        public INamedTypeSymbol Type { get; }

        /// <summary>Every CnnGen attribute on the type, in source order (file path, then position).</summary>
        public ImmutableArray<CnnGenAttribute> All { get; }

        /// <summary>The attribute whose pipeline step parses the type.</summary>
        public CnnGenAttribute Owner { get; }

        /// <summary>True when the type carries <c>[Network]</c>: then its layer attributes are the network's layers.</summary>
        public bool IsNetwork => Owner.Kind == NetworkKind;

        /// <summary>The kind an attribute class declares, or null when it is not a CnnGen attribute.</summary>
        public static string? KindOf(INamedTypeSymbol? attributeClass) =>
            attributeClass is not null && Kinds.TryGetValue(attributeClass.ToDisplayString(), out string? kind) ? kind : null;

        /// <summary>
        /// Reads the CnnGen attributes of the type a pipeline step was given, or returns null when this step is not the
        /// type's owner (another step speaks for it) or the attributes have no syntax to point at.
        /// </summary>
        public static ClassAnnotations? ForOwner(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.IsDefaultOrEmpty)
            {
                return null;
            }

            var attributes = new List<CnnGenAttribute>();
            foreach (AttributeData data in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (data.ApplicationSyntaxReference is not null && KindOf(data.AttributeClass) is { } kind)
                {
                    attributes.Add(new CnnGenAttribute(data, kind));
                }
            }

            if (attributes.Count == 0)
            {
                return null;
            }

            attributes.Sort(static (x, y) =>
            {
                int byFile = string.CompareOrdinal(x.Reference.SyntaxTree.FilePath, y.Reference.SyntaxTree.FilePath);
                return byFile != 0 ? byFile : x.Reference.Span.Start.CompareTo(y.Reference.Span.Start);
            });

            int owner = attributes.FindIndex(a => a.Kind == NetworkKind);
            if (owner < 0)
            {
                owner = 0;
            }

            // This step owns the type when the owner attribute is of this step's kind and written on this step's
            // declaration (the context's attributes are those of the whole symbol, every declaration's alike).
            SyntaxReference ownerReference = attributes[owner].Reference;
            SyntaxNode node = context.TargetNode;
            bool ownerIsHere = ownerReference.SyntaxTree == node.SyntaxTree && node.Span.Contains(ownerReference.Span)
                && SymbolEqualityComparer.Default.Equals(context.Attributes[0].AttributeClass, attributes[owner].Data.AttributeClass);
            return ownerIsHere ? new ClassAnnotations(type, attributes.ToImmutableArray(), owner) : null;
        }

        /// <summary>
        /// The checks that concern the class as a whole rather than one attribute's arguments, for every parser alike: the
        /// kind of type (CNN0013, CNN0014), for a layer class that it declares one layer (CNN0011), and those of
        /// <see cref="DeclarationValidator"/> (partial, not generic, not named like a generated member), all reported at the
        /// owner attribute. Returns whether any was added; a class that fails them generates nothing.
        /// </summary>
        public bool CheckDeclaration(TypeDeclarationSyntax ownerDeclaration, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            int before = diagnostics.Count;
            LocationInfo? ownerLocation = LocationOf(Owner, cancellationToken);
            string name = Type.Name;

            if (TypeKindName(ownerDeclaration) is { } notAClass)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotAClass, ownerLocation, name, notAClass));
            }
            else if (IsNetwork && ownerDeclaration is RecordDeclarationSyntax)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.RecordNetwork, ownerLocation, name));
            }

            // A layer class holds one layer, whichever declarations its attributes sit on (a network's are its layers).
            if (!IsNetwork)
            {
                for (int i = 0; i < All.Length; i++)
                {
                    if (i != OwnerIndex)
                    {
                        diagnostics.Add(Diagnostic(DiagnosticDescriptors.SeveralLayers, LocationOf(All[i], cancellationToken), name, Owner.Kind));
                    }
                }
            }

            DeclarationValidator.Check(Type, ownerDeclaration, IsNetwork ? DeclarationKind.Network : DeclarationKind.Layer, ownerLocation, diagnostics);
            return diagnostics.Count > before;
        }

        private int OwnerIndex => All.IndexOf(Owner);

        /// <summary>Where an attribute is written, as plain data.</summary>
        public static LocationInfo? LocationOf(CnnGenAttribute attribute, CancellationToken cancellationToken) =>
            LocationInfo.From(attribute.Reference.GetSyntax(cancellationToken).GetLocation());

        /// <summary>"a struct", "an interface", … for a declaration that is not a class or record class; null for those.</summary>
        private static string? TypeKindName(TypeDeclarationSyntax declaration) => declaration switch
        {
            ClassDeclarationSyntax => null,
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "a record struct",
            RecordDeclarationSyntax => null,
            StructDeclarationSyntax => "a struct",
            InterfaceDeclarationSyntax => "an interface",
            _ => "not a class",
        };

        private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor.Id, location, arguments.ToEquatableArray());
    }
}
