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
            if (context.TargetNode is not TypeDeclarationSyntax declaration
                || ClassAnnotations.ForOwner(context, cancellationToken) is not { IsNetwork: false } annotations)
            {
                // Another step speaks for this class: the network pipeline, or the step of its first layer attribute.
                return LayerParseResult.Nothing;
            }

            INamedTypeSymbol type = annotations.Type;
            AttributeData attribute = annotations.Owner.Data;
            var arguments = new AttributeArguments(attribute, SyntaxOf(attribute, cancellationToken));
            var diagnostics = new List<DiagnosticInfo>();
            if (annotations.CheckDeclaration(declaration, diagnostics, cancellationToken))
            {
                return new LayerParseResult(null, diagnostics.ToEquatableArray());
            }

            if (!arguments.IsWellFormed)
            {
                return LayerParseResult.Nothing;
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

                var spec = new Conv2DSpec(target, input, filters, f, stride, pad, _arguments.NamedBool("Bias") ?? true);
                if (!FitsInInt(spec))
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
                if (!FitsInInt(spec))
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

                var spec = new ZeroPad2DSpec(target, input, pad);
                return FitsInInt(spec) ? spec : null;
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

            /// <summary>CNN0008, at the argument that makes it too large, when a size of <paramref name="spec"/> passes int.MaxValue.</summary>
            private bool FitsInInt(LayerSpec spec)
            {
                if (SizeLimits.FirstOverflow(spec) is not { } overflow)
                {
                    return true;
                }

                Report(DiagnosticDescriptors.LengthOverflow, _arguments.LocationOf(overflow.Argument), overflow.What, _layer, overflow.Factors, Text(int.MaxValue));
                return false;
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
    }
}
