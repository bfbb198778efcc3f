using System.Linq;
using CnnGen.Generators.Model;
using static CnnGen.Generators.Emitting.SimdText;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes the rectified linear unit's constants and kernels: <c>Forward(input, output)</c> computes
    /// <c>max(x, 0)</c> and <c>Backward(outputGradient, input, inputGradient)</c> passes the gradient where the
    /// input is positive. Both check their spans and call the runtime's streaming loops (<c>StreamingReLU</c>) over the whole batch.
    /// </summary>
    internal static class ReLUEmitter
    {
        /// <summary>The runtime's streaming loops, shared by every ReLU layer: only the length differs between shapes.</summary>
        private const string Kernels = "global::CnnGen.Generated.StreamingReLU";

        public static void EmitMembers(IndentedWriter writer, ReLUSpec spec)
        {
            ShapeConstantsEmitter.Emit(writer, spec.Input, spec.Output);
            foreach (ElementType type in ElementTypes.All.Where(t => spec.Emits(t.Name)))
            {
                EmitForward(writer, type);
                EmitBackward(writer, type);
            }
        }

        private static void EmitForward(IndentedWriter writer, ElementType type) =>
            ActivationEmitter.EmitForwardWrapper(
                writer,
                type.Name,
                "Computes <c>output = max(input, 0)</c> for a batch (NHWC). <paramref name=\"output\"/> may be <paramref name=\"input\"/> itself.\nA NaN input gives a NaN output.",
                $"{Kernels}.Forward(ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(output), input.Length);");

        private static void EmitBackward(IndentedWriter writer, ElementType type) =>
            ActivationEmitter.EmitBackwardWrapper(
                writer,
                type.Name,
                "Computes <c>inputGradient = input &gt; 0 ? outputGradient : 0</c> for a batch (overwritten, not accumulated).\n<paramref name=\"input\"/> may be the forward output instead: both are positive at the same places.\n<paramref name=\"inputGradient\"/> may be <paramref name=\"outputGradient\"/> itself.",
                $"{Kernels}.Backward(ref {MemoryMarshal}.GetReference(outputGradient), ref {MemoryMarshal}.GetReference(input), ref {MemoryMarshal}.GetReference(inputGradient), outputGradient.Length);");
    }
}
