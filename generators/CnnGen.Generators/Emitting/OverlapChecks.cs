using System.Collections.Generic;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes the overlap checks of a public wrapper: every output span against every input span, then every output
    /// against the outputs before it. Each check is one call to <c>SpanArguments</c> (a couple of address comparisons),
    /// made once per call before any kernel runs; the <see cref="System.ArgumentException"/> it throws names the output
    /// (for two outputs, the later one in the parameter list).
    /// </summary>
    /// <remarks>
    /// Only element-wise kernels, which read each value before writing the value at the same index and nothing else,
    /// may run in place: for the (output, input) pairs listed in <c>inPlace</c> the output may be exactly the input
    /// (same start, same length), and any other overlap is still rejected.
    /// </remarks>
    internal static class OverlapChecks
    {
        /// <param name="writer">Where the checks go.</param>
        /// <param name="elementType">The spans' element type as written in the call (<c>float</c>, <c>double</c> or a type parameter).</param>
        /// <param name="outputs">The output span parameters, in parameter order.</param>
        /// <param name="inputs">The input span parameters of the same element type, in parameter order.</param>
        /// <param name="inPlace">The (output, input) pairs that may be the very same span.</param>
        public static void Emit(
            IndentedWriter writer,
            string elementType,
            IReadOnlyList<string> outputs,
            IReadOnlyList<string> inputs,
            IReadOnlyList<(string Output, string Input)>? inPlace = null)
        {
            for (int o = 0; o < outputs.Count; o++)
            {
                foreach (string input in inputs)
                {
                    Line(writer, elementType, outputs[o], input, Allows(inPlace, outputs[o], input));
                }

                for (int earlier = 0; earlier < o; earlier++)
                {
                    Line(writer, elementType, outputs[o], outputs[earlier], sameAllowed: false);
                }
            }
        }

        private static bool Allows(IReadOnlyList<(string Output, string Input)>? inPlace, string output, string input)
        {
            if (inPlace is null)
            {
                return false;
            }

            foreach ((string o, string i) in inPlace)
            {
                if (o == output && i == input)
                {
                    return true;
                }
            }

            return false;
        }

        private static void Line(IndentedWriter writer, string elementType, string destination, string source, bool sameAllowed)
        {
            string method = sameAllowed ? "RequireSameOrNoOverlap" : "RequireNoOverlap";
            writer.Line($"{KernelNames.SpanArguments}.{method}<{elementType}>({destination}, {source}, nameof({destination}), nameof({source}));");
        }
    }
}
