using System.Collections.Generic;

namespace CnnGen.Generators.Emitting
{
    /// <summary>The element types every layer kernel is emitted for.</summary>
    internal static class ElementTypes
    {
        /// <summary>float and double, in that order.</summary>
        public static readonly ElementType[] All = { new("float", 4), new("double", 8) };
    }

    /// <summary>An element type of a kernel: its C# keyword and size in bytes.</summary>
    internal sealed record ElementType(string Name, int Size)
    {
        /// <summary>A literal of this type, for example <c>0f</c> or <c>0d</c>.</summary>
        public string Literal(string value) => value + (Name == "float" ? "f" : "d");
    }

    /// <summary>
    /// Spells SIMD operations for one register width as C# text, so that a kernel's loop body is planned once
    /// and written for <c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or plain scalars (width 0).
    /// All names are fully qualified (<see cref="KernelNames"/>): generated members live in the user's namespace.
    /// </summary>
    internal static class SimdText
    {
        public const string Unsafe = KernelNames.Unsafe;
        public const string MemoryMarshal = KernelNames.MemoryMarshal;
        public const string Span = KernelNames.Span;
        public const string ReadOnlySpan = KernelNames.ReadOnlySpan;
        public const string Checks = "global::CnnGen.SpanArguments";

        /// <summary>The register widths in bits, widest first; 0 stands for scalars.</summary>
        public static readonly int[] Widths = { 512, 256, 128, 0 };

        public static string Vector(int width) => KernelNames.Intrinsics + "Vector" + width;

        public static int Lanes(int width, ElementType type) => width == 0 ? 1 : width / 8 / type.Size;

        public static string Register(int width, ElementType type) => width == 0 ? type.Name : Vector(width) + "<" + type.Name + ">";

        public static string Load(int width, string reference, string offset) =>
            width == 0
                ? $"{Unsafe}.Add(ref {reference}, {offset})"
                : $"{Vector(width)}.LoadUnsafe(ref {reference}, (nuint)({offset}))";

        public static string Store(int width, string value, string reference, string offset) =>
            width == 0
                ? $"{Unsafe}.Add(ref {reference}, {offset}) = {value};"
                : $"{Vector(width)}.StoreUnsafe({value}, ref {reference}, (nuint)({offset}));";

        public static string Broadcast(int width, string value) => width == 0 ? value : $"{Vector(width)}.Create({value})";

        public static string Zero(int width, ElementType type) => width == 0 ? type.Literal("0") : Register(width, type) + ".Zero";

        /// <summary><c>left·right + addend</c>, fused where the hardware can.</summary>
        public static string MultiplyAdd(int width, ElementType type, string left, string right, string addend) =>
            width == 0
                ? $"{type.Name}.MultiplyAddEstimate({left}, {right}, {addend})"
                : $"{Vector(width)}.MultiplyAddEstimate({left}, {right}, {addend})";

        public static string Sum(int width, string value) => width == 0 ? value : $"{Vector(width)}.Sum({value})";

        /// <summary>The condition under which a path of this width runs (null for scalars, which always can).</summary>
        public static string? Accelerated(int width) => width == 0 ? null : Vector(width) + ".IsHardwareAccelerated";

        /// <summary>
        /// Covers <c>[start, end)</c> with registers no wider than <paramref name="maxWidth"/>, widest first:
        /// the tail that a loop over full registers leaves.
        /// </summary>
        public static List<RegisterSegment> Tail(int start, int end, int maxWidth, ElementType type)
        {
            var segments = new List<RegisterSegment>();
            int at = start;
            foreach (int width in Widths)
            {
                if (width > maxWidth && width != 0)
                {
                    continue;
                }

                int lanes = Lanes(width, type);
                while (end - at >= lanes)
                {
                    segments.Add(new RegisterSegment(width, at));
                    at += lanes;
                }
            }

            return segments;
        }

        /// <summary>
        /// Writes <c>if (Vector512.IsHardwareAccelerated) {…} else if (Vector256…) {…} else {…}</c>, one branch per
        /// width in <paramref name="widths"/> (the last should be 0, the scalar fallback), each body written by <paramref name="body"/>.
        /// </summary>
        public static void Dispatch(IndentedWriter writer, IReadOnlyList<int> widths, System.Action<int> body)
        {
            for (int k = 0; k < widths.Count; k++)
            {
                string? condition = Accelerated(widths[k]);
                string header = k == 0 ? $"if ({condition})" : condition is null ? "else" : $"else if ({condition})";
                if (condition is null && k == 0)
                {
                    using (writer.Block())
                    {
                        body(widths[k]);
                    }

                    return;
                }

                using (writer.Block(header))
                {
                    body(widths[k]);
                }

                if (condition is null)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A register's worth of consecutive values: its width (0 for one scalar) and its first index.</summary>
    internal readonly record struct RegisterSegment(int Width, int Offset);
}
