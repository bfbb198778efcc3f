using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Wording shared by the comments of emitted code.</summary>
    internal static class Describe
    {
        /// <summary>Ascending indices as runs: <c>0, 2..5, 9</c>; a run of two is written as both numbers.</summary>
        public static string Ranges(IReadOnlyList<int> sorted)
        {
            var text = new StringBuilder();
            for (int i = 0; i < sorted.Count;)
            {
                int end = i;
                while (end + 1 < sorted.Count && sorted[end + 1] == sorted[end] + 1)
                {
                    end++;
                }

                if (text.Length > 0)
                {
                    text.Append(", ");
                }

                text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
                if (end == i + 1)
                {
                    text.Append(", ").Append(sorted[end].ToString(CultureInfo.InvariantCulture));
                }
                else if (end > i + 1)
                {
                    text.Append("..").Append(sorted[end].ToString(CultureInfo.InvariantCulture));
                }

                i = end + 1;
            }

            return text.ToString();
        }
    }
}
