using System.Globalization;
using System.Linq;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>
    /// How a kernel body spells its element type, its vector operations and its lane counts. The generic spelling writes
    /// vectors of one width (<see cref="Width"/>: the tier's, or a narrower one when the tier's plan uses only that)
    /// through <c>TOps</c> (the runtime's <c>IVectorOps&lt;TVector, T&gt;</c>) and the element type as <c>T</c>, so the
    /// text no longer names a width: bodies of different tiers and element types whose text comes out the same are one
    /// method, instantiated per tier. Scalar lanes use <c>T</c>'s own arithmetic; a vector of another width is what the
    /// generic spelling cannot say: it marks it <see cref="NeedsConcrete"/>, and the body is written with another width
    /// or concretely instead.
    /// </summary>
    internal sealed class VectorSpelling
    {
        private const string Ops = "TOps";

        private VectorSpelling(ElementKind element, VectorTier tier, bool generic, int width)
        {
            Element = element;
            Tier = tier;
            IsGeneric = generic;
            Width = width;
        }

        public ElementKind Element { get; }

        public VectorTier Tier { get; }

        public bool IsGeneric { get; }

        /// <summary>The width in bits of the vectors <c>TOps</c> stands for (the tier's width when concrete).</summary>
        public int Width { get; }

        /// <summary>True once the generic spelling met something only the concrete spelling can write.</summary>
        public bool NeedsConcrete { get; private set; }

        public static VectorSpelling Generic(ElementKind element, VectorTier tier, int width) => new(element, tier, generic: true, width);

        public static VectorSpelling Concrete(ElementKind element, VectorTier tier) => new(element, tier, generic: false, tier.Bits);

        /// <summary>The type parameters and constraints a generic body declares.</summary>
        public const string TypeParameters = "<T, TVector, TOps>";

        public const string Constraints =
            "where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T> where TVector : struct where TOps : global::CnnGen.Generated.IVectorOps<TVector, T>";

        /// <summary>The element type as the body names it.</summary>
        public string T => IsGeneric ? "T" : Element.Keyword;

        /// <summary>The element type of a scalar lane (the generic <c>T</c> is a floating-point type, so it has the arithmetic).</summary>
        public string ScalarType => T;

        /// <summary>The element type's zero for a scalar lane.</summary>
        public string ScalarZero => IsGeneric ? "T.Zero" : Element.Zero;

        /// <summary>The type whose static <c>MultiplyAddEstimate</c> a scalar lane calls.</summary>
        public string ScalarMath => IsGeneric ? "T" : Element.Math;

        private bool Symbolic(int bits)
        {
            if (!IsGeneric)
            {
                return false;
            }

            if (bits == Width)
            {
                return true;
            }

            NeedsConcrete = true;
            return false;
        }

        public string Load(int bits, string place) => Symbolic(bits) ? $"{Ops}.Load(ref {place})" : $"global::System.Runtime.Intrinsics.Vector{bits}.LoadUnsafe(ref {place})";

        public string Store(int bits, string value, string place) => Symbolic(bits) ? $"{Ops}.Store({value}, ref {place});" : $"global::System.Runtime.Intrinsics.Vector{bits}.StoreUnsafe({value}, ref {place});";

        /// <summary>The vector at <paramref name="offset"/> elements past the ref <paramref name="reference"/>.</summary>
        public string LoadAt(int bits, string reference, string offset) =>
            Symbolic(bits) ? $"{Ops}.Load(ref {reference}{OffsetArgument(offset)})" : $"global::System.Runtime.Intrinsics.Vector{bits}.LoadUnsafe(ref {At(reference, offset)})";

        /// <summary>A statement storing <paramref name="value"/> at <paramref name="offset"/> elements past the ref <paramref name="reference"/>.</summary>
        public string StoreAt(int bits, string value, string reference, string offset) =>
            Symbolic(bits) ? $"{Ops}.Store({value}, ref {reference}{OffsetArgument(offset)});" : $"global::System.Runtime.Intrinsics.Vector{bits}.StoreUnsafe({value}, ref {At(reference, offset)});";

        /// <summary>A vector of the element at <paramref name="offset"/> elements past the ref <paramref name="reference"/>.</summary>
        public string BroadcastAt(int bits, string reference, string offset) =>
            Symbolic(bits) ? $"{Ops}.Broadcast(ref {reference}, {offset})" : $"global::System.Runtime.Intrinsics.Vector{bits}.Create({ScalarAt(reference, offset)})";

        /// <summary>The element at <paramref name="offset"/> elements past the ref <paramref name="reference"/>.</summary>
        public static string ScalarAt(string reference, string offset) => $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {offset})";

        private static string At(string reference, string offset) => offset == "0" ? reference : ScalarAt(reference, offset);

        private static string OffsetArgument(string offset) => offset == "0" ? string.Empty : ", " + offset;

        /// <summary>The element-wise sum of two vectors.</summary>
        public string Add(int bits, string left, string right) => Symbolic(bits) ? $"{Ops}.Add({left}, {right})" : $"({left} + {right})";

        /// <summary>
        /// <paramref name="value"/> with only its last <c>channels mod lanes</c> lanes kept: the lanes of a vector ending at
        /// channel <paramref name="channels"/> − 1 that the whole vectors before it did not cover.
        /// </summary>
        public string KeepLast(int bits, string value, int channels) =>
            Symbolic(bits)
                ? $"{Ops}.KeepLast({value}, {channels} % {Ops}.Count)"
                : $"global::CnnGen.Generated.Vector{bits}Ops<{T}>.KeepLast({value}, {channels % Element.Lanes(bits)})";

        public string Zero(int bits) => Symbolic(bits) ? $"{Ops}.Zero" : $"global::System.Runtime.Intrinsics.Vector{bits}<{T}>.Zero";

        public string Broadcast(int bits, string value) => Symbolic(bits) ? $"{Ops}.Broadcast({value})" : $"global::System.Runtime.Intrinsics.Vector{bits}.Create({value})";

        public string MultiplyAdd(int bits, string left, string right, string addend) =>
            Symbolic(bits) ? $"{Ops}.MultiplyAdd({left}, {right}, {addend})" : $"global::System.Runtime.Intrinsics.Vector{bits}.MultiplyAddEstimate({left}, {right}, {addend})";

        public string Sum(int bits, string value) => Symbolic(bits) ? $"{Ops}.Sum({value})" : $"global::System.Runtime.Intrinsics.Vector{bits}.Sum({value})";

        /// <summary>A statement adding <paramref name="addend"/> into the vector <paramref name="target"/>.</summary>
        public string AddInto(int bits, string target, string addend) =>
            Symbolic(bits) ? $"{target} = {Ops}.Add({target}, {addend});" : $"{target} += {addend};";

        /// <summary>Adds <paramref name="vectors"/> full-width vectors' worth of lanes to an offset: symbolic in the generic spelling.</summary>
        public Affine AddLanes(Affine offset, int vectors) =>
            IsGeneric ? offset.Add(vectors, Val.Var(Ops + ".Count")) : offset.Add(vectors * Element.Lanes(Width));

        /// <summary><paramref name="vectors"/> full-width vectors' worth of lanes as an expression.</summary>
        public string Lanes(int vectors) => AddLanes(new Affine(), vectors).ToString();

        /// <summary>A chunk's offset within its group: whole vectors of the tier's width are counted in lanes, so the text does not name the width.</summary>
        public Affine AddChunkOffset(Affine offset, Chunk chunk)
        {
            int lanes = Element.Lanes(Width);
            if (IsGeneric && !chunk.IsScalar && chunk.Bits == Width && chunk.Offset % lanes == 0)
            {
                return offset.Add(chunk.Offset / lanes, Val.Var(Ops + ".Count"));
            }

            return offset.Add(chunk.Offset);
        }

        /// <summary>Whether every chunk of <paramref name="group"/> is a vector of <see cref="Width"/> bits.</summary>
        public bool IsWhole(ChannelGroup group) => group.Chunks.All(c => !c.IsScalar && c.Bits == Width);

        /// <summary>
        /// The header of the loop over <paramref name="count"/> repetitions of <paramref name="group"/> from channel
        /// <paramref name="start"/> (its variable <c>ch</c>), or null where the group is written once. A generic body loops
        /// even over one group of whole vectors, and steps in lanes: a tier with more lanes has fewer groups.
        /// </summary>
        public string? ChannelLoop(ChannelGroup group, int start, int count, int overlappingEnd = 0)
        {
            if (overlappingEnd > 0)
            {
                // Whole vectors while they fit, in a bound that does not name the width (an overlapping tail follows).
                return IsGeneric && IsWhole(group)
                    ? $"for (nint ch = 0; ch + {Lanes(1)} <= {overlappingEnd}; ch += {Lanes(1)})"
                    : $"for (nint ch = 0; ch < {count * group.Width}; ch += {group.Width})";
            }

            bool whole = IsWhole(group);
            if (count <= 1 && !(whole && IsGeneric))
            {
                return null;
            }

            string step = whole ? Lanes(group.Chunks.Count) : Literal(group.Width);
            return $"for (nint ch = {start}; ch < {start + count * group.Width}; ch += {step})";
        }

        /// <summary>The first channel of an overlapping tail: one vector before <paramref name="end"/>, named without the width where generic.</summary>
        public Val OverlappingTailStart(ChannelGroup group, int end) =>
            IsGeneric && IsWhole(group) ? Val.Var($"({end} - {Lanes(1)})") : Val.Lit(end - group.Width);

        /// <summary>A channel group's chunks, in words that name the vector width only where the text is not shared between widths.</summary>
        public string DescribeGroup(ChannelGroup group) =>
            IsGeneric && IsWhole(group)
                ? (group.Chunks.Count == 1 ? "one vector" : $"{group.Chunks.Count} vectors")
                : $"{group.Width}: {group.Describe()}";

        public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
