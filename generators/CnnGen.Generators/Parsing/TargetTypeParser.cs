using System.Collections.Generic;
using System.Text;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>Reads where generated members must go: the class's namespace and its chain of containing type declarations.</summary>
    internal static class TargetTypeParser
    {
        public static TargetTypeSpec Parse(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
        {
            var parts = new List<TypeDeclarationPart>();
            SyntaxNode? node = declaration;
            while (node is TypeDeclarationSyntax typeDeclaration)
            {
                parts.Insert(0, new TypeDeclarationPart(KeywordsOf(typeDeclaration), NameOf(typeDeclaration)));
                node = typeDeclaration.Parent;
            }

            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing
                ? containing.ToDisplayString()
                : null;

            return new TargetTypeSpec(ns, parts.ToEquatableArray(), HintNameOf(type));
        }

        /// <summary>Modifiers that must be repeated on every partial part (accessibility is not needed) plus the kind keyword.</summary>
        private static string KeywordsOf(TypeDeclarationSyntax declaration)
        {
            var text = new StringBuilder();
            foreach (SyntaxToken modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.UnsafeKeyword)
                    || modifier.IsKind(SyntaxKind.PartialKeyword))
                {
                    continue;
                }

                // Accessibility, sealed, abstract and the like may be stated once; restating them is allowed only when equal,
                // so keep exactly what the user wrote.
                text.Append(modifier.Text).Append(' ');
            }

            foreach (SyntaxToken modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.UnsafeKeyword))
                {
                    text.Append(modifier.Text).Append(' ');
                }
            }

            text.Append("partial ");
            if (declaration is RecordDeclarationSyntax record)
            {
                text.Append("record");
                if (!record.ClassOrStructKeyword.IsKind(SyntaxKind.None))
                {
                    text.Append(' ').Append(record.ClassOrStructKeyword.Text);
                }
            }
            else
            {
                text.Append(declaration.Keyword.Text);
            }

            return text.ToString();
        }

        private static string NameOf(TypeDeclarationSyntax declaration)
        {
            return declaration.TypeParameterList is null
                ? declaration.Identifier.ValueText
                : declaration.Identifier.ValueText + declaration.TypeParameterList.ToString();
        }

        private static string HintNameOf(INamedTypeSymbol type)
        {
            string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
            var hint = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                hint.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
            }

            return hint.ToString();
        }
    }
}
