using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes a zero-padding layer's constants, forward (pad) and backward (crop) kernels.</summary>
    internal static class ZeroPad2DEmitter
    {
        public static void EmitMembers(IndentedWriter writer, ZeroPad2DSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            ShapeConstantsEmitter.Constant(writer, "Pad", spec.Pad, "The zeros added on each side of the height and width axes.");
        }
    }
}
