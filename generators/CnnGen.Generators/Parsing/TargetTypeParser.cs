using System.Collections.Generic;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>Reads where generated members must go: the class's namespace, its chain of containing type declarations, and whether it is static.</summary>
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

            return new TargetTypeSpec(GeneratedNames.Namespace(type.ContainingNamespace), parts.ToEquatableArray(), GeneratedNames.HintName(type), type.IsStatic);
        }

        /// <summary>
        /// The keywords of a re-declaration: <c>partial</c> and the kind keyword only. Other parts of a partial type may
        /// omit accessibility, <c>static</c>, <c>sealed</c> and the like, and repeating them risks a mismatch.
        /// </summary>
        private static string KeywordsOf(TypeDeclarationSyntax declaration)
        {
            if (declaration is RecordDeclarationSyntax record)
            {
                return record.ClassOrStructKeyword.IsKind(SyntaxKind.None)
                    ? "partial record"
                    : "partial record " + record.ClassOrStructKeyword.Text;
            }

            return "partial " + declaration.Keyword.Text;
        }

        private static string NameOf(TypeDeclarationSyntax declaration)
        {
            string name = GeneratedNames.Identifier(declaration.Identifier.ValueText);
            return declaration.TypeParameterList is null ? name : name + declaration.TypeParameterList.ToString();
        }
    }
}
