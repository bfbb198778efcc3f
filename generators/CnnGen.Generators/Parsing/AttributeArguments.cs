using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>
    /// Reads an attribute's constructor and named arguments by parameter name, and finds the syntax of each
    /// argument so diagnostics can point at the offending one.
    /// </summary>
    internal readonly struct AttributeArguments
    {
        private readonly AttributeData _attribute;
        private readonly AttributeSyntax? _syntax;

        public AttributeArguments(AttributeData attribute, AttributeSyntax? syntax)
        {
            _attribute = attribute;
            _syntax = syntax;
        }

        /// <summary>
        /// True when the compiler bound the attribute cleanly (a constructor was chosen and every argument is a constant
        /// of the expected kind). When false the compiler reports the problem itself and the generator stays silent.
        /// </summary>
        public bool IsWellFormed
        {
            get
            {
                if (_attribute.AttributeConstructor is null || _attribute.AttributeClass is null)
                {
                    return false;
                }

                foreach (TypedConstant value in _attribute.ConstructorArguments)
                {
                    if (value.Kind == TypedConstantKind.Error || value.Value is not int)
                    {
                        return false;
                    }
                }

                foreach (var pair in _attribute.NamedArguments)
                {
                    if (pair.Value.Kind == TypedConstantKind.Error || pair.Value.Value is not (int or bool))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>The value of the constructor parameter <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
        public int Constructor(string name, int fallback)
        {
            IMethodSymbol? constructor = _attribute.AttributeConstructor;
            if (constructor is null)
            {
                return fallback;
            }

            for (int i = 0; i < constructor.Parameters.Length && i < _attribute.ConstructorArguments.Length; i++)
            {
                if (constructor.Parameters[i].Name == name && _attribute.ConstructorArguments[i].Value is int value)
                {
                    return value;
                }
            }

            return fallback;
        }

        /// <summary>The value of the named argument <paramref name="name"/>, or null when it is not given.</summary>
        public int? Named(string name)
        {
            foreach (var pair in _attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is int value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>The value of the named boolean argument <paramref name="name"/>, or null when it is not given.</summary>
        public bool? NamedBool(string name)
        {
            foreach (var pair in _attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is bool value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>The attribute's own location (the fallback for every diagnostic).</summary>
        public Location? AttributeLocation => _syntax?.GetLocation();

        /// <summary>
        /// Where the argument for <paramref name="name"/> is written: a named argument (<c>InputHeight = 5</c>), a
        /// named constructor argument (<c>f: 3</c>) or a positional one. Falls back to the attribute when the argument
        /// was left out.
        /// </summary>
        public Location? LocationOf(string name)
        {
            if (_syntax?.ArgumentList is not { } list)
            {
                return AttributeLocation;
            }

            IMethodSymbol? constructor = _attribute.AttributeConstructor;
            for (int i = 0; i < list.Arguments.Count; i++)
            {
                AttributeArgumentSyntax argument = list.Arguments[i];
                if (argument.NameEquals is { } nameEquals)
                {
                    if (nameEquals.Name.Identifier.ValueText == name)
                    {
                        return argument.GetLocation();
                    }
                }
                else if (argument.NameColon is { } nameColon)
                {
                    if (nameColon.Name.Identifier.ValueText == name)
                    {
                        return argument.GetLocation();
                    }
                }
                else if (constructor is not null && i < constructor.Parameters.Length && constructor.Parameters[i].Name == name)
                {
                    return argument.GetLocation();
                }
            }

            return AttributeLocation;
        }
    }
}
