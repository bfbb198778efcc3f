using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Network
{
    /// <summary>
    /// TEMPORARY, until the conv, pool and zero-pad emitters write their own Forward/Backward: gives a network's nested
    /// Conv2D layer classes kernels with the emitted contract that delegate to the generic
    /// runtime kernels. Switched off (and to be deleted) as soon as those emitters land, so that networks then run
    /// the specialized kernels without any change here.
    /// </summary>
    internal static class InterimKernelBridge
    {
        /// <summary>Whether the layer emitters still lack kernels for these layers.</summary>
        public const bool Enabled = true;

        public static void EmitMembers(IndentedWriter writer, LayerSpec spec)
        {
            switch (spec)
            {
                case Conv2DSpec:
                    writer.Line("private static readonly global::CnnGen.Conv2DGeometry Geometry = new(InputHeight, InputWidth, InputChannels, OutputChannels, FilterSize, Stride, Pad);");
                    foreach (ElementType type in ElementTypes.All)
                    {
                        string t = type.Name;
                        writer.Line($"public static void Forward(global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> weights, global::System.ReadOnlySpan<{t}> bias, global::System.Span<{t}> output) => global::CnnGen.Conv2DKernels.Forward(Geometry, input, weights, bias, output);");
                        writer.Line($"public static void Backward(global::System.ReadOnlySpan<{t}> outputGradient, global::System.ReadOnlySpan<{t}> input, global::System.ReadOnlySpan<{t}> weights, global::System.Span<{t}> inputGradient, global::System.Span<{t}> weightsGradient, global::System.Span<{t}> biasGradient) => global::CnnGen.Conv2DKernels.Backward(Geometry, outputGradient, input, weights, inputGradient, weightsGradient, biasGradient);");
                    }

                    break;
            }
        }
    }
}
