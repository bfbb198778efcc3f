using System;
using System.Collections.Generic;
using System.Linq;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>How much of a gather kernel's loop nest is written out instead of looped.</summary>
    internal enum UnrollLevel
    {
        /// <summary>Only the register block (pixels × channel chunks) is unrolled; tap, row and column loops stay loops.</summary>
        RegisterBlock = 0,

        /// <summary>Also the loop over the column taps × reduction channels of one filter row.</summary>
        ColumnTaps = 1,
    }

    /// <summary>
    /// A run of taps along the column axis whose set of contributing pixels in a register block is the same.
    /// When the filter index steps by one, the taps are contiguous in both the source row and the weights,
    /// so the run is a single loop of <c>TapCount · R</c> steps (taps × reduction channels); otherwise a loop over
    /// the taps around one over the channels.
    /// </summary>
    internal sealed record Segment(int FirstTap, int TapCount, IReadOnlyList<int> Pixels);

    /// <summary>
    /// <see cref="Repeat"/> identical register blocks of <see cref="Pixels"/> output columns, the first starting at
    /// column <see cref="Start"/>, the next ones <see cref="Pixels"/> further each (a loop when Repeat &gt; 1). A
    /// <see cref="Dynamic"/> block has no segments: each of its pixels computes its valid column taps from its column
    /// (<see cref="Compaction.DynamicBorders"/>), so one text serves border blocks of any clipping.
    /// </summary>
    internal sealed record ColumnBlock(int Start, int Repeat, int Pixels, IReadOnlyList<Segment> Segments, bool Dynamic = false)
    {
        public bool IsFull(int tapCount) =>
            Segments.Count == 1 && Segments[0].FirstTap == 0 && Segments[0].TapCount == tapCount && Segments[0].Pixels.Count == Pixels;
    }

    /// <summary>
    /// Output rows [Start, End) that share the valid filter-row taps [TapLo, TapHi); or, when <see cref="Dynamic"/>, rows
    /// whose valid taps differ and are computed per row by the emitted code (TapLo and TapHi then bound them all).
    /// </summary>
    internal sealed record RowClass(int Start, int End, int TapLo, int TapHi, bool Dynamic = false)
    {
        public int Rows => End - Start;
    }

    /// <summary>
    /// One gather kernel (the forward pass, or one stride phase of the input gradient): each output pixel is the
    /// sum over its valid taps of source pixel · weight row. Decides register blocks per channel group, the
    /// border/interior split of rows and columns, and the padding-free tap segments of every block.
    /// </summary>
    internal sealed class GatherPlan
    {
        public GatherPlan(AxisMap rows, AxisMap columns, int reduction, ChannelPlan channels, VectorTier tier, bool pixelSegments = false, bool loopEveryReduction = false, bool dynamicBorders = false)
        {
            DynamicBorders = dynamicBorders;
            PixelSegments = pixelSegments;
            LoopEveryReduction = loopEveryReduction;
            Rows = rows;
            Columns = columns;
            Reduction = reduction;
            Channels = channels;
            Tier = tier;
            RowClasses = rows.Runs().Select(r => new RowClass(r.Start, r.End, r.Lo, r.Hi)).ToList();
            var tapped = RowClasses.Where(r => r.TapHi > r.TapLo).ToList();
            AllRows = RowClasses.Count == 1
                ? RowClasses[0]
                : new RowClass(0, rows.OutCount, tapped.Count == 0 ? 0 : tapped.Min(r => r.TapLo), tapped.Count == 0 ? 0 : tapped.Max(r => r.TapHi), Dynamic: true);
            foreach ((ChannelGroup group, _, _) in channels.Groups())
            {
                int pixels = PixelsFor(group);
                if (!_blocks.ContainsKey(pixels))
                {
                    _blocks[pixels] = BuildColumnBlocks(pixels);
                }
            }
        }

        private readonly Dictionary<int, List<ColumnBlock>> _blocks = new();

        public AxisMap Rows { get; }

        /// <summary>Whether a border block's segments group its pixels by tap range (<see cref="Compaction.PixelSegments"/>) rather than its taps by pixel set.</summary>
        public bool PixelSegments { get; }

        /// <summary>
        /// Whether the reduction chunks summed in vector lanes are a loop even where they are one vector, so that tiers
        /// whose vectors cover the channels in different counts read the same (<see cref="Compaction.SharedRegisterBlocks"/>).
        /// </summary>
        public bool LoopEveryReduction { get; }

        /// <summary>Whether the columns the padding clips are blocks whose taps are computed per pixel (<see cref="Compaction.DynamicBorders"/>).</summary>
        public bool DynamicBorders { get; }

        public AxisMap Columns { get; }

        /// <summary>The channels summed over inside each tap (C_in forward, C_out for the input gradient).</summary>
        public int Reduction { get; }

        public ChannelPlan Channels { get; }

        public VectorTier Tier { get; }

        public IReadOnlyList<RowClass> RowClasses { get; }

        /// <summary>
        /// Every output row as one class: one loop whose filter-row taps are computed per row when the rows differ
        /// (the border rows), so the code for a row is written once however many row classes the padding makes.
        /// </summary>
        public RowClass AllRows { get; }

        /// <summary>
        /// Independent FMA chains a register block needs to hide the FMA latency: two FMA pipes × a latency of about four cycles.
        /// </summary>
        public const int LatencyChains = 8;

        /// <summary>Accumulator banks for a block of <paramref name="accumulators"/> accumulators when its steps are written out (at most 4).</summary>
        public static int BanksFor(int accumulators) => Math.Max(1, Math.Min(4, LatencyChains / Math.Max(1, accumulators)));

        /// <summary>
        /// Whether a segment's taps × reduction channels are one contiguous run of weights (the filter index steps by
        /// one), looped as one; otherwise (an input gradient's stride phase) a segment loops over its taps around the
        /// loop over the reduction channels.
        /// </summary>
        public bool ContiguousColumnTaps => Columns.FilterStep == 1;

        /// <summary>Register-block width in pixels: as many as the tier's accumulators allow for this group's chunks.</summary>
        public int PixelsFor(ChannelGroup group) =>
            Math.Max(1, Math.Min(Columns.OutCount, Tier.Accumulators / group.Chunks.Count));

        public IReadOnlyList<ColumnBlock> BlocksFor(ChannelGroup group) => _blocks[PixelsFor(group)];

        private List<ColumnBlock> BuildColumnBlocks(int pixels)
        {
            if (DynamicBorders)
            {
                return BuildDynamicBorderBlocks(pixels);
            }

            var blocks = new List<ColumnBlock>();
            string? previous = null;
            for (int start = 0; start < Columns.OutCount; start += pixels)
            {
                int width = Math.Min(pixels, Columns.OutCount - start);
                var ranges = Enumerable.Range(start, width).Select(o => Columns.ValidTaps(o)).ToList();
                string signature = width + ":" + string.Join(";", ranges.Select(r => r.Lo + "-" + r.Hi));
                if (signature == previous)
                {
                    ColumnBlock last = blocks[blocks.Count - 1];
                    blocks[blocks.Count - 1] = last with { Repeat = last.Repeat + 1 };
                    continue;
                }

                previous = signature;
                blocks.Add(new ColumnBlock(start, 1, width, PixelSegments ? SegmentsByPixelRange(ranges) : BuildSegments(ranges)));
            }

            return blocks;
        }

        /// <summary>
        /// The outputs that read every tap, [first, end), in blocks of whole taps; the clipped outputs on either side in
        /// dynamic blocks, looped where they repeat, so the border's text is one block's whatever the padding.
        /// </summary>
        private List<ColumnBlock> BuildDynamicBorderBlocks(int pixels)
        {
            int first = -1, end = -1;
            for (int o = 0; o < Columns.OutCount; o++)
            {
                if (Columns.ValidTaps(o) == (0, Columns.TapCount))
                {
                    first = first < 0 ? o : first;
                    end = o + 1;
                }
            }

            var blocks = new List<ColumnBlock>();
            if (first < 0)
            {
                AddDynamicBlocks(blocks, 0, Columns.OutCount, pixels);
                return blocks;
            }

            AddDynamicBlocks(blocks, 0, first, pixels);
            var full = new List<Segment> { new(0, Columns.TapCount, Enumerable.Range(0, pixels).ToList()) };
            int whole = (end - first) / pixels;
            if (whole > 0)
            {
                blocks.Add(new ColumnBlock(first, whole, pixels, full));
            }

            int rest = end - first - whole * pixels;
            if (rest > 0)
            {
                blocks.Add(new ColumnBlock(first + whole * pixels, 1, rest, new List<Segment> { new(0, Columns.TapCount, Enumerable.Range(0, rest).ToList()) }));
            }

            AddDynamicBlocks(blocks, end, Columns.OutCount, pixels);
            return blocks;
        }

        private static void AddDynamicBlocks(List<ColumnBlock> blocks, int start, int end, int pixels)
        {
            int width = end - start;
            if (width <= 0)
            {
                return;
            }

            int size = Math.Min(pixels, width);
            int repeat = width / size;
            blocks.Add(new ColumnBlock(start, repeat, size, Array.Empty<Segment>(), Dynamic: true));
            if (width > repeat * size)
            {
                blocks.Add(new ColumnBlock(start + repeat * size, 1, width - repeat * size, Array.Empty<Segment>(), Dynamic: true));
            }
        }

        /// <summary>
        /// One segment per distinct tap range among the block's pixels, holding the pixels with that range: each pixel is
        /// written once per step, however many ranges the padding makes (<see cref="Compaction.PixelSegments"/>).
        /// </summary>
        private static List<Segment> SegmentsByPixelRange(List<(int Lo, int Hi)> ranges)
        {
            var segments = new List<Segment>();
            foreach (var range in ranges.Where(r => r.Hi > r.Lo).Distinct().OrderByDescending(r => r.Hi - r.Lo).ThenBy(r => r.Lo))
            {
                var pixels = Enumerable.Range(0, ranges.Count).Where(p => ranges[p] == range).ToList();
                segments.Add(new Segment(range.Lo, range.Hi - range.Lo, pixels));
            }

            return segments;
        }

        private List<Segment> BuildSegments(List<(int Lo, int Hi)> ranges)
        {
            var segments = new List<Segment>();
            List<int>? current = null;
            int first = 0;
            for (int t = 0; t <= Columns.TapCount; t++)
            {
                List<int>? pixels = null;
                if (t < Columns.TapCount)
                {
                    pixels = Enumerable.Range(0, ranges.Count).Where(p => ranges[p].Lo <= t && t < ranges[p].Hi).ToList();
                }

                bool same = current is not null && pixels is not null && current.SequenceEqual(pixels);
                if (same)
                {
                    continue;
                }

                if (current is not null && current.Count > 0)
                {
                    segments.Add(new Segment(first, t - first, current));
                }

                current = pixels;
                first = t;
            }

            return segments;
        }

        // ---- cost model (statements of emitted code; about 16 IL bytes each) ----

        /// <summary>Statements of one register block's body at <paramref name="level"/>, for one filter row.</summary>
        private int SegmentCost(ChannelGroup group, ColumnBlock block, UnrollLevel level)
        {
            int chunks = group.Chunks.Count;
            if (block.Dynamic)
            {
                // Per pixel: its tap bounds, a loop over its taps and channels, the weight and source loads and its FMAs.
                return block.Pixels * (2 * chunks + 4);
            }

            int cost = 0;
            foreach (Segment segment in block.Segments)
            {
                int perStep = chunks + segment.Pixels.Count + segment.Pixels.Count * chunks;
                int steps = segment.TapCount * Reduction;
                cost += level >= UnrollLevel.ColumnTaps ? steps * perStep : perStep + 2;
            }

            return cost;
        }

        /// <summary>The statements of the largest straight-line register block (the hot loop body).</summary>
        public int HotCost(UnrollLevel level)
        {
            int worst = 0;
            foreach ((ChannelGroup group, _, _) in Channels.Groups())
            {
                foreach (ColumnBlock block in BlocksFor(group))
                {
                    worst = Math.Max(worst, SegmentCost(group, block, level));
                }
            }

            return worst;
        }

        /// <summary>The statements emitted for one output row's code (the body of the row loop).</summary>
        public int Cost(UnrollLevel level)
        {
            int total = 4;
            foreach ((ChannelGroup group, _, int count) in Channels.Groups())
            {
                int groupCost = 2 * group.Chunks.Count;
                foreach (ColumnBlock block in BlocksFor(group))
                {
                    int body = SegmentCost(group, block, level);
                    body += 3 + 2 * block.Pixels * group.Chunks.Count;
                    groupCost += body + 2;
                }

                total += groupCost + 2;
            }

            return total + 2;
        }
    }
}
