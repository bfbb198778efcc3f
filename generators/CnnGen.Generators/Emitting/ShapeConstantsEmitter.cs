using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>Writes the shape constants every layer exposes.</summary>
    internal static class ShapeConstantsEmitter
    {
        public static void Emit(IndentedWriter writer, FeatureMapShape input, FeatureMapShape output)
        {
            Constant(writer, "InputHeight", input.Height, "The height of one input example.");
            Constant(writer, "InputWidth", input.Width, "The width of one input example.");
            Constant(writer, "InputChannels", input.Channels, "The channel count of one input example.");
            Constant(writer, "OutputHeight", output.Height, "The height of one output example.");
            Constant(writer, "OutputWidth", output.Width, "The width of one output example.");
            Constant(writer, "OutputChannels", output.Channels, "The channel count of one output example.");
            Constant(writer, "InputLength", input.Length, $"The number of values in one input example ({input.Height}·{input.Width}·{input.Channels}, NHWC).");
            Constant(writer, "OutputLength", output.Length, $"The number of values in one output example ({output.Height}·{output.Width}·{output.Channels}, NHWC).");
        }

        public static void Constant(IndentedWriter writer, string name, int value, string summary)
        {
            writer.Summary(summary);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            writer.Line($"public const int {name} = {value};");
            writer.Line();
        }
    }
}
