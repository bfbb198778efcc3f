using System.Collections.Generic;
using System.Linq;
using CnnGen.Generators.Emitting.Planning;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes a convolution layer's constants, forward and backward kernels.</summary>
    internal static class Conv2DEmitter
    {
        /// <summary>The namespaces the emitted kernels use, written at the top of the file.</summary>
        public static readonly string[] Usings =
        {
            "System",
            "System.Buffers",
            "System.Runtime.CompilerServices",
            "System.Runtime.InteropServices",
            "System.Runtime.Intrinsics",
        };

        public static void EmitMembers(IndentedWriter writer, Conv2DSpec spec)
        {
            FeatureMapShape input = spec.Input;
            FeatureMapShape output = spec.Output;
            ShapeConstantsEmitter.Emit(writer, input, output);
            ShapeConstantsEmitter.Constant(writer, "FilterSize", spec.FilterSize, "The filter's height and width.");
            ShapeConstantsEmitter.Constant(writer, "Stride", spec.Stride, "The step between windows.");
            ShapeConstantsEmitter.Constant(writer, "Pad", spec.Pad, "The zero padding on each side of the height and width axes.");
            ShapeConstantsEmitter.Constant(writer, "WeightsLength", spec.WeightsLength, "The number of weights, laid out (f, f, C_in, C_out).");
            ShapeConstantsEmitter.Constant(writer, "BiasLength", spec.Filters, "The number of biases, one per filter.");

            var layer = new ConvLayer(spec, writer.CancellationToken);
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
