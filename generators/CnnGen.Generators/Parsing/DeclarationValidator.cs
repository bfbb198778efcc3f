using System.Collections.Generic;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>What the generator adds to an annotated class: one layer's members, or a whole network's.</summary>
    internal enum DeclarationKind
    {
        Layer,
        Network,
    }

    /// <summary>
    /// The checks every annotated class gets before its attributes are read, run for every parser by
    /// <see cref="ClassAnnotations.CheckDeclaration"/>: the class and every type containing it must be partial (CNN0001), none of them generic (CNN0002), and the
    /// class must not be named like a member the generator adds to it (CNN0012, since C# forbids a member named like its
    /// type). A class that fails them generates nothing.
    /// </summary>
    internal static class DeclarationValidator
    {
        /// <summary>
        /// Every name the layer emitters add to a class (constants, entry points, batch wrappers and kernel bodies), for all
        /// layer kinds alike, so renaming a layer's kind never turns a valid class name invalid.
        /// </summary>
        internal static readonly string[] LayerMemberNames =
        {
            "InputHeight", "InputWidth", "InputChannels", "OutputHeight", "OutputWidth", "OutputChannels",
            "InputLength", "OutputLength", "FilterSize", "Stride", "Pad", "WeightsLength", "BiasLength", "Filters",
            "Units", "Classes",
            "Forward", "Backward", "Softmax", "ForwardBatch", "BackwardBatch", "ForwardKernel", "BackwardKernel",
            "ForwardCore", "BackwardCore", "SoftmaxOne", "CheckLabels",
        };

        /// <summary>
        /// Every fixed name the network emitter adds to a <c>[Network]</c> class. It also adds per-layer names, matched by
        /// <see cref="IsNetworkLayerMemberName"/>.
        /// </summary>
        internal static readonly string[] NetworkMemberNames =
        {
            "InputHeight", "InputWidth", "InputChannels", "InputLength", "ClassCount", "LayerCount", "ParameterCount", "StateCount", "Architecture",
            "MaxBatchSize", "Parameters", "Gradients", "InputGradient", "Logits", "Probabilities", "Training", "RunningStatistics", "_state", "DropoutSeed", "DropoutStep",
            "InitializeParameters", "Forward", "Backward", "ComputeGradients", "TrainStep", "Predict", "Save", "Load",
            "RunLayers", "Batch", "BatchOf",
            "_parameters", "_gradients", "_input", "_inputGradient", "_probabilities", "_batch", "_haveForward",
            "Dispose", "EnterCall", "ExitCall", "_caller", "_disposed",
            "Threads", "ShardLayers", "ShardLoss", "ShardBackward", "RunShards", "RunShard", "Dispatch", "SumShardGradients",
            "Part", "LossGradient", "CheckLabels",
            "_parallel", "_shardGradients", "_shardLosses", "_shardSteps", "_shardWork", "_labels", "_shardSegment",
            "RunForwardSegments", "RunBackwardSegments",
        };

        /// <summary>
        /// The stems of a convolution's private kernels: each is followed by the element type and then a vector tier, a row
        /// range or a stride phase (<c>ForwardSingleV512</c>, <c>InputGradientDoubleV128Phase1_0Rows0To3</c>, <c>FlipSingle</c>),
        /// or, for a body shared by both element types, directly by the tier (<c>ForwardV512</c>, <c>InputGradientV256Phase0_1Rows0To6</c>).
        /// </summary>
        private static readonly string[] KernelStems = { "Forward", "BiasGradient", "WeightGradient", "InputGradient", "Flip", "ZeroBias" };

        /// <summary>What follows <c>Layer{n}</c> in the names a network adds per layer: its constants and its nested kernel class.</summary>
        private static readonly string[] NetworkLayerSuffixes =
        {
            "OutputHeight", "OutputWidth", "OutputChannels", "OutputLength", "WeightsOffset", "WeightsLength", "BiasOffset", "BiasLength", "FanIn", "RunningMeanOffset", "RunningVarianceOffset", "ProjectionWeightsOffset", "ProjectionWeightsLength", "ProjectionScaleOffset", "ProjectionShiftOffset",
            "Conv2D", "MaxPool2D", "AvgPool2D", "GlobalAvgPool2D", "GlobalMaxPool2D", "BatchNorm2D", "Dropout", "Shortcut", "AddShortcut", "ProjectionConv", "ProjectionNorm", "ZeroPad2D", "ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Tanh", "Flatten", "Dense",
            "SoftmaxCrossEntropy",
        };

        /// <summary>
        /// Adds CNN0001, CNN0002 and CNN0012 for <paramref name="type"/> to <paramref name="diagnostics"/>, all at
        /// <paramref name="location"/> (the attribute that asks for the generated code); returns whether it added any.
        /// </summary>
        public static bool Check(
            INamedTypeSymbol type,
            TypeDeclarationSyntax declaration,
            DeclarationKind kind,
            LocationInfo? location,
            List<DiagnosticInfo> diagnostics)
        {
            int before = diagnostics.Count;
            string? notPartial = FirstNonPartial(declaration);
            if (notPartial is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NotPartial, location, type.Name, notPartial));
            }

            if (IsGenericOrInGeneric(type))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.Generic, location, type.Name));
            }

            if (IsReserved(type.Name, kind))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.NameCollidesWithMember, location, type.Name));
            }

            return diagnostics.Count > before;
        }

        /// <summary>True when the generator adds a member called <paramref name="name"/> to a class of this kind.</summary>
        /// <remarks>
        /// A test generates every layer kind and a network holding all of them and checks each declared member against this,
        /// so a member added to an emitter without its name here fails that test rather than a user's build (CS0542).
        /// </remarks>
        internal static bool IsReserved(string name, DeclarationKind kind)
        {
            // A property's accessors are methods too (get_Parameters): reserved with the property.
            if (name.StartsWith("get_", System.StringComparison.Ordinal) || name.StartsWith("set_", System.StringComparison.Ordinal))
            {
                name = name.Substring(4);
            }

            return kind == DeclarationKind.Network
                ? System.Array.IndexOf(NetworkMemberNames, name) >= 0 || IsNetworkLayerMemberName(name)
                : System.Array.IndexOf(LayerMemberNames, name) >= 0 || IsKernelName(name);
        }

        /// <summary>True for the names of a convolution's private kernels: a kernel stem, then Single, Double or V (a tier), then anything.</summary>
        private static bool IsKernelName(string name)
        {
            foreach (string stem in KernelStems)
            {
                if (name.StartsWith(stem + "Single", System.StringComparison.Ordinal) || name.StartsWith(stem + "Double", System.StringComparison.Ordinal) ||
                    (name.StartsWith(stem + "V", System.StringComparison.Ordinal) && name.Length > stem.Length + 1 && char.IsDigit(name[stem.Length + 1])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for the per-layer names a network adds: <c>Layer{n}</c> followed by a constant's name or a layer kind
        /// (<c>Layer1OutputHeight</c>, <c>Layer3Dense</c>), and the buffers <c>_activation{n}</c> and <c>_activationGradient{n}</c>.
        /// </summary>
        internal static bool IsNetworkLayerMemberName(string name)
        {
            if (DigitsThenRest(name, "_activationGradient") == string.Empty || DigitsThenRest(name, "_activation") == string.Empty)
            {
                return true;
            }

            string? suffix = DigitsThenRest(name, "Layer");
            return suffix is not null && System.Array.IndexOf(NetworkLayerSuffixes, suffix) >= 0;
        }

        /// <summary>
        /// When <paramref name="name"/> is <paramref name="prefix"/> followed by at least one digit, what comes after the
        /// digits (possibly empty); otherwise null.
        /// </summary>
        private static string? DigitsThenRest(string name, string prefix)
        {
            if (!name.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return null;
            }

            int end = prefix.Length;
            while (end < name.Length && name[end] >= '0' && name[end] <= '9')
            {
                end++;
            }

            return end == prefix.Length ? null : name.Substring(end);
        }

        /// <summary>The name of the first declaration, from the class outwards, that lacks the partial modifier.</summary>
        private static string? FirstNonPartial(TypeDeclarationSyntax declaration)
        {
            for (SyntaxNode? node = declaration; node is not null; node = node.Parent)
            {
                if (node is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return type.Identifier.ValueText;
                }
            }

            return null;
        }

        private static bool IsGenericOrInGeneric(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.TypeParameters.Length > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor.Id, location, arguments.ToEquatableArray());
    }
}
