using System.Collections.Generic;
using System.Linq;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>
    /// A contiguous run of channels handled by one register: a vector of <see cref="Lanes"/> lanes
    /// (<see cref="Bits"/> 512, 256 or 128) or a scalar (<see cref="Bits"/> 0, one lane).
    /// </summary>
    internal readonly record struct Chunk(int Offset, int Lanes, int Bits)
    {
        public bool IsScalar => Bits == 0;

        /// <summary>The static vector class, e.g. <c>Vector256</c>; null for a scalar.</summary>
        public string? VectorClass => IsScalar ? null : "Vector" + Bits;
    }

    /// <summary>
    /// The chunks one register block covers, with offsets relative to the group's first channel,
    /// and how many pixels (or taps) the block spans so that pixels × chunks fits the tier's accumulators.
    /// </summary>
    internal sealed record ChannelGroup(IReadOnlyList<Chunk> Chunks, int Width)
    {
        public string Signature => string.Join(",", Chunks.Select(c => c.Lanes + "@" + c.Offset + "/" + c.Bits));

        /// <summary>True when every chunk is a vector of the same width (broadcast once per value).</summary>
        public bool SingleWidth => Chunks.All(c => !c.IsScalar && c.Bits == Chunks[0].Bits);

        public string Describe() => string.Join(" + ", Chunks.Select(c => c.IsScalar ? "scalar" : "Vector" + c.Bits));
    }

    /// <summary>
    /// How a channel axis of a given length is cut into register chunks on one tier: as many groups of two
    /// full-width vectors as fit (identical, so the emitted code loops over them), then one tail group holding
    /// what is left in decreasing vector widths down to 128 bits and then scalars. No masks, and no overlap
    /// unless a kernel asks for an overlapping tail: otherwise every channel belongs to exactly one chunk.
    /// </summary>
    internal sealed class ChannelPlan
    {
        private ChannelPlan(int channels, ChannelGroup? full, int fullCount, ChannelGroup? tail, bool overlappingTail = false)
        {
            OverlappingTail = overlappingTail;
            Channels = channels;
            Full = full;
            FullCount = fullCount;
            Tail = tail;
        }

        public int Channels { get; }

        /// <summary>
        /// Whether the tail is one vector ending at the last channel, overlapping the last of the repeated vectors
        /// (<see cref="Compaction.OverlappingTails"/>): a kernel that overwrites its outputs computes the overlap twice in the
        /// same order and stores it twice with the same value; one that accumulates adds only the uncovered lanes.
        /// </summary>
        public bool OverlappingTail { get; }

        /// <summary>The group repeated <see cref="FullCount"/> times from channel 0 (two full-width vectors); null if none.</summary>
        public ChannelGroup? Full { get; }

        public int FullCount { get; }

        /// <summary>The remaining channels, starting at <c>FullCount · Full.Width</c>; null if none.</summary>
        public ChannelGroup? Tail { get; }

        public int TailStart => OverlappingTail ? Channels - Tail!.Width : Full is null ? 0 : FullCount * Full.Width;

        public string Signature => (Full?.Signature ?? "-") + "x" + FullCount + "|" + (Tail?.Signature ?? "-");

        /// <param name="tierWidthTail">
        /// Cut the tail into the tier's own width and scalars only, not narrower vectors (<see cref="Compaction.TierWidthTails"/>):
        /// slower tails, but bodies whose text names one width, which tiers and element types can share.
        /// </param>
        /// <param name="singleVectorGroups">
        /// Repeat groups of one vector instead of two (<see cref="Compaction.SingleVectorGroups"/>): the channels then step by
        /// one vector of any width, so tiers whose vectors divide the channels alike read the same.
        /// </param>
        /// <param name="overlappingTail">
        /// Where the channels are more than one vector and not a whole number of them, end with one vector over the last
        /// channels instead of a tail of narrower vectors and scalars (<see cref="Compaction.OverlappingTails"/>).
        /// </param>
        public static ChannelPlan For(int channels, ElementKind element, VectorTier tier, bool tierWidthTail = false, bool singleVectorGroups = false, bool overlappingTail = false)
        {
            int lanes = element.Lanes(tier.Bits);
            if (overlappingTail && channels > lanes && channels % lanes != 0)
            {
                var vector = new ChannelGroup(new[] { new Chunk(0, lanes, tier.Bits) }, lanes);
                return new ChannelPlan(channels, vector, channels / lanes, vector, overlappingTail: true);
            }

            int fullWidth = (singleVectorGroups ? 1 : 2) * lanes;
            int fullCount = channels / fullWidth;
            ChannelGroup? full = fullCount == 0
                ? null
                : new ChannelGroup(
                    singleVectorGroups ? new[] { new Chunk(0, lanes, tier.Bits) } : new[] { new Chunk(0, lanes, tier.Bits), new Chunk(lanes, lanes, tier.Bits) },
                    fullWidth);

            int rest = channels - fullCount * fullWidth;
            var chunks = new List<Chunk>();
            int offset = 0;
            for (int bits = tier.Bits; bits >= (tierWidthTail ? tier.Bits : 128) && rest > 0; bits /= 2)
            {
                int width = element.Lanes(bits);
                while (rest >= width)
                {
                    chunks.Add(new Chunk(offset, width, bits));
                    offset += width;
                    rest -= width;
                }
            }

            while (rest > 0)
            {
                chunks.Add(new Chunk(offset, 1, 0));
                offset++;
                rest--;
            }

            ChannelGroup? tail = chunks.Count == 0 ? null : new ChannelGroup(chunks, offset);
            return new ChannelPlan(channels, full, fullCount, tail);
        }

        /// <summary>
        /// One register per channel: up to <see cref="ScalarGroupLimit"/> channels as one group, more as a group of
        /// <see cref="ScalarGroupWidth"/> repeated over the channels (then what is left), so that a register block never
        /// holds more accumulators per pixel than the tier has registers and the text does not grow with the channels.
        /// </summary>
        public static ChannelPlan Scalars(int channels)
        {
            if (channels <= ScalarGroupLimit)
            {
                return new(channels, null, 0, ScalarGroup(channels));
            }

            int rest = channels % ScalarGroupWidth;
            return new(channels, ScalarGroup(ScalarGroupWidth), channels / ScalarGroupWidth, rest == 0 ? null : ScalarGroup(rest));
        }

        /// <summary>The most channels <see cref="Scalars"/> keeps as one group (an RGB stem's 3, LeNet's 6).</summary>
        public const int ScalarGroupLimit = 8;

        /// <summary>The channels of the group <see cref="Scalars"/> repeats beyond <see cref="ScalarGroupLimit"/>.</summary>
        public const int ScalarGroupWidth = 4;

        private static ChannelGroup ScalarGroup(int channels) =>
            new(Enumerable.Range(0, channels).Select(c => new Chunk(c, 1, 0)).ToList(), channels);

        /// <summary>The groups in order with their first channel.</summary>
        public IEnumerable<(ChannelGroup Group, int Start, int Count)> Groups()
        {
            if (Full is not null)
            {
                yield return (Full, 0, FullCount);
            }

            if (Tail is not null)
            {
                yield return (Tail, TailStart, 1);
            }
        }
    }
}
