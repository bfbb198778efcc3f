using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using CnnGen.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Network
{
    /// <summary>
    /// Turns a <c>[Network]</c> class into a network spec: collects its layer attributes in source order,
    /// infers every layer's input shape from the layer before, and reports what makes the network invalid.
    /// This is the only step of the network pipeline that sees Roslyn symbols.
    /// </summary>
    internal static class NetworkParser
    {
        public const string NetworkAttributeName = "CnnGen.NetworkAttribute";

        public static NetworkParseResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetNode is not TypeDeclarationSyntax declaration
                || ClassAnnotations.ForOwner(context, cancellationToken) is not { IsNetwork: true } annotations)
            {
                // A second [Network] (which the compiler reports) or a declaration that is not the network's first.
                return null;
            }

            INamedTypeSymbol type = annotations.Type;
            var diagnostics = new List<DiagnosticInfo>();
            AttributeData networkAttribute = annotations.Owner.Data;
            LocationInfo? networkLocation = LocationOf(networkAttribute, cancellationToken);
            string name = type.Name;

            if (type.IsStatic)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.StaticNetwork, networkLocation, name));
            }

            // Not a class, not partial, generic, or named like a generated member: nothing can be emitted into the class, so
            // its declaration is the one thing to fix (the layers are not read).
            if (annotations.CheckDeclaration(declaration, diagnostics, cancellationToken))
            {
                return new NetworkParseResult(null, diagnostics.ToEquatableArray());
            }

            // The network's input shape: every dimension at least 1.
            var network = new Arguments(networkAttribute, cancellationToken);
            var input = new FeatureMapShape(
                network.Int("InputHeight") ?? 0,
                network.Int("InputWidth") ?? 0,
                network.Int("InputChannels") ?? 0);
            foreach ((string argument, int value) in new[] { ("InputHeight", input.Height), ("InputWidth", input.Width), ("InputChannels", input.Channels) })
            {
                if (network.Int(argument) is null)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.MissingArgument, networkLocation, "Network", argument, "the height, width and channel count of one input example"));
                }
                else if (value < 1)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidArgument, network.Location(argument), argument, "Network", value.ToString(), "at least 1"));
                }
            }

            bool isDouble = Precision(network, diagnostics);

            // The layers, in the order they are written (by file, then position: AttributeData's order is not promised to be source order).
            List<(AttributeData Attribute, string Kind)> layerAttributes = annotations.All
                .Where(a => a.Kind != ClassAnnotations.NetworkKind)
                .Select(a => (a.Data, a.Kind))
                .ToList();

            if (layerAttributes.Count == 0)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.EmptyNetwork, networkLocation, name));
                return new NetworkParseResult(null, diagnostics.ToEquatableArray());
            }

            TargetTypeSpec target = TargetTypeParser.Parse(type, declaration);
            var layers = new List<NetworkLayer>();
            FeatureMapShape shape = input;
            bool shapeKnown = input.Height >= 1 && input.Width >= 1 && input.Channels >= 1;
            bool lossSeen = false;
            long parameterCount = 0;
            var shortcuts = new Dictionary<string, Shortcut>(StringComparer.Ordinal);
            for (int i = 0; i < layerAttributes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (AttributeData attribute, string kind) = layerAttributes[i];
                var arguments = new Arguments(attribute, cancellationToken);
                LocationInfo? location = LocationOf(attribute, cancellationToken);
                int number = i + 1;
                if (lossSeen)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.LayerAfterLoss, location, kind, name));
                    continue;
                }

                lossSeen = kind == "SoftmaxCrossEntropy";
                if (!shapeKnown)
                {
                    continue;
                }

                CheckStatedShape(arguments, kind, number, name, shape, diagnostics);
                LayerSpec? spec = kind is "Shortcut" or "AddShortcut"
                    ? Residual(kind, number, name, target, shape, arguments, location, shortcuts, diagnostics)
                    : Build(kind, target, shape, arguments, location, diagnostics);
                spec = spec is { } built
                    ? built with { Elements = isDouble ? ElementTypeSet.Double : ElementTypeSet.Single }
                    : null;
                if (spec is null)
                {
                    shapeKnown = false;
                    continue;
                }

                if (SizeLimits.FirstOverflow(spec) is { } overflow)
                {
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.LengthOverflow, arguments.Location(overflow.Argument) ?? location, overflow.What, $"{name}.Layer{number}{kind}", overflow.Factors, int.MaxValue.ToString()));
                    shapeKnown = false;
                    continue;
                }

                FeatureMapShape output = spec.Output;
                if (output.Height < 1 || output.Width < 1 || output.Channels < 1)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShapeCollapses, location, kind, number.ToString(), name, shape.ToString(), Describe(output)));
                    shapeKnown = false;
                    continue;
                }

                var layer = new NetworkLayer(number, kind, spec);
                parameterCount += (long)layer.WeightsLength + layer.BiasLength;
                if (parameterCount > int.MaxValue)
                {
                    // The network's parameters live in one span: their count and every offset into it must be an int.
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.LengthOverflow, location, "parameters (counted from the first layer)", $"{name}.Layer{number}{kind}", parameterCount.ToString(), int.MaxValue.ToString()));
                    shapeKnown = false;
                    continue;
                }

                layers.Add(layer);
                shape = output;
            }

            foreach (KeyValuePair<string, Shortcut> open in shortcuts)
            {
                if (open.Value.AddedBy == 0 && shapeKnown)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, open.Value.Location, "Shortcut", open.Key, name, "is never added: end it with an [AddShortcut] of the same name"));
                }
            }

            string lastKind = layerAttributes[layerAttributes.Count - 1].Kind;
            if (!lossSeen)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.MissingLoss, networkLocation, name, lastKind));
            }

            NetworkSpec? result = diagnostics.Count == 0
                ? new NetworkSpec(target, isDouble, input, layers.ToEquatableArray())
                : null;
            return new NetworkParseResult(result, diagnostics.ToEquatableArray());
        }

        /// <summary>Reports each input-shape argument a layer states that differs from the shape it receives.</summary>
        private static void CheckStatedShape(Arguments arguments, string kind, int number, string network, FeatureMapShape shape, List<DiagnosticInfo> diagnostics)
        {
            var expected = new List<(string Name, int Value)>
            {
                ("InputHeight", shape.Height),
                ("InputWidth", shape.Width),
                ("InputChannels", shape.Channels),
                ("InputLength", shape.Length),
            };
            if (kind == "SoftmaxCrossEntropy")
            {
                expected.Add(("Classes", shape.Length));
            }

            foreach ((string argument, int value) in expected)
            {
                if (arguments.Int(argument) is int stated && stated != value)
                {
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.ShapeDisagrees,
                        arguments.Location(argument),
                        argument, stated.ToString(), kind, number.ToString(), network, shape.ToString(), value.ToString()));
                }
            }
        }

        /// <summary>Builds one layer's spec for the input shape it receives, or reports why its own arguments are invalid.</summary>
        private static LayerSpec? Build(string kind, TargetTypeSpec target, FeatureMapShape input, Arguments arguments, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            int errors = diagnostics.Count;
            int Required(string argument, int minimum, string meaning)
            {
                int? value = arguments.Int(argument);
                if (value is null)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.MissingArgument, location, kind, argument, meaning));
                    return minimum;
                }

                return AtLeast(argument, value.Value, minimum);
            }

            int Optional(string argument, int fallback, int minimum) => AtLeast(argument, arguments.Int(argument) ?? fallback, minimum);

            int AtLeast(string argument, int value, int minimum)
            {
                if (value < minimum)
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.InvalidArgument, arguments.Location(argument) ?? location, argument, kind, value.ToString(), "at least " + minimum));
                }

                return value;
            }

            LayerSpec? spec = kind switch
            {
                "Conv2D" => new Conv2DSpec(
                    target,
                    input,
                    Required("Filters", 1, "the number of filters (the output's channel count)"),
                    Required("f", 1, "the filter size"),
                    Optional("stride", 1, 1),
                    Optional("pad", 0, 0),
                    arguments.Bool("Bias") ?? true),
                "MaxPool2D" => new Pool2DSpec(target, PoolMode.Max, input, Required("f", 1, "the window size"), Optional("stride", 1, 1)),
                "AvgPool2D" => new Pool2DSpec(target, PoolMode.Average, input, Required("f", 1, "the window size"), Optional("stride", 1, 1)),
                "BatchNorm2D" => BatchNorm(kind, target, input, arguments, location, diagnostics),
                "Dropout" => Dropout(kind, target, input, arguments, location, diagnostics),
                "GlobalAvgPool2D" => new GlobalPool2DSpec(target, input, PoolMode.Average),
                "GlobalMaxPool2D" => new GlobalPool2DSpec(target, input, PoolMode.Max),
                "ZeroPad2D" => new ZeroPad2DSpec(target, input, Required("pad", 0, "the padding on each side")),
                "ReLU" => new ReLUSpec(target, input),
                "ReLU6" or "LeakyReLU" or "Sigmoid" or "Tanh" => Activation(kind, target, input, arguments, location, diagnostics),
                "Flatten" => new FlattenSpec(target, input),
                "Dense" => new DenseSpec(target, input, Required("units", 1, "the number of output units")),
                "SoftmaxCrossEntropy" => new SoftmaxCrossEntropySpec(target, input),
                _ => null,
            };

            return diagnostics.Count == errors ? spec : null;
        }

        /// <summary>
        /// The spec of an element-wise activation other than ReLU (<c>kind</c> is one of <see cref="ActivationKind"/>'s names),
        /// or null after reporting a leaky ReLU's slope that is not a finite number in float (CNN0105, at the argument).
        /// </summary>
        internal static ActivationSpec? Activation(string kind, TargetTypeSpec target, FeatureMapShape input, Arguments arguments, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            var activation = (ActivationKind)Enum.Parse(typeof(ActivationKind), kind);
            double slope = 0;
            if (activation == ActivationKind.LeakyReLU)
            {
                slope = arguments.Double("slope") ?? 0.01;

                // The float kernels take the slope as a float: one beyond float's range would become infinite there.
                if (double.IsNaN(slope) || double.IsInfinity(slope) || float.IsInfinity((float)slope))
                {
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.InvalidArgument, arguments.Location("slope") ?? location, "slope", kind,
                        slope.ToString(System.Globalization.CultureInfo.InvariantCulture), "a finite number within float's range"));
                    return null;
                }
            }

            return new ActivationSpec(target, input, activation, slope);
        }

        /// <summary>A residual connection's start: the layer that declared it, the shape kept there, and the layer that added it (0: none yet).</summary>
        private sealed class Shortcut
        {
            public Shortcut(int layer, FeatureMapShape shape, LocationInfo? location)
            {
                Layer = layer;
                Shape = shape;
                Location = location;
            }

            public int Layer { get; }

            public FeatureMapShape Shape { get; }

            public LocationInfo? Location { get; }

            public int AddedBy { get; set; }
        }

        /// <summary>
        /// The spec of a <c>[Shortcut]</c> or <c>[AddShortcut]</c>, or null after reporting a name that is missing, repeated,
        /// unknown or already added (CNN0108), or shapes that do not fit (CNN0109).
        /// </summary>
        private static LayerSpec? Residual(
            string kind, int number, string network, TargetTypeSpec target, FeatureMapShape shape, Arguments arguments, LocationInfo? location,
            Dictionary<string, Shortcut> shortcuts, List<DiagnosticInfo> diagnostics)
        {
            string? connection = arguments.FirstString();
            if (string.IsNullOrEmpty(connection))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, location, kind, connection ?? string.Empty, network, "needs a name that is not empty"));
                return null;
            }

            // The name is written into the architecture signature, a string constant of the generated code.
            if (!connection!.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, location, kind, connection!, network, "may hold only letters, digits, '_', '-' and '.'"));
                return null;
            }

            if (kind == "Shortcut")
            {
                if (shortcuts.TryGetValue(connection!, out Shortcut? earlier))
                {
                    diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, location, kind, connection!, network, $"repeats the name layer {earlier.Layer} declared"));
                    return null;
                }

                shortcuts[connection!] = new Shortcut(number, shape, location);
                return new ShortcutSpec(target, shape, connection!);
            }

            if (!shortcuts.TryGetValue(connection!, out Shortcut? start))
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, location, kind, connection!, network, "names no [Shortcut] declared before it"));
                return null;
            }

            if (start.AddedBy != 0)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.ShortcutName, location, kind, connection!, network, $"was already added by layer {start.AddedBy}: each shortcut is added once"));
                return null;
            }

            start.AddedBy = number;
            bool projection = arguments.Bool("Projection") ?? false;
            if (!projection)
            {
                if (start.Shape != shape)
                {
                    diagnostics.Add(Diagnostic(
                        DiagnosticDescriptors.ShortcutShape, location, connection!, network, Describe(start.Shape), Describe(shape),
                        "an identity shortcut needs the same shape; set Projection = true for a 1×1 convolution and a batch normalization on the shortcut"));
                    return null;
                }

                return new AddShortcutSpec(target, shape, connection!, start.Layer, start.Shape, null, null);
            }

            // A 1×1 convolution of stride s maps H to floor((H − 1) / s) + 1: find the stride that gives both extents.
            int stride = 0;
            for (int s = 1; s <= Math.Max(start.Shape.Height, start.Shape.Width) && stride == 0; s++)
            {
                if ((start.Shape.Height - 1) / s + 1 == shape.Height && (start.Shape.Width - 1) / s + 1 == shape.Width)
                {
                    stride = s;
                }
            }

            if (stride == 0)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.ShortcutShape, location, connection!, network, Describe(start.Shape), Describe(shape),
                    "no stride of a 1×1 projection maps the shortcut's height and width to the activation's"));
                return null;
            }

            var conv = new Conv2DSpec(target, start.Shape, shape.Channels, 1, stride, 0, HasBias: false);
            var norm = new BatchNorm2DSpec(target, shape, 1e-5, 0.1);
            return new AddShortcutSpec(target, shape, connection!, start.Layer, start.Shape, conv, norm);
        }

        /// <summary>The spec of a dropout layer, or null after reporting a rate outside [0, 1) (CNN0105, at the argument).</summary>
        internal static DropoutSpec? Dropout(string kind, TargetTypeSpec target, FeatureMapShape input, Arguments arguments, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            double rate = arguments.Double("rate") ?? 0.5;
            if (!(rate >= 0 && rate < 1))
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.InvalidArgument, arguments.Location("rate") ?? location, "rate", kind,
                    rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "a probability in [0, 1)"));
                return null;
            }

            return new DropoutSpec(target, input, rate);
        }

        /// <summary>
        /// The spec of a batch normalization, or null after reporting an epsilon that is not a positive number in float or a
        /// momentum outside [0, 1] (CNN0105, at the argument).
        /// </summary>
        internal static BatchNorm2DSpec? BatchNorm(string kind, TargetTypeSpec target, FeatureMapShape input, Arguments arguments, LocationInfo? location, List<DiagnosticInfo> diagnostics)
        {
            double epsilon = arguments.Double("Epsilon") ?? 1e-5;
            double momentum = arguments.Double("Momentum") ?? 0.1;
            int errors = diagnostics.Count;

            // The float kernels take epsilon as a float: one that rounds to 0 or to infinity there would divide by zero or flatten everything.
            if (!(epsilon > 0) || double.IsInfinity(epsilon) || float.IsInfinity((float)epsilon) || (float)epsilon == 0)
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.InvalidArgument, arguments.Location("Epsilon") ?? location, "Epsilon", kind,
                    epsilon.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "a finite number above 0, also in float"));
            }

            if (!(momentum >= 0 && momentum <= 1))
            {
                diagnostics.Add(Diagnostic(
                    DiagnosticDescriptors.InvalidArgument, arguments.Location("Momentum") ?? location, "Momentum", kind,
                    momentum.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "a number in [0, 1]"));
            }

            return diagnostics.Count == errors ? new BatchNorm2DSpec(target, input, epsilon, momentum) : null;
        }

        /// <summary>
        /// Whether the network computes in double: <c>NetworkPrecision.Single</c> (0, the default) or <c>Double</c> (1);
        /// any other value, such as <c>(NetworkPrecision)7</c>, is reported (CNN0105) rather than read as float.
        /// </summary>
        private static bool Precision(Arguments network, List<DiagnosticInfo> diagnostics)
        {
            long? value = network.EnumValue("Precision");
            if (value is null or 0 or 1)
            {
                return value == 1;
            }

            diagnostics.Add(Diagnostic(
                DiagnosticDescriptors.InvalidArgument, network.Location("Precision"), "Precision", "Network",
                value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "NetworkPrecision.Single or NetworkPrecision.Double"));
            return false;
        }

        private static string Describe(FeatureMapShape shape) => $"{shape.Height}×{shape.Width}×{shape.Channels}";

        internal static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor.Id, location, arguments.ToEquatableArray());

        internal static LocationInfo? LocationOf(AttributeData attribute, CancellationToken cancellationToken) =>
            LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());

        /// <summary>
        /// Reads an attribute's integer arguments by name, whether written as a named property (<c>Filters = 8</c>)
        /// or as a constructor argument (positional, or <c>stride: 2</c>), and finds where each was written.
        /// </summary>
        internal readonly struct Arguments
        {
            private readonly AttributeData _attribute;
            private readonly AttributeSyntax? _syntax;

            public Arguments(AttributeData attribute, CancellationToken cancellationToken)
            {
                _attribute = attribute;
                _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            }

            /// <summary>The argument's value, or null when the attribute does not give it (a constructor default counts as given).</summary>
            public int? Int(string name)
            {
                foreach (KeyValuePair<string, TypedConstant> pair in _attribute.NamedArguments)
                {
                    if (pair.Key == name && pair.Value.Value is int value)
                    {
                        return value;
                    }
                }

                IMethodSymbol? constructor = _attribute.AttributeConstructor;
                if (constructor is not null)
                {
                    for (int i = 0; i < constructor.Parameters.Length && i < _attribute.ConstructorArguments.Length; i++)
                    {
                        if (string.Equals(constructor.Parameters[i].Name, name, StringComparison.OrdinalIgnoreCase)
                            && _attribute.ConstructorArguments[i].Value is int value)
                        {
                            return value;
                        }
                    }
                }

                return null;
            }

            /// <summary>The first constructor argument as a string (a residual connection's name), or null.</summary>
            public string? FirstString() =>
                _attribute.ConstructorArguments.Length > 0 ? _attribute.ConstructorArguments[0].Value as string : null;

            /// <summary>The named boolean argument's value, or null when the attribute does not give it.</summary>
            public bool? Bool(string name)
            {
                foreach (KeyValuePair<string, TypedConstant> pair in _attribute.NamedArguments)
                {
                    if (pair.Key == name && pair.Value.Value is bool value)
                    {
                        return value;
                    }
                }

                return null;
            }

            /// <summary>The argument's value as a number (an integer argument counts too), or null when the attribute does not give it.</summary>
            public double? Double(string name)
            {
                foreach (KeyValuePair<string, TypedConstant> pair in _attribute.NamedArguments)
                {
                    if (pair.Key == name && AsDouble(pair.Value.Value) is double value)
                    {
                        return value;
                    }
                }

                IMethodSymbol? constructor = _attribute.AttributeConstructor;
                if (constructor is not null)
                {
                    for (int i = 0; i < constructor.Parameters.Length && i < _attribute.ConstructorArguments.Length; i++)
                    {
                        if (string.Equals(constructor.Parameters[i].Name, name, StringComparison.OrdinalIgnoreCase)
                            && AsDouble(_attribute.ConstructorArguments[i].Value) is double value)
                        {
                            return value;
                        }
                    }
                }

                return null;
            }

            private static double? AsDouble(object? value) => value switch
            {
                double d => d,
                float f => f,
                int i => i,
                _ => null,
            };

            /// <summary>The underlying value of an enum-typed named argument, or null when it is not given.</summary>
            public long? EnumValue(string name)
            {
                foreach (KeyValuePair<string, TypedConstant> pair in _attribute.NamedArguments)
                {
                    if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Enum && pair.Value.Value is { } value)
                    {
                        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                return null;
            }

            /// <summary>Where the argument <paramref name="name"/> is written, or null when it is not written.</summary>
            public LocationInfo? Location(string name)
            {
                if (_syntax?.ArgumentList is null)
                {
                    return null;
                }

                SeparatedSyntaxList<AttributeArgumentSyntax> arguments = _syntax.ArgumentList.Arguments;
                IMethodSymbol? constructor = _attribute.AttributeConstructor;
                for (int i = 0; i < arguments.Count; i++)
                {
                    AttributeArgumentSyntax argument = arguments[i];
                    string? written = argument.NameEquals?.Name.Identifier.ValueText ?? argument.NameColon?.Name.Identifier.ValueText;
                    if (written is null && constructor is not null && i < constructor.Parameters.Length)
                    {
                        written = constructor.Parameters[i].Name;
                    }

                    if (written is not null && string.Equals(written, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return LocationInfo.From(argument.GetLocation());
                    }
                }

                return null;
            }
        }
    }
}
