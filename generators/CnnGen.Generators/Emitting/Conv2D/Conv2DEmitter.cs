using System.Collections.Generic;
using System.Linq;
using CnnGen.Generators.Emitting.Planning;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes a convolution layer's constants, forward and backward kernels.</summary>
    internal static class Conv2DEmitter
    {
        /// <summary>
        /// Writes the layer's members at the first <see cref="Compaction"/> level whose text fits
        /// <see cref="KernelBudget.LayerCharacters"/> (the last level if none does).
        /// </summary>
        public static void EmitMembers(IndentedWriter writer, Conv2DSpec spec)
        {
            // The first level that fits; if none does, the shortest text.
            string? text = null;
            int shortest = int.MaxValue;
            foreach (Compaction level in KernelBudget.CompactionLevels)
            {
                var attempt = new IndentedWriter(writer.CancellationToken) { OmitDocumentation = writer.OmitDocumentation, OmitGeneratedCodeAttributes = writer.OmitGeneratedCodeAttributes };
                EmitMembers(attempt, spec, level);
                string candidate = attempt.ToString();
                int length = Length(candidate, writer.Depth);
                if (length < shortest)
                {
                    (text, shortest) = (candidate, length);
                }

                if (length <= KernelBudget.LayerCharacters)
                {
                    break; // every earlier level was longer, so this one is also the shortest
                }
            }

            writer.Lines(text!.TrimEnd('\n'));
            writer.Line();
        }

        /// <summary>The characters <paramref name="text"/> takes once indented by <paramref name="depth"/> levels.</summary>
        private static int Length(string text, int depth)
        {
            int lines = 0;
            foreach (char c in text)
            {
                lines += c == '\n' ? 1 : 0;
            }

            return text.Length + depth * IndentedWriter.IndentUnit.Length * lines;
        }

        private static void EmitMembers(IndentedWriter writer, Conv2DSpec spec, Compaction compaction)
        {
            FeatureMapShape input = spec.Input;
            FeatureMapShape output = spec.Output;
            ShapeConstantsEmitter.Emit(writer, input, output);
            ShapeConstantsEmitter.Constant(writer, "FilterSize", spec.FilterSize, "The filter's height and width.");
            ShapeConstantsEmitter.Constant(writer, "Stride", spec.Stride, "The step between windows.");
            ShapeConstantsEmitter.Constant(writer, "Pad", spec.Pad, "The zero padding on each side of the height and width axes.");
            ShapeConstantsEmitter.Constant(writer, "WeightsLength", spec.WeightsLength, "The number of weights, laid out (f, f, C_in, C_out).");
            ShapeConstantsEmitter.Constant(writer, "BiasLength", spec.BiasLength, spec.HasBias ? "The number of biases, one per filter." : "The number of biases: none (Bias = false), so bias spans are empty.");

            var layer = new ConvLayer(spec, compaction, writer.CancellationToken);
            layer.EmitOverview(writer);
            foreach (ElementKind element in new[] { ElementKind.Single, ElementKind.Double }.Where(e => spec.Emits(e.Keyword)))
            {
                layer.EmitForwardWrapper(writer, element);
                layer.EmitBackwardWrapper(writer, element);
            }

            layer.EmitKernels(writer, new[] { ElementKind.Single, ElementKind.Double }.Where(e => spec.Emits(e.Keyword)).ToList());
        }
    }
}
