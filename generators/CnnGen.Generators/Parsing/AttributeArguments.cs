using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Parsing
{
    /// <summary>Reads an attribute's constructor and named arguments by parameter name.</summary>
    internal readonly struct AttributeArguments
    {
        private readonly AttributeData _attribute;

        public AttributeArguments(AttributeData attribute)
        {
            _attribute = attribute;
        }

        /// <summary>The value of the constructor parameter <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
        public int Constructor(string name, int fallback)
        {
            IMethodSymbol? constructor = _attribute.AttributeConstructor;
            ImmutableArray<TypedConstant> values = _attribute.ConstructorArguments;
            if (constructor is null)
            {
                return fallback;
            }

            for (int i = 0; i < constructor.Parameters.Length && i < values.Length; i++)
            {
                if (constructor.Parameters[i].Name == name && values[i].Value is int value)
                {
                    return value;
                }
            }

            return fallback;
        }

        /// <summary>The value of the named argument <paramref name="name"/>, or <paramref name="fallback"/> when it is not given.</summary>
        public int Named(string name, int fallback)
        {
            foreach (var pair in _attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is int value)
                {
                    return value;
                }
            }

            return fallback;
        }
    }
}
