namespace CnnGen.Generators.Model
{
    /// <summary>
    /// One type declaration on the way from the namespace to the annotated class, as it must be re-declared
    /// in generated code (for example <c>partial class Outer</c> or <c>public sealed partial class SeedConv</c>).
    /// </summary>
    /// <param name="Keywords">The modifiers and kind keyword, for example <c>public partial class</c>.</param>
    /// <param name="Name">The type's name as written in C# (<c>@</c>-escaped when a keyword), with type parameters if any.</param>
    internal sealed record TypeDeclarationPart(string Keywords, string Name);

    /// <summary>Where generated members go: the annotated class, its containing types and namespace.</summary>
    /// <param name="Namespace">The namespace as written in C# (each part <c>@</c>-escaped when a keyword), or null for the global namespace.</param>
    /// <param name="Declarations">The declarations from the outermost containing type down to the annotated class.</param>
    /// <param name="HintName">A name unique to this class even ignoring case, used for the generated file's name (see <c>GeneratedNames.HintName</c>).</param>
    /// <param name="IsStatic">
    /// Whether the class is static (on any of its declarations). A static class can implement no interface, so a static
    /// layer class gets its members without the layer contract (<c>LayerContract</c>).
    /// </param>
    internal sealed record TargetTypeSpec(string? Namespace, EquatableArray<TypeDeclarationPart> Declarations, string HintName, bool IsStatic)
    {
        /// <summary>The annotated class's own name, as written in C# (a constructor's name, for example).</summary>
        public string Name => Declarations[Declarations.Count - 1].Name;
    }
}
