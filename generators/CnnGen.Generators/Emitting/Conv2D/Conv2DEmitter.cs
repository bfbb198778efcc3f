using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes a convolution layer's constants, forward and backward kernels.</summary>
    internal static class Conv2DEmitter
    {
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
        }
    }
}
