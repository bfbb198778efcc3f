using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// The runtime library's static-abstract interfaces a generated layer implements, so generic code can call it
    /// (<c>where TLayer : IWeightedLayer&lt;T&gt;</c>) without reflection. Each layer kind implements its family's
    /// interface for <c>float</c> and for <c>double</c> (a layer nested in a network for the network's one element type). The public static <c>Forward</c>/<c>Backward</c> (and the loss's
    /// <c>Softmax</c>) the layer emitters write already have the interfaces' exact signatures, so they implement the
    /// methods implicitly; only the shape properties need code, one line each, because constants cannot implement them.
    /// </summary>
    internal static class LayerContract
    {
        private const string Shape = "global::CnnGen.ILayerShape";
        private const string WeightedShape = "global::CnnGen.IWeightedLayerShape";

        /// <summary>The names of <c>ILayerShape</c>'s properties, answered by the layer's constants of the same names.</summary>
        private static readonly string[] ShapeProperties =
        {
            "InputHeight", "InputWidth", "InputChannels", "OutputHeight", "OutputWidth", "OutputChannels", "InputLength", "OutputLength",
        };

        /// <summary>
        /// The interfaces a layer of this kind implements, as written after the colon of its declaration, or null for a kind
        /// with no contract (none today: a spec kind the emitters do not know gets no members either).
        /// </summary>
        public static string? BaseList(LayerSpec spec)
        {
            string? family = spec switch
            {
                Conv2DSpec => "IParallelWeightedLayer",
                DenseSpec => "IWeightedLayer",
                Pool2DSpec => "IParallelUnweightedLayer",
                ReLUSpec or ActivationSpec or GlobalPool2DSpec => "IUnweightedLayer",
                ZeroPad2DSpec => "IParallelReshapingLayer",
                FlattenSpec => "IReshapingLayer",
                SoftmaxCrossEntropySpec => "ILossLayer",
                BatchNorm2DSpec => "IBatchNormLayer",
                DropoutSpec => "IDropoutLayer",
                _ => null,
            };
            if (family is null)
            {
                return null;
            }

            var interfaces = new System.Collections.Generic.List<string>();
            foreach (string type in new[] { "float", "double" })
            {
                if (spec.Emits(type))
                {
                    interfaces.Add($"global::CnnGen.{family}<{type}>");
                }
            }

            return string.Join(", ", interfaces);
        }

        /// <summary>
        /// Writes the explicit implementations of the shape properties (and, for a weighted layer, of its parameter sizes),
        /// each returning the constant of the same name; nothing for a kind <see cref="BaseList"/> gives no interfaces.
        /// </summary>
        public static void EmitImplementations(IndentedWriter writer, LayerSpec spec)
        {
            if (BaseList(spec) is null)
            {
                return;
            }

            foreach (string property in ShapeProperties)
            {
                writer.Line($"static int {Shape}.{property} => {property};");
            }

            if (spec is Conv2DSpec or DenseSpec)
            {
                writer.Line($"static int {WeightedShape}.WeightsLength => WeightsLength;");
                writer.Line($"static int {WeightedShape}.BiasLength => BiasLength;");
            }

            writer.Line();
        }
    }
}
