using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes a pooling layer's constants, forward and backward kernels.</summary>
    internal static class Pool2DEmitter
    {
        public static void EmitMembers(IndentedWriter writer, Pool2DSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            ShapeConstantsEmitter.Constant(writer, "FilterSize", spec.FilterSize, "The window's height and width.");
            ShapeConstantsEmitter.Constant(writer, "Stride", spec.Stride, "The step between windows.");
        }
    }
}
