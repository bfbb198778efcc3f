using System;
using System.Collections.Generic;
using System.Linq;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>Output columns [Start, End) over which the taps <see cref="Taps"/> of a block all read real input.</summary>
    internal sealed record ColumnSpan(int Start, int End, IReadOnlyList<int> Taps);

    /// <summary>
    /// <see cref="Repeat"/> identical blocks of <see cref="Taps"/> consecutive weight rows (index j = dx·C_in + c within
    /// one filter row), starting at j = <see cref="Start"/>, each accumulating over the output columns in <see cref="Spans"/>.
    /// </summary>
    internal sealed record TapBlock(int Start, int Repeat, int Taps, IReadOnlyList<ColumnSpan> Spans);

    /// <summary>
    /// The weight gradient dW[dy, dx, c, :] = Σ over examples and output pixels of x[pixel's input at (dy, dx), c] · dZ[pixel, :].
    /// A register block holds several weight rows (taps) × channel chunks; the loop over output pixels streams
    /// through dZ once per block, loading one dZ row and broadcasting one input value per tap. Pixels whose input
    /// for a tap falls in the padding are excluded by splitting the column loop where validity changes.
    /// </summary>
    internal sealed class WeightGradientPlan
    {
        private readonly Dictionary<int, List<TapBlock>> _blocks = new();

        public WeightGradientPlan(AxisMap rows, AxisMap columns, int inputChannels, ChannelPlan channels, VectorTier tier, bool alwaysPerFilterColumn = false)
        {
            AlwaysPerFilterColumn = alwaysPerFilterColumn;
            Rows = rows;
            Columns = columns;
            InputChannels = inputChannels;
            Channels = channels;
            Tier = tier;
            foreach ((ChannelGroup group, _, _) in channels.Groups())
            {
                int taps = TapsFor(group);
                if (!BlocksWithinFilterColumn(group) && !_blocks.ContainsKey(taps))
                {
                    _blocks[taps] = BuildBlocks(taps);
                }
            }
        }

        public AxisMap Rows { get; }

        /// <summary>Whether blocks stay within one filter column even where C_in is narrower than a block (<see cref="Compaction.PerFilterColumn"/>).</summary>
        public bool AlwaysPerFilterColumn { get; }

        public AxisMap Columns { get; }

        public int InputChannels { get; }

        public ChannelPlan Channels { get; }

        public VectorTier Tier { get; }

        /// <summary>The weight rows in one filter row: f · C_in.</summary>
        public int RowLength => Columns.TapCount * InputChannels;

        public int TapsFor(ChannelGroup group) => Math.Max(1, Math.Min(RowLength, Tier.Accumulators / group.Chunks.Count));

        public IReadOnlyList<TapBlock> BlocksFor(ChannelGroup group) => _blocks[TapsFor(group)];

        /// <summary>
        /// Whether C_in holds a whole register block of <paramref name="group"/>: then blocks stay within one filter column
        /// (a loop over dx with computed output-column ranges); otherwise they run across the filter columns of a row.
        /// </summary>
        public bool BlocksWithinFilterColumn(ChannelGroup group) => AlwaysPerFilterColumn || InputChannels >= TapsFor(group);

        private List<TapBlock> BuildBlocks(int taps)
        {
            var blocks = new List<TapBlock>();
            string? previous = null;
            for (int start = 0; start < RowLength; start += taps)
            {
                int count = Math.Min(taps, RowLength - start);
                var ranges = Enumerable.Range(start, count).Select(j => Columns.OutputRange(j / InputChannels)).ToList();
                var cuts = new SortedSet<int> { 0, Columns.OutCount };
                foreach ((int lo, int hi) in ranges)
                {
                    cuts.Add(lo);
                    cuts.Add(hi);
                }

                var points = cuts.ToList();
                var spans = new List<ColumnSpan>();
                for (int i = 0; i + 1 < points.Count; i++)
                {
                    int a = points[i], b = points[i + 1];
                    var valid = Enumerable.Range(0, count).Where(t => ranges[t].Lo <= a && b <= ranges[t].Hi).ToList();
                    if (b > a && valid.Count > 0)
                    {
                        spans.Add(new ColumnSpan(a, b, valid));
                    }
                }

                string signature = count + ":" + string.Join(";", spans.Select(s => s.Start + "-" + s.End + "=" + string.Join(",", s.Taps)));
                if (signature == previous)
                {
                    TapBlock last = blocks[blocks.Count - 1];
                    blocks[blocks.Count - 1] = last with { Repeat = last.Repeat + 1 };
                    continue;
                }

                previous = signature;
                blocks.Add(new TapBlock(start, 1, count, spans));
            }

            return blocks;
        }
    }
}
