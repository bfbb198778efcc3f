using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Network
{
    /// <summary>
    /// The diagnostics of whole networks (CNN0100 and up) and of the single-layer attributes that networks added
    /// (<c>[ReLU]</c>, <c>[Flatten]</c>, <c>[Dense]</c>, <c>[SoftmaxCrossEntropy]</c>). Every one is an error at the
    /// attribute, or the attribute argument, that causes it.
    /// </summary>
    internal static class NetworkDiagnostics
    {
        private const string Category = "CnnGen.Network";

        public static readonly DiagnosticDescriptor EmptyNetwork = Error(
            "CNN0100",
            "Network has no layers",
            "Network '{0}' declares no layers: add layer attributes such as [Conv2D], [Dense] and [SoftmaxCrossEntropy] after [Network]");

        public static readonly DiagnosticDescriptor LayerAfterLoss = Error(
            "CNN0101",
            "Layer after the loss",
            "[{0}] comes after the loss [SoftmaxCrossEntropy] of network '{1}': the loss must be the last layer");

        public static readonly DiagnosticDescriptor MissingLoss = Error(
            "CNN0102",
            "Network does not end with a loss",
            "Network '{0}' must end with [SoftmaxCrossEntropy] to be trained, but its last layer is [{1}]");

        public static readonly DiagnosticDescriptor ShapeCollapses = Error(
            "CNN0103",
            "Layer's output shape is empty",
            "[{0}] (layer {1} of network '{2}') turns its input {3} into an output of {4}: every dimension must be at least 1");

        public static readonly DiagnosticDescriptor ShapeDisagrees = Error(
            "CNN0104",
            "Layer's stated input shape disagrees with the network",
            "{0} = {1} on [{2}] (layer {3} of network '{4}') disagrees with the input the layer receives, {5}; remove the argument or make it {6}");

        public static readonly DiagnosticDescriptor InvalidArgument = Error(
            "CNN0105",
            "Layer argument out of range",
            "{0} of [{1}] is {2}, but it must be {3}");

        public static readonly DiagnosticDescriptor MissingArgument = Error(
            "CNN0106",
            "Layer argument missing",
            "[{0}] needs {1}: {2}");

        public static readonly DiagnosticDescriptor StaticNetwork = Error(
            "CNN0107",
            "Network class is static",
            "Network '{0}' must not be a static class: a network is an instance that owns its parameters and buffers");

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = new()
        {
            [EmptyNetwork.Id] = EmptyNetwork,
            [LayerAfterLoss.Id] = LayerAfterLoss,
            [MissingLoss.Id] = MissingLoss,
            [ShapeCollapses.Id] = ShapeCollapses,
            [ShapeDisagrees.Id] = ShapeDisagrees,
            [InvalidArgument.Id] = InvalidArgument,
            [MissingArgument.Id] = MissingArgument,
            [StaticNetwork.Id] = StaticNetwork,
        };

        /// <summary>The descriptor with the id <paramref name="id"/>.</summary>
        public static DiagnosticDescriptor Find(string id) => ById[id];

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }
}
