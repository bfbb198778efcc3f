using System.Collections.Generic;
using System.Text;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>A loop variable that is either a runtime name or, once unrolled, a literal value.</summary>
    internal readonly struct Val
    {
        private Val(string? name, int value)
        {
            Name = name;
            Value = value;
        }

        public string? Name { get; }

        public int Value { get; }

        public static Val Var(string name) => new(name, 0);

        public static Val Lit(int value) => new(null, value);
    }

    /// <summary>
    /// An integer offset expression <c>c + Σ coefᵢ·varᵢ</c> written as C# text; literal parts fold together so the
    /// emitted code shows one constant per address (e.g. <c>ox * 48 + j + 16</c>).
    /// </summary>
    internal sealed class Affine
    {
        private readonly List<(int Coef, string Name)> _terms = new();
        private int _constant;

        public Affine Add(int constant)
        {
            _constant += constant;
            return this;
        }

        public Affine Add(int coef, Val value)
        {
            if (value.Name is null)
            {
                _constant += coef * value.Value;
            }
            else if (coef != 0)
            {
                _terms.Add((coef, value.Name));
            }

            return this;
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            foreach ((int coef, string name) in _terms)
            {
                if (text.Length > 0)
                {
                    text.Append(coef < 0 ? " - " : " + ");
                }
                else if (coef < 0)
                {
                    text.Append('-');
                }

                int magnitude = coef < 0 ? -coef : coef;
                text.Append(magnitude == 1 ? name : name + " * " + magnitude);
            }

            if (text.Length == 0)
            {
                return _constant.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (_constant != 0)
            {
                text.Append(_constant < 0 ? " - " : " + ");
                text.Append((_constant < 0 ? -_constant : _constant).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }
}
