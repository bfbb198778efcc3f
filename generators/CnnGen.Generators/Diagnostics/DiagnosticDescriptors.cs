using Microsoft.CodeAnalysis;

namespace CnnGen.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic the generator reports. IDs are stable: add new ones at the end and record them in
    /// AnalyzerReleases.Unshipped.md (the release-tracking analyzer checks the two agree).
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "CnnGen";

        /// <summary>CNN0001: the annotated class, or a type containing it, is not partial.</summary>
        public static readonly DiagnosticDescriptor NotPartial = new(
            id: "CNN0001",
            title: "Layer or network class must be partial",
            messageFormat: "The class '{0}' must be declared partial, as must every type containing it ('{1}' is not)",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The generator adds the layer's or network's members to the annotated class through a partial declaration.");

        /// <summary>CNN0002: the annotated class, or a type containing it, is generic.</summary>
        public static readonly DiagnosticDescriptor Generic = new(
            id: "CNN0002",
            title: "Layer or network class must not be generic",
            messageFormat: "The class '{0}' must not be generic nor nested in a generic type",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A layer's or network's kernels are specialized to fixed shapes and element types; type parameters have no meaning there.");

        /// <summary>CNN0003: f or stride below 1.</summary>
        public static readonly DiagnosticDescriptor WindowArgumentTooSmall = new(
            id: "CNN0003",
            title: "Filter size and stride must be at least 1",
            messageFormat: "The {0} of layer '{1}' must be at least 1, but is {2}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0004: pad below 0.</summary>
        public static readonly DiagnosticDescriptor NegativePad = new(
            id: "CNN0004",
            title: "Padding must not be negative",
            messageFormat: "The pad of layer '{0}' must be at least 0, but is {1}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0005: an input dimension missing or below 1.</summary>
        public static readonly DiagnosticDescriptor InputDimension = new(
            id: "CNN0005",
            title: "Input dimensions must be given and at least 1",
            messageFormat: "The {0} of layer '{1}' must be set to at least 1, but is {2}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Set InputHeight, InputWidth and InputChannels on the attribute; the generator specializes the kernels to them.");

        /// <summary>CNN0006: Filters missing or below 1.</summary>
        public static readonly DiagnosticDescriptor Filters = new(
            id: "CNN0006",
            title: "Filters must be given and at least 1",
            messageFormat: "The Filters of convolution '{0}' must be set to at least 1, but is {1}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0007: the window does not fit in the (padded) input.</summary>
        public static readonly DiagnosticDescriptor EmptyOutput = new(
            id: "CNN0007",
            title: "Window larger than the padded input",
            messageFormat: "The {0}×{0} window of layer '{1}' does not fit in its {2}×{3} padded input, so the output would be empty",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "The output size per axis is floor((H + 2·pad − f) / stride) + 1, which must be at least 1.");

        /// <summary>CNN0008: a tensor of one example (or the weights) has more values than an int can count.</summary>
        public static readonly DiagnosticDescriptor LengthOverflow = new(
            id: "CNN0008",
            title: "Layer too large",
            messageFormat: "The {0} of layer '{1}' would hold {2} values, more than a span can address ({3})",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0009: pad ≥ f, so border outputs see only padding.</summary>
        public static readonly DiagnosticDescriptor PadNotSmallerThanFilter = new(
            id: "CNN0009",
            title: "Padding at least as large as the filter",
            messageFormat: "The pad {0} of layer '{1}' is at least its filter size {2}, so some outputs see only padding and equal the bias",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true);

        /// <summary>CNN0010: the stride does not divide (H + 2·pad − f), so the last rows or columns are never read.</summary>
        public static readonly DiagnosticDescriptor StrideDropsInput = new(
            id: "CNN0010",
            title: "Stride leaves the last rows or columns unused",
            messageFormat: "The stride {0} of layer '{1}' does not divide {2} + 2·{3} − {4} = {5}, so it never reads the input's last {6}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Info,
            isEnabledByDefault: true);

        /// <summary>CNN0011: more than one layer attribute on one class.</summary>
        public static readonly DiagnosticDescriptor SeveralLayers = new(
            id: "CNN0011",
            title: "One layer attribute per class",
            messageFormat: "The class '{0}' already declares a layer with [{1}]; declare each layer on its own class",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Each layer class gets its own Forward, Backward and shape constants; two layers on one class would collide.");

        /// <summary>CNN0012: the class's name equals a member the generator adds (a member may not share its type's name).</summary>
        public static readonly DiagnosticDescriptor NameCollidesWithMember = new(
            id: "CNN0012",
            title: "Class named like a generated member",
            messageFormat: "The class '{0}' has the name of a member the generator adds to it; rename the class",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "Generated layers get members such as Forward, Backward, Stride, Pad and the shape constants, and networks members such as Forward, Predict, TrainStep, Save, Load, Parameters and Layer1OutputLength; C# forbids a member named like its class.");

        /// <summary>CNN0013: a CnnGen attribute on a struct, record struct or interface.</summary>
        public static readonly DiagnosticDescriptor NotAClass = new(
            id: "CNN0013",
            title: "Layers and networks are classes",
            messageFormat: "'{0}' is {1}: CnnGen generates layers and networks into classes (a layer may also be a record class)",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: "A layer's members are static and a network is an instance that owns its buffers; both are generated into a partial class.");

        /// <summary>CNN0014: [Network] on a record.</summary>
        public static readonly DiagnosticDescriptor RecordNetwork = new(
            id: "CNN0014",
            title: "Network class is a record",
            messageFormat: "Network '{0}' must not be a record: a copy made with 'with' would share its parameters, buffers and threads; declare it as a class",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0100: Network has no layers.</summary>
        public static readonly DiagnosticDescriptor EmptyNetwork = new(
            id: "CNN0100",
            title: "Network has no layers",
            messageFormat: "Network '{0}' declares no layers: add layer attributes such as [Conv2D], [Dense] and [SoftmaxCrossEntropy] after [Network]",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0101: Layer after the loss.</summary>
        public static readonly DiagnosticDescriptor LayerAfterLoss = new(
            id: "CNN0101",
            title: "Layer after the loss",
            messageFormat: "[{0}] comes after the loss [SoftmaxCrossEntropy] of network '{1}': the loss must be the last layer",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0102: Network does not end with a loss.</summary>
        public static readonly DiagnosticDescriptor MissingLoss = new(
            id: "CNN0102",
            title: "Network does not end with a loss",
            messageFormat: "Network '{0}' must end with [SoftmaxCrossEntropy] to be trained, but its last layer is [{1}]",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0103: Layer's output shape is empty.</summary>
        public static readonly DiagnosticDescriptor ShapeCollapses = new(
            id: "CNN0103",
            title: "Layer's output shape is empty",
            messageFormat: "[{0}] (layer {1} of network '{2}') turns its input {3} into an output of {4}: every dimension must be at least 1",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0104: Layer's stated input shape disagrees with the network.</summary>
        public static readonly DiagnosticDescriptor ShapeDisagrees = new(
            id: "CNN0104",
            title: "Layer's stated input shape disagrees with the network",
            messageFormat: "{0} = {1} on [{2}] (layer {3} of network '{4}') disagrees with the input the layer receives, {5}; remove the argument or make it {6}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0105: Layer argument out of range.</summary>
        public static readonly DiagnosticDescriptor InvalidArgument = new(
            id: "CNN0105",
            title: "Layer argument out of range",
            messageFormat: "{0} of [{1}] is {2}, but it must be {3}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0106: Layer argument missing.</summary>
        public static readonly DiagnosticDescriptor MissingArgument = new(
            id: "CNN0106",
            title: "Layer argument missing",
            messageFormat: "[{0}] needs {1}: {2}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0107: Network class is static.</summary>
        public static readonly DiagnosticDescriptor StaticNetwork = new(
            id: "CNN0107",
            title: "Network class is static",
            messageFormat: "Network '{0}' must not be a static class: a network is an instance that owns its parameters and buffers",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0108: A residual connection's name is unknown, repeated, or used twice.</summary>
        public static readonly DiagnosticDescriptor ShortcutName = new(
            id: "CNN0108",
            title: "Residual connection name",
            messageFormat: "[{0}(\"{1}\")] in '{2}' {3}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>CNN0109: A residual connection's two shapes do not fit.</summary>
        public static readonly DiagnosticDescriptor ShortcutShape = new(
            id: "CNN0109",
            title: "Residual connection shapes do not fit",
            messageFormat: "[AddShortcut(\"{0}\")] in network '{1}' adds a {2} shortcut to a {3} activation: {4}",
            category: Category,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        /// <summary>Looks a descriptor up by id (diagnostics travel through the pipeline as plain data holding only the id).</summary>
        public static DiagnosticDescriptor? ById(string id)
        {
            foreach (DiagnosticDescriptor descriptor in All)
            {
                if (descriptor.Id == id)
                {
                    return descriptor;
                }
            }

            return null;
        }

        /// <summary>All descriptors, in id order.</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            NotPartial,
            Generic,
            WindowArgumentTooSmall,
            NegativePad,
            InputDimension,
            Filters,
            EmptyOutput,
            LengthOverflow,
            PadNotSmallerThanFilter,
            StrideDropsInput,
            SeveralLayers,
            NameCollidesWithMember,
            NotAClass,
            RecordNetwork,
            EmptyNetwork,
            LayerAfterLoss,
            MissingLoss,
            ShapeCollapses,
            ShapeDisagrees,
            InvalidArgument,
            MissingArgument,
            StaticNetwork,
            ShortcutName,
            ShortcutShape,
        };
    }
}
