using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using CnnGen.Generators.Diagnostics;
using CnnGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CnnGen.Generators.Parsing
{
    /// <summary>
    /// Turns a layer attribute on a class into a validated layer spec plus diagnostics. This is the first and only
    /// step that sees Roslyn symbols and syntax; everything it returns is plain equatable data.
    /// </summary>
    /// <remarks>
    /// An invalid layer yields no spec, so nothing is emitted for it: the diagnostic on the attribute is the one
    /// error to fix. (Uses of the missing members then fail to bind; emitting throwing stubs instead would need
    /// shape constants that an invalid layer does not have.)
    /// </remarks>
    internal static class LayerParser
    {
        public static LayerParseResult Parse(GeneratorAttributeSyntaxContext context, LayerKind kind, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.TargetNode is not TypeDeclarationSyntax declaration
                || context.Attributes.IsDefaultOrEmpty)
            {
                return LayerParseResult.Nothing;
            }

            if (Network.NetworkParser.IsNetwork(type))
            {
                // A [Network] class's layer attributes belong to the network pipeline.
                return LayerParseResult.Nothing;
            }

            AttributeData attribute = context.Attributes[0];
            var arguments = new AttributeArguments(attribute, SyntaxOf(attribute, cancellationToken));
            var diagnostics = new List<DiagnosticInfo>();

            // Several layer attributes on one class: the first one (in source order) speaks for all of them.
            List<AttributeData> layers = LayerAttributesOf(type);
            if (layers.Count > 1)
            {
                if (IsSameApplication(layers[0], attribute))
                {
                    for (int i = 1; i < layers.Count; i++)
                    {
                        Add(diagnostics, DiagnosticDescriptors.SeveralLayers, SyntaxOf(layers[i], cancellationToken)?.GetLocation(),
                            type.Name, ShortName(layers[0]));
                    }
                }

                return new LayerParseResult(null, diagnostics.ToEquatableArray());
            }

            if (!arguments.IsWellFormed)
            {
                return LayerParseResult.Nothing;
            }

            if (DeclarationValidator.Check(type, declaration, DeclarationKind.Layer, LocationInfo.From(arguments.AttributeLocation), diagnostics))
            {
                return new LayerParseResult(null, diagnostics.ToEquatableArray());
            }

            cancellationToken.ThrowIfCancellationRequested();
            var reader = new Reader(arguments, type.Name, diagnostics);
            TargetTypeSpec target = TargetTypeParser.Parse(type, declaration);
            LayerSpec? spec = kind switch
            {
                LayerKind.Conv2D => reader.Conv2D(target),
                LayerKind.MaxPool2D => reader.Pool2D(target, PoolMode.Max),
                LayerKind.AvgPool2D => reader.Pool2D(target, PoolMode.Average),
                LayerKind.ZeroPad2D => reader.ZeroPad2D(target),
                _ => null,
            };

            return new LayerParseResult(spec, diagnostics.ToEquatableArray());
        }

        /// <summary>Reads and checks one attribute's arguments, collecting diagnostics as it goes.</summary>
        private readonly struct Reader
        {
            private readonly AttributeArguments _arguments;
            private readonly string _layer;
            private readonly List<DiagnosticInfo> _diagnostics;

            public Reader(AttributeArguments arguments, string layer, List<DiagnosticInfo> diagnostics)
            {
                _arguments = arguments;
                _layer = layer;
                _diagnostics = diagnostics;
            }

            private bool HasErrors
            {
                get
                {
                    foreach (DiagnosticInfo diagnostic in _diagnostics)
                    {
                        if (DiagnosticDescriptors.ById(diagnostic.DescriptorId)?.DefaultSeverity == DiagnosticSeverity.Error)
                        {
                            return true;
                        }
                    }

                    return false;
                }
            }

            public Conv2DSpec? Conv2D(TargetTypeSpec target)
            {
                int f = AtLeastOne("f", "filter size");
                int stride = AtLeastOne("stride", "stride");
                int pad = Pad();
                FeatureMapShape input = InputShape();
                int? given = _arguments.Named("Filters");
                int filters = given ?? 0;
                if (filters < 1)
                {
                    Report(DiagnosticDescriptors.Filters, _arguments.LocationOf("Filters"), _layer, given is null ? "missing" : Text(filters));
                }

                if (HasErrors || !Fits(input, f, stride, pad))
                {
                    return null;
                }

                var spec = new Conv2DSpec(target, input, filters, f, stride, pad);
                long padded = (long)(input.Height + 2L * pad) * (input.Width + 2L * pad) * input.Channels;
                if (!WithinInt("input", input.Height, input.Width, input.Channels)
                    | !WithinInt("padded input", padded)
                    | !WithinInt("output", spec.Output.Height, spec.Output.Width, filters)
                    | !WithinInt("weights", f, f, input.Channels, filters))
                {
                    return null;
                }

                if (pad >= f)
                {
                    Report(DiagnosticDescriptors.PadNotSmallerThanFilter, _arguments.LocationOf("pad"), Text(pad), _layer, Text(f));
                }

                StrideRemainders(input, f, stride, pad);
                return spec;
            }

            public Pool2DSpec? Pool2D(TargetTypeSpec target, PoolMode mode)
            {
                int f = AtLeastOne("f", "filter size");
                int stride = AtLeastOne("stride", "stride");
                FeatureMapShape input = InputShape();
                if (HasErrors || !Fits(input, f, stride, 0))
                {
                    return null;
                }

                var spec = new Pool2DSpec(target, mode, input, f, stride);
                if (!WithinInt("input", input.Height, input.Width, input.Channels)
                    | !WithinInt("output", spec.Output.Height, spec.Output.Width, input.Channels))
                {
                    return null;
                }

                StrideRemainders(input, f, stride, 0);
                return spec;
            }

            public ZeroPad2DSpec? ZeroPad2D(TargetTypeSpec target)
            {
                int pad = Pad();
                FeatureMapShape input = InputShape();
                if (HasErrors)
                {
                    return null;
                }

                if (!WithinInt("input", input.Height, input.Width, input.Channels)
                    | !WithinInt("output", input.Height + 2L * pad, input.Width + 2L * pad, input.Channels))
                {
                    return null;
                }

                return new ZeroPad2DSpec(target, input, pad);
            }

            private int AtLeastOne(string parameter, string what)
            {
                int value = _arguments.Constructor(parameter, 1);
                if (value < 1)
                {
                    Report(DiagnosticDescriptors.WindowArgumentTooSmall, _arguments.LocationOf(parameter), what, _layer, Text(value));
                }

                return value;
            }

            private int Pad()
            {
                int pad = _arguments.Constructor("pad", 0);
                if (pad < 0)
                {
                    Report(DiagnosticDescriptors.NegativePad, _arguments.LocationOf("pad"), _layer, Text(pad));
                }

                return pad;
            }

            private FeatureMapShape InputShape()
            {
                return new FeatureMapShape(Dimension("InputHeight"), Dimension("InputWidth"), Dimension("InputChannels"));
            }

            private int Dimension(string name)
            {
                int? given = _arguments.Named(name);
                int value = given ?? 0;
                if (value < 1)
                {
                    Report(DiagnosticDescriptors.InputDimension, _arguments.LocationOf(name), name, _layer, given is null ? "missing" : Text(value));
                }

                return value;
            }

            /// <summary>Checks the window fits the padded input along both axes (CNN0007 at the filter size).</summary>
            private bool Fits(FeatureMapShape input, int f, int stride, int pad)
            {
                if (LayerGeometry.OutputSize(input.Height, f, stride, pad) >= 1
                    && LayerGeometry.OutputSize(input.Width, f, stride, pad) >= 1)
                {
                    return true;
                }

                Report(DiagnosticDescriptors.EmptyOutput, _arguments.LocationOf("f"), Text(f), _layer,
                    Text(input.Height + 2L * pad), Text(input.Width + 2L * pad));
                return false;
            }

            private bool WithinInt(string what, params long[] factors)
            {
                // Factors are each below 2^31 and the check stops as soon as the product passes int.MaxValue, so no long overflows.
                long product = 1;
                foreach (long factor in factors)
                {
                    product *= factor;
                    if (product > int.MaxValue)
                    {
                        string size = string.Join("·", System.Array.ConvertAll(factors, x => Text(x)));
                        Report(DiagnosticDescriptors.LengthOverflow, _arguments.AttributeLocation, what, _layer, size, Text(int.MaxValue));
                        return false;
                    }
                }

                return true;
            }

            /// <summary>CNN0010 when the stride leaves the last rows and/or columns unread (once when both axes drop alike).</summary>
            private void StrideRemainders(FeatureMapShape input, int f, int stride, int pad)
            {
                long spanH = input.Height + 2L * pad - f;
                long spanW = input.Width + 2L * pad - f;
                long dropH = spanH % stride;
                long dropW = spanW % stride;
                if (dropH != 0 && spanH == spanW)
                {
                    StrideRemainder(input.Height, f, stride, pad, spanH, Plural(dropH, "row and column", "rows and columns"));
                    return;
                }

                if (dropH != 0)
                {
                    StrideRemainder(input.Height, f, stride, pad, spanH, Plural(dropH, "row", "rows"));
                }

                if (dropW != 0)
                {
                    StrideRemainder(input.Width, f, stride, pad, spanW, Plural(dropW, "column", "columns"));
                }
            }

            private void StrideRemainder(int size, int f, int stride, int pad, long span, string dropped)
            {
                Report(DiagnosticDescriptors.StrideDropsInput, _arguments.LocationOf("stride"),
                    Text(stride), _layer, Text(size), Text(pad), Text(f), Text(span), dropped);
            }

            private static string Plural(long count, string one, string many) => count == 1 ? "1 " + one : Text(count) + " " + many;

            private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
            {
                Add(_diagnostics, descriptor, location ?? _arguments.AttributeLocation, arguments);
            }
        }

        private static void Add(List<DiagnosticInfo> diagnostics, DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        {
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray()));
        }

        private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static AttributeSyntax? SyntaxOf(AttributeData attribute, CancellationToken cancellationToken)
        {
            return attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        }

        private static bool IsSameApplication(AttributeData left, AttributeData right)
        {
            SyntaxReference? a = left.ApplicationSyntaxReference;
            SyntaxReference? b = right.ApplicationSyntaxReference;
            return a is not null && b is not null && a.SyntaxTree == b.SyntaxTree && a.Span == b.Span;
        }

        /// <summary>The CnnGen layer attributes applied to <paramref name="type"/>, across all its partial parts, in source order.</summary>
        private static List<AttributeData> LayerAttributesOf(INamedTypeSymbol type)
        {
            var layers = new List<AttributeData>();
            foreach (AttributeData candidate in type.GetAttributes())
            {
                if (candidate.AttributeClass is { } attributeClass && LayerKinds.FromMetadataName(attributeClass.ToDisplayString()) is not null)
                {
                    layers.Add(candidate);
                }
            }

            layers.Sort(static (x, y) =>
            {
                SyntaxReference? a = x.ApplicationSyntaxReference;
                SyntaxReference? b = y.ApplicationSyntaxReference;
                int byFile = string.CompareOrdinal(a?.SyntaxTree.FilePath, b?.SyntaxTree.FilePath);
                return byFile != 0 ? byFile : (a?.Span.Start ?? 0).CompareTo(b?.Span.Start ?? 0);
            });
            return layers;
        }

        private static string ShortName(AttributeData attribute)
        {
            string name = attribute.AttributeClass?.Name ?? "?";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
        }
    }

    /// <summary>The layer attributes the generator reads.</summary>
    internal enum LayerKind
    {
        Conv2D,
        MaxPool2D,
        AvgPool2D,
        ZeroPad2D,
    }

    /// <summary>The metadata names of the layer attributes.</summary>
    internal static class LayerKinds
    {
        public const string Conv2DAttribute = "CnnGen.Conv2DAttribute";
        public const string MaxPool2DAttribute = "CnnGen.MaxPool2DAttribute";
        public const string AvgPool2DAttribute = "CnnGen.AvgPool2DAttribute";
        public const string ZeroPad2DAttribute = "CnnGen.ZeroPad2DAttribute";

        public static LayerKind? FromMetadataName(string name) => name switch
        {
            Conv2DAttribute => LayerKind.Conv2D,
            MaxPool2DAttribute => LayerKind.MaxPool2D,
            AvgPool2DAttribute => LayerKind.AvgPool2D,
            ZeroPad2DAttribute => LayerKind.ZeroPad2D,
            _ => null,
        };
    }
}
