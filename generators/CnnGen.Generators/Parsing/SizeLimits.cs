using System.Globalization;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Parsing
{
    /// <summary>A size of a layer that an <c>int</c> cannot count (CNN0008).</summary>
    /// <param name="What">What would be too large: "input", "padded input", "output" or "weights".</param>
    /// <param name="Factors">The factors of its size, for the message (<c>70000·70000·3</c>).</param>
    /// <param name="Argument">The argument that makes it too large, where the diagnostic goes when it is written.</param>
    internal sealed record SizeOverflow(string What, string Factors, string Argument);

    /// <summary>
    /// Checks, in 64-bit arithmetic, every size a layer's generated code holds in an <c>int</c>: one example's input,
    /// padded input and output, and the weights. Every parser runs it on every spec before anything reads the spec's
    /// own (32-bit) sizes, so no wrapped length ever reaches an emitter.
    /// </summary>
    internal static class SizeLimits
    {
        /// <summary>The first size of <paramref name="spec"/> beyond <see cref="int.MaxValue"/>, or null when all fit.</summary>
        public static SizeOverflow? FirstOverflow(LayerSpec spec)
        {
            FeatureMapShape input = spec.Input;
            if (Exceeds("input", "InputHeight", input.Height, input.Width, input.Channels) is { } inputOverflow)
            {
                return inputOverflow;
            }

            switch (spec)
            {
                case Conv2DSpec conv:
                    long paddedHeight = input.Height + 2L * conv.Pad;
                    long paddedWidth = input.Width + 2L * conv.Pad;
                    return Exceeds("padded input", "pad", paddedHeight, paddedWidth, input.Channels)
                        ?? Exceeds(
                            "output", conv.Pad > 0 ? "pad" : "Filters",
                            OutputSize(paddedHeight, conv.FilterSize, conv.Stride), OutputSize(paddedWidth, conv.FilterSize, conv.Stride), conv.Filters)
                        ?? Exceeds("weights", "Filters", conv.FilterSize, conv.FilterSize, input.Channels, conv.Filters);
                case ZeroPad2DSpec pad:
                    return Exceeds("output", "pad", input.Height + 2L * pad.Pad, input.Width + 2L * pad.Pad, input.Channels);
                case DenseSpec dense:
                    return Exceeds("weights", "units", input.Length, dense.Units);
                default:
                    // Pooling shrinks its input; activations, Flatten and the loss keep its length.
                    return null;
            }
        }

        private static long OutputSize(long padded, int filter, int stride) => padded < filter ? 0 : (padded - filter) / stride + 1;

        private static SizeOverflow? Exceeds(string what, string argument, params long[] factors)
        {
            // Every factor is below 2^32 and the product stops as soon as it passes int.MaxValue, so no long overflows.
            long product = 1;
            foreach (long factor in factors)
            {
                product *= factor;
                if (product > int.MaxValue)
                {
                    string text = string.Join("·", System.Array.ConvertAll(factors, x => x.ToString(CultureInfo.InvariantCulture)));
                    return new SizeOverflow(what, text, argument);
                }
            }

            return null;
        }
    }
}
