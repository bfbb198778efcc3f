using System;
using System.Collections.Generic;
using System.Linq;
using CnnGen.Generators.Emitting.Planning;

namespace CnnGen.Generators.Emitting
{
    /// <summary>The names of the per-example refs a gather kernel body reads and writes.</summary>
    internal sealed record GatherNames(string Source, string Weights, string? Init, string Destination);

    /// <summary>
    /// Writes the body of a gather kernel (the forward pass, or one stride phase of the input gradient) for a set of
    /// row classes: every output pixel starts from the bias (or zero) and adds, for each tap that lies inside the
    /// source, source value × weight row. Channels are the vector axis: one source value is broadcast and
    /// multiplied into the accumulators of a register block of pixels × channel chunks.
    /// </summary>
    internal sealed class GatherKernelEmitter
    {
        private readonly IndentedWriter _w;
        private readonly GatherPlan _plan;
        private readonly ElementKind _el;
        private readonly VectorSpelling _s;
        private readonly GatherNames _names;
        private readonly int _filterSize;
        private readonly int _destinationWidth;
        private readonly UnrollLevel _level;
        private readonly int _reductionBits;
        private readonly RowPhaseParameters? _rowPhases;
        private readonly bool _columnParameters;

        /// <param name="reductionBits">
        /// 0: the destination channels are the vector axis (the weights are laid out [row tap, column tap, reduction, channel]).
        /// Otherwise the destination channels are too few for a vector and every chunk is scalar: the reduction channels
        /// become the vector axis instead, in vectors of this many bits, with each accumulator summed horizontally once
        /// at the end of its register block (the weights are then laid out [row tap, column tap, channel, reduction]).
        /// </param>
        public GatherKernelEmitter(IndentedWriter writer, GatherPlan plan, VectorSpelling spelling, GatherNames names, int filterSize, int destinationWidth, UnrollLevel level, int reductionBits = 0, RowPhaseParameters? rowPhases = null, bool columnPhaseParameters = false)
        {
            _rowPhases = rowPhases;
            _columnParameters = columnPhaseParameters;
            _reductionBits = reductionBits;
            _w = writer;
            _plan = plan;
            _s = spelling;
            _el = spelling.Element;
            _names = names;
            _filterSize = filterSize;
            _destinationWidth = destinationWidth;
            _level = level;
        }

        private AxisMap Rows => _plan.Rows;

        private AxisMap Cols => _plan.Columns;

        private int R => _plan.Reduction;

        private int V => _plan.Channels.Channels;

        private int SourceRowLength => Cols.SrcCount * R;

        private int DestinationRowLength => _destinationWidth * V;

        private int FilterRowLength => _filterSize * R * V;

        private string T => _s.T;

        // Where the column axis's offsets are parameters (see ColumnPhaseParameters), the literal parts are zero: the
        // destination and filter offsets join the row refs (both in bounds), the source offset joins every source index.
        private int ColumnOutFirst => _columnParameters ? 0 : Cols.OutFirst;

        private int ColumnSrcOffset => _columnParameters ? 0 : Cols.SrcOffset;

        private int ColumnFilterFirst => _columnParameters ? 0 : Cols.FilterFirst;

        /// <summary>Writes every row of the row phases passed as parameters (see <see cref="RowPhaseParameters"/>): one loop.</summary>
        public void EmitRowPhases()
        {
            _w.Line("// The rows of this stride phase: the filter-row taps that lie inside the source, [kyLo, kyHi) of rowTaps, depend on the row.");
            using (_w.Block("for (nint oy = 0; oy < rowCount; oy++)"))
            {
                EmitRow(new RowClass(0, 0, 0, 1, Dynamic: true), Val.Var("oy"));
            }
        }

        public void EmitRowClasses(IEnumerable<RowClass> classes)
        {
            bool first = true;
            foreach (RowClass rows in classes)
            {
                if (!first)
                {
                    _w.Line();
                }

                first = false;
                if (rows.Dynamic)
                {
                    _w.Line($"// Output rows {rows.Start}..{rows.End - 1}: the filter-row taps that lie inside the source, [kyLo, kyHi) of {Rows.TapCount},");
                    _w.Line("// depend on the row only where it meets the padding; one loop serves them all.");
                    using (_w.Block($"for (nint oy = {rows.Start}; oy < {rows.End}; oy++)"))
                    {
                        EmitRow(rows, Val.Var("oy"));
                    }

                    continue;
                }

                string which = rows.Rows == 1 ? $"Output row {rows.Start}" : $"Output rows {rows.Start}..{rows.End - 1}";
                string taps = rows.TapHi <= rows.TapLo
                    ? "no filter row reaches the source, so these rows hold the initial value only"
                    : $"filter-row taps {rows.TapLo}..{rows.TapHi - 1} of {Rows.TapCount} lie inside the source";
                _w.Line($"// {which}: {taps}.");
                if (rows.Rows == 1)
                {
                    for (int oy = rows.Start; oy < rows.End; oy++)
                    {
                        using (_w.Block())
                        {
                            EmitRow(rows, Val.Lit(oy));
                        }
                    }
                }
                else
                {
                    using (_w.Block($"for (nint oy = {rows.Start}; oy < {rows.End}; oy++)"))
                    {
                        EmitRow(rows, Val.Var("oy"));
                    }
                }
            }
        }

        private void EmitRow(RowClass rows, Val oy)
        {
            var dstRow = AddRowTerm(new Affine().Add(Rows.OutStep * DestinationRowLength, oy), DestinationRowLength, Rows.OutFirst, "rowFirst");
            if (_columnParameters)
            {
                dstRow.Add(V, Val.Var(ColumnPhaseParameters.First));
            }

            _w.Line($"ref {T} dstRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {_names.Destination}, {dstRow});");
            if (rows.Dynamic)
            {
                EmitRowTapBounds(oy);
            }
            if (_plan.Channels.OverlappingTail)
            {
                EmitOverlappingChannels(rows, oy);
                return;
            }

            foreach ((ChannelGroup group, int start, int count) in _plan.Channels.Groups())
            {
                string channels = $"channels {start}..{start + count * group.Width - 1}";
                string? loop = _s.ChannelLoop(group, start, count);
                if (loop is not null)
                {
                    _w.Line($"// {channels}, {_s.DescribeGroup(group)} at a time.");
                    using (_w.Block(loop))
                    {
                        EmitGroup(rows, oy, group, Val.Var("ch"));
                    }
                }
                else
                {
                    for (int g = 0; g < count; g++)
                    {
                        int ch = start + g * group.Width;
                        _w.Line($"// channels {ch}..{ch + group.Width - 1} ({_s.DescribeGroup(group)}).");
                        using (_w.Block())
                        {
                            EmitGroup(rows, oy, group, Val.Lit(ch));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The channels as whole vectors while they fit, then one vector ending at the last channel: it overlaps the loop's
        /// last vector, whose channels it computes again in the same order and stores with the same values.
        /// </summary>
        private void EmitOverlappingChannels(RowClass rows, Val oy)
        {
            ChannelPlan plan = _plan.Channels;
            ChannelGroup vector = plan.Full!;
            _w.Line($"// channels 0..{plan.Channels - 1}, {_s.DescribeGroup(vector)} at a time while whole vectors fit.");
            using (_w.Block(_s.ChannelLoop(vector, 0, plan.FullCount, overlappingEnd: plan.Channels)))
            {
                EmitGroup(rows, oy, vector, Val.Var("ch"));
            }

            _w.Line($"// The last channels up to {plan.Channels - 1}: {_s.DescribeGroup(vector)} ending there, overlapping the loop's last (the same values, stored again).");
            using (_w.Block())
            {
                EmitGroup(rows, oy, vector, _s.OverlappingTailStart(vector, plan.Channels));
            }
        }

        /// <summary>The first and past-the-last filter-row taps of row <paramref name="oy"/> that read the source, where the padding clips them.</summary>
        private string _kyLo = "0";
        private string _kyHi = "0";

        private void EmitRowTapBounds(Val oy)
        {
            // Tap ky of row oy reads source row SrcStep·oy + SrcOffset + ky, which must lie in [0, SrcCount).
            bool clipsLow = _rowPhases?.ClipsLow ?? Rows.ClipsLow;
            bool clipsHigh = _rowPhases?.ClipsHigh ?? Rows.ClipsHigh;
            string taps = _rowPhases is null ? VectorSpelling.Literal(Rows.TapCount) : "rowTaps";
            _kyLo = clipsLow ? "kyLo" : "0";
            _kyHi = clipsHigh ? "kyHi" : taps;
            if (clipsLow)
            {
                _w.Line($"nint kyLo = global::System.Math.Max(0, {AddRowTerm(new Affine().Add(-Rows.SrcStep, oy), -1, Rows.SrcOffset, "rowSrcOffset")});");
            }

            if (clipsHigh)
            {
                _w.Line($"nint kyHi = global::System.Math.Min({taps}, {AddRowTerm(new Affine().Add(-Rows.SrcStep, oy).Add(Rows.SrcCount), -1, Rows.SrcOffset, "rowSrcOffset")});");
            }
        }

        /// <summary>
        /// Adds <paramref name="coefficient"/> × a field of the row axis: its value, or, when the body serves several row
        /// phases, the parameter that carries it (<see cref="RowPhaseParameters"/>).
        /// </summary>
        private Affine AddRowTerm(Affine offset, int coefficient, int value, string parameter) =>
            _rowPhases is null ? offset.Add(coefficient * value) : offset.Add(coefficient, Val.Var(parameter));

        private void EmitGroup(RowClass rows, Val oy, ChannelGroup group, Val ch)
        {
            for (int k = 0; k < group.Chunks.Count; k++)
            {
                Chunk chunk = group.Chunks[k];
                string init;
                if (ReductionLanes > 0)
                {
                    _w.Line($"var init{k} = {_s.Zero(_reductionBits)};");
                    continue;
                }

                if (_names.Init is null)
                {
                    init = chunk.IsScalar ? _s.ScalarZero : _s.Zero(chunk.Bits);
                }
                else
                {
                    var at = _s.AddChunkOffset(new Affine().Add(1, ch), chunk);
                    init = chunk.IsScalar
                        ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {_names.Init}, {at})"
                        : _s.LoadAt(chunk.Bits, _names.Init, at.ToString());
                }

                _w.Line($"{(chunk.IsScalar ? _s.ScalarType : "var")} init{k} = {init};");
            }

            foreach (ColumnBlock block in _plan.BlocksFor(group))
            {
                string what = DescribeBlock(block);
                if (block.Repeat > 1)
                {
                    int end = block.Start + block.Repeat * block.Pixels;
                    _w.Line($"// Columns {block.Start}..{end - 1}, {block.Pixels} at a time: {what}.");
                    using (_w.Block($"for (nint ox = {block.Start}; ox < {end}; ox += {block.Pixels})"))
                    {
                        EmitBlock(rows, oy, group, ch, block, Val.Var("ox"));
                    }
                }
                else
                {
                    for (int r = 0; r < block.Repeat; r++)
                    {
                        int ox = block.Start + r * block.Pixels;
                        _w.Line($"// Columns {ox}..{ox + block.Pixels - 1}: {what}.");
                        using (_w.Block())
                        {
                            EmitBlock(rows, oy, group, ch, block, Val.Lit(ox));
                        }
                    }
                }
            }
        }

        private string DescribeBlock(ColumnBlock block)
        {
            if (block.Dynamic)
            {
                return "border, each pixel's column taps computed from its column";
            }

            if (block.Segments.Count == 0)
            {
                return "every tap falls in the padding";
            }

            if (block.IsFull(Cols.TapCount))
            {
                return "interior, every column tap";
            }

            return "border, " + string.Join("; ", block.Segments.Select(s =>
                $"taps {s.FirstTap}..{s.FirstTap + s.TapCount - 1} for " +
                (s.Pixels.Count == block.Pixels ? "all pixels" : "pixels " + Describe.Ranges(s.Pixels))));
        }

        private void EmitBlock(RowClass rows, Val oy, ChannelGroup group, Val ch, ColumnBlock block, Val ox)
        {
            int chunks = group.Chunks.Count;
            // One line per pixel, or per four pixels of one chunk each.
            int pixelsPerLine = chunks == 1 ? 4 : 1;
            for (int p = 0; p < block.Pixels; p += pixelsPerLine)
            {
                _w.Line(string.Join(" ", Enumerable.Range(p, Math.Min(pixelsPerLine, block.Pixels - p)).SelectMany(q => Enumerable.Range(0, chunks).Select(k =>
                    $"{(group.Chunks[k].IsScalar && ReductionLanes == 0 ? _s.ScalarType : "var")} a{q}_{k} = init{k};"))));
            }

            _banks = block.Dynamic ? 1 : BanksFor(group, block);
            _step = 0;
            if (_banks > 1)
            {
                _w.Line($"// {block.Pixels * chunks} accumulators are too few chains to hide the FMA latency: consecutive steps alternate between {_banks} banks, summed at the end.");
                for (int b = 1; b < _banks; b++)
                {
                    for (int p = 0; p < block.Pixels; p++)
                    {
                        _w.Line(string.Join(" ", Enumerable.Range(0, chunks).Select(k => $"var a{p}_{k}_{b} = {Zero(group.Chunks[k])};")));
                    }
                }
            }

            if (block.Dynamic)
            {
                EmitPixelTapBounds(block, ox);
            }

            bool anyTaps = rows.TapHi > rows.TapLo && (block.Dynamic || block.Segments.Count > 0);
            if (anyTaps)
            {
                if (rows.Dynamic)
                {
                    using (_w.Block($"for (nint ky = {_kyLo}; ky < {_kyHi}; ky++)"))
                    {
                        EmitFilterRow(oy, group, ch, block, ox, Val.Var("ky"));
                    }
                }
                else if (rows.TapHi - rows.TapLo == 1)
                {
                    for (int ky = rows.TapLo; ky < rows.TapHi; ky++)
                    {
                        using (_w.Block())
                        {
                            EmitFilterRow(oy, group, ch, block, ox, Val.Lit(ky));
                        }
                    }
                }
                else
                {
                    using (_w.Block($"for (nint ky = {rows.TapLo}; ky < {rows.TapHi}; ky++)"))
                    {
                        EmitFilterRow(oy, group, ch, block, ox, Val.Var("ky"));
                    }
                }
            }

            for (int p = 0; p < block.Pixels && _banks > 1; p++)
            {
                _w.Line(string.Join(" ", Enumerable.Range(0, chunks).Select(k => SumBanks(p, k, group.Chunks[k]))));
            }

            for (int p = 0; p < block.Pixels; p++)
            {
                for (int k = 0; k < chunks; k++)
                {
                    Chunk chunk = group.Chunks[k];
                    var at = new Affine()
                        .Add(Cols.OutStep * V, ox)
                        .Add(1, ch)
                        .Add((ColumnOutFirst + Cols.OutStep * p) * V);
                    at = ReductionLanes > 0 ? at.Add(chunk.Offset) : _s.AddChunkOffset(at, chunk);
                    _w.Line(ReductionLanes > 0
                        ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref dstRow, {at}) = {_s.Sum(_reductionBits, $"a{p}_{k}")};"
                        : chunk.IsScalar
                        ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref dstRow, {at}) = a{p}_{k};"
                        : _s.StoreAt(chunk.Bits, $"a{p}_{k}", "dstRow", at.ToString()));
                }
            }
        }

        private void EmitFilterRow(Val oy, ChannelGroup group, Val ch, ColumnBlock block, Val ox, Val ky)
        {
            var srcRow = AddRowTerm(new Affine().Add(Rows.SrcStep * SourceRowLength, oy).Add(SourceRowLength, ky), SourceRowLength, Rows.SrcOffset, "rowSrcOffset");
            // A destination channel's weights start at channel · R when the reduction is the vector axis ([.., channel, reduction]).
            var filterRow = AddRowTerm(new Affine().Add(Rows.FilterStep * FilterRowLength, ky).Add(ReductionLanes > 0 ? R : 1, ch), FilterRowLength, Rows.FilterFirst, "rowFilterFirst");
            if (_columnParameters)
            {
                filterRow.Add(R * V, Val.Var(ColumnPhaseParameters.FilterFirst));
            }

            _w.Line($"ref {T} src = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {_names.Source}, {srcRow});");
            _w.Line($"ref {T} filter = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref {_names.Weights}, {filterRow});");
            if (block.Dynamic)
            {
                EmitDynamicPixels(group, block, ox);
                return;
            }

            foreach (Segment segment in block.Segments)
            {
                if (ReductionLanes > 0)
                {
                    EmitReductionSegment(group, block, segment, ox);
                    continue;
                }

                string pixels = segment.Pixels.Count == block.Pixels ? "all pixels" : "pixels " + Describe.Ranges(segment.Pixels);
                _w.Line($"// Column taps {segment.FirstTap}..{segment.FirstTap + segment.TapCount - 1} × {R} channels, {pixels}.");
                if (_plan.ContiguousColumnTaps || segment.TapCount == 1)
                {
                    EmitSteps(group, block, segment, ox, segment.TapCount * R, Val.Lit(0));
                }
                else if (_level >= UnrollLevel.ColumnTaps)
                {
                    for (int kx = 0; kx < segment.TapCount; kx++)
                    {
                        EmitSteps(group, block, segment, ox, R, Val.Lit(kx));
                    }
                }
                else
                {
                    // The filter index steps by more than one between taps: a loop over the taps around the channels.
                    using (_w.Block($"for (nint kx = 0; kx < {segment.TapCount}; kx++)"))
                    {
                        EmitSteps(group, block, segment, ox, R, Val.Var("kx"));
                    }
                }
            }
        }

        /// <summary>
        /// The column taps [kxLo<i>p</i>, kxHi<i>p</i>) each pixel of a dynamic block reads inside the source: pixel p of the
        /// block at <paramref name="ox"/> reads source column SrcStep·(ox + p) + SrcOffset + t for tap t.
        /// </summary>
        private void EmitPixelTapBounds(ColumnBlock block, Val ox)
        {
            _w.Line("// Each pixel's column taps inside the source, [kxLo, kxHi): the same for every filter row.");
            for (int p = 0; p < block.Pixels; p++)
            {
                int column = Cols.SrcStep * p + ColumnSrcOffset;
                int sourceParameter = _columnParameters ? 1 : 0;
                var before = new Affine().Add(-Cols.SrcStep, ox).Add(-sourceParameter, Val.Var(ColumnPhaseParameters.SrcOffset)).Add(-column);
                var after = new Affine().Add(-Cols.SrcStep, ox).Add(-sourceParameter, Val.Var(ColumnPhaseParameters.SrcOffset)).Add(Cols.SrcCount - column);
                _w.Line($"nint kxLo{p} = global::System.Math.Max(0, {before}); nint kxHi{p} = global::System.Math.Min({Cols.TapCount}, {after});");
            }
        }

        /// <summary>
        /// One filter row of a dynamic block: each pixel loops over its own column taps and the reduction channels, one
        /// accumulator chain per pixel and chunk (the block is the border's, a small share of the work).
        /// </summary>
        private void EmitDynamicPixels(ChannelGroup group, ColumnBlock block, Val ox)
        {
            for (int p = 0; p < block.Pixels; p++)
            {
                var pixel = new Segment(0, 1, new[] { p });
                using (_w.Block($"for (nint kx = kxLo{p}; kx < kxHi{p}; kx++)"))
                {
                    if (ReductionLanes > 0)
                    {
                        int filterColumn = ColumnFilterFirst * R * V;
                        using (_w.Block($"for (nint kc = 0; kc < {R}; kc += {ReductionVectors(new Affine(), 1)})"))
                        {
                            EmitReductionChunk(group, pixel, ox, Val.Var("kx"), filterColumn, Val.Var("kc"), 0);
                        }
                    }
                    else
                    {
                        using (_w.Block($"for (nint j = 0; j < {R}; j++)"))
                        {
                            EmitStep(group, block, pixel, ox, Val.Var("j"), Val.Var("kx"));
                        }
                    }
                }
            }
        }

        /// <summary><paramref name="steps"/> consecutive steps of a segment from tap <paramref name="kx"/>: written out, or looped (in pairs when the block alternates banks).</summary>
        private void EmitSteps(ChannelGroup group, ColumnBlock block, Segment segment, Val ox, int steps, Val kx)
        {
            if (steps == 1 || _level >= UnrollLevel.ColumnTaps)
            {
                for (int j = 0; j < steps; j++)
                {
                    using (_w.Block())
                    {
                        EmitStep(group, block, segment, ox, Val.Lit(j), kx);
                    }
                }
            }
            else if (_banks > 1 && steps >= 2)
            {
                // Looped steps, two per iteration so that the banks alternate; an odd last step goes to the first bank.
                int pairsEnd = steps / 2 * 2;
                using (_w.Block($"for (nint j = 0; j < {pairsEnd}; j += 2)"))
                {
                    for (int b = 0; b < 2; b++)
                    {
                        _step = b;
                        using (_w.Block())
                        {
                            EmitStep(group, block, segment, ox, Val.Var("j"), kx, b);
                        }
                    }
                }

                if (pairsEnd < steps)
                {
                    _step = 0;
                    using (_w.Block())
                    {
                        EmitStep(group, block, segment, ox, Val.Lit(pairsEnd), kx);
                    }
                }
            }
            else
            {
                using (_w.Block($"for (nint j = 0; j < {steps}; j++)"))
                {
                    EmitStep(group, block, segment, ox, Val.Var("j"), kx);
                }
            }
        }

        private int _banks = 1;
        private int _step;

        /// <summary>The accumulator of pixel <paramref name="p"/>, chunk <paramref name="k"/> for the current step's bank.</summary>
        private string Acc(int p, int k) => _step % _banks == 0 ? $"a{p}_{k}" : $"a{p}_{k}_{_step % _banks}";

        private string Zero(Chunk chunk) =>
            ReductionLanes > 0 ? _s.Zero(_reductionBits) : chunk.IsScalar ? _s.ScalarZero : _s.Zero(chunk.Bits);

        /// <summary>Adds the other banks' accumulators of pixel <paramref name="p"/>, chunk <paramref name="k"/> into the first bank's.</summary>
        private string SumBanks(int p, int k, Chunk chunk)
        {
            string others = string.Join(" + ", Enumerable.Range(1, _banks - 1).Select(b => $"a{p}_{k}_{b}"));
            if (ReductionLanes == 0 && chunk.IsScalar)
            {
                return $"a{p}_{k} += {others};";
            }

            int bits = ReductionLanes > 0 ? _reductionBits : chunk.Bits;
            return string.Concat(Enumerable.Range(1, _banks - 1).Select(b => _s.AddInto(bits, $"a{p}_{k}", $"a{p}_{k}_{b}") + (b < _banks - 1 ? " " : string.Empty)));
        }

        /// <summary>
        /// How many accumulator banks a block uses: a block of fewer than <see cref="GatherPlan.LatencyChains"/> accumulators
        /// cannot keep the FMA pipes busy (each FMA waits for the previous one on the same accumulator), so consecutive
        /// steps alternate between banks: any number where the steps are written out, two where a loop runs two steps per iteration.
        /// </summary>
        private int BanksFor(ChannelGroup group, ColumnBlock block) =>
            _level >= UnrollLevel.ColumnTaps || ReductionLanes > 0
                ? GatherPlan.BanksFor(block.Pixels * group.Chunks.Count)
                : Math.Min(2, GatherPlan.BanksFor(block.Pixels * group.Chunks.Count));

        private int ReductionLanes => _reductionBits == 0 ? 0 : _el.Lanes(_reductionBits);

        /// <summary>
        /// One tap segment with the reduction channels as the vector axis: per column tap and reduction chunk, one weight
        /// vector per destination channel and one source vector per pixel, multiplied lane by lane into the pixel's accumulators.
        /// </summary>
        private void EmitReductionSegment(ChannelGroup group, ColumnBlock block, Segment segment, Val ox)
        {
            string pixels = segment.Pixels.Count == block.Pixels ? "all pixels" : "pixels " + Describe.Ranges(segment.Pixels);
            _w.Line($"// Column taps {segment.FirstTap}..{segment.FirstTap + segment.TapCount - 1} × {R} channels in vector lanes, {pixels}.");
            if (segment.TapCount == 1 || _level >= UnrollLevel.ColumnTaps)
            {
                for (int t = 0; t < segment.TapCount; t++)
                {
                    using (_w.Block())
                    {
                        EmitReductionStep(group, segment, ox, Val.Lit(t));
                    }
                }
            }
            else
            {
                using (_w.Block($"for (nint t = 0; t < {segment.TapCount}; t++)"))
                {
                    EmitReductionStep(group, segment, ox, Val.Var("t"));
                }
            }
        }

        /// <summary>
        /// The reduction chunks of a tap run in a loop whose body holds one chunk per accumulator bank, so every
        /// iteration still feeds every bank and each accumulator receives the same products in the same order as written
        /// out; only a tap with fewer than two iterations' worth of chunks is written out (the stem of a ResNet sums 64
        /// output channels per tap: 16 Vector128 chunks or 4 Vector512 ones, one loop either way).
        /// </summary>
        private void EmitReductionStep(ChannelGroup group, Segment segment, Val ox, Val t)
        {
            int lanes = ReductionLanes;
            int chunks = R / lanes;
            int filterColumn = (ColumnFilterFirst + Cols.FilterStep * segment.FirstTap) * R * V;
            int perIteration = Math.Max(1, _banks);
            int looped = chunks >= 2 * perIteration || (_plan.LoopEveryReduction && chunks >= perIteration) ? chunks / perIteration * perIteration : 0;
            if (looped > 0)
            {
                _w.Line($"// Channels 0..{looped * lanes - 1} in a loop of {perIteration} vector(s) an iteration, one per accumulator bank.");
                using (_w.Block($"for (nint kc = 0; kc < {looped * lanes}; kc += {ReductionVectors(new Affine(), perIteration)})"))
                {
                    for (int u = 0; u < perIteration; u++)
                    {
                        if (perIteration == 1)
                        {
                            EmitReductionChunk(group, segment, ox, t, filterColumn, Val.Var("kc"), u);
                            continue;
                        }

                        using (_w.Block())
                        {
                            EmitReductionChunk(group, segment, ox, t, filterColumn, Val.Var("kc"), u);
                        }
                    }
                }
            }

            for (int kc = looped; kc < chunks; kc++)
            {
                if (chunks == 1)
                {
                    EmitReductionChunk(group, segment, ox, t, filterColumn, Val.Lit(0), 0);
                    continue;
                }

                using (_w.Block())
                {
                    EmitReductionChunk(group, segment, ox, t, filterColumn, Val.Lit(0), kc);
                }
            }
        }

        /// <summary>Adds <paramref name="vectors"/> reduction vectors' worth of lanes to an offset (in lanes where the vectors are the tier's full width).</summary>
        private Affine ReductionVectors(Affine offset, int vectors) =>
            _reductionBits == _s.Width ? _s.AddLanes(offset, vectors) : offset.Add(vectors * ReductionLanes);

        /// <summary>One chunk of reduction lanes: channels <paramref name="channel"/> + <paramref name="vectors"/> vectors onwards.</summary>
        private void EmitReductionChunk(ChannelGroup group, Segment segment, Val ox, Val t, int filterColumn, Val channel, int vectors)
        {
            int bits = _reductionBits;
            for (int k = 0; k < group.Chunks.Count; k++)
            {
                var at = ReductionVectors(new Affine().Add(Cols.FilterStep * R * V, t).Add(1, channel).Add(filterColumn + group.Chunks[k].Offset * R), vectors);
                _w.Line($"var w{k} = {_s.LoadAt(bits, "filter", at.ToString())};");
            }

            foreach (int p in segment.Pixels)
            {
                var at = ReductionVectors(new Affine()
                    .Add(Cols.SrcStep * R, ox)
                    .Add(R, t)
                    .Add(1, channel)
                    .Add((Cols.SrcStep * p + ColumnSrcOffset + segment.FirstTap) * R)
                    .Add(_columnParameters ? R : 0, Val.Var(ColumnPhaseParameters.SrcOffset)), vectors);
                if (group.Chunks.Count == 1)
                {
                    _w.Line($"{Acc(p, 0)} = {_s.MultiplyAdd(bits, _s.LoadAt(bits, "src", at.ToString()), "w0", Acc(p, 0))};");
                    continue;
                }

                _w.Line($"var x{p} = {_s.LoadAt(bits, "src", at.ToString())};");
                _w.Line(string.Join(" ", Enumerable.Range(0, group.Chunks.Count).Select(k => $"{Acc(p, k)} = {_s.MultiplyAdd(bits, $"x{p}", $"w{k}", Acc(p, k))};")));
            }

            _step++;
        }

        private void EmitStep(ChannelGroup group, ColumnBlock block, Segment segment, Val ox, Val j, Val kx, int jOffset = 0)
        {
            int filterColumn = (ColumnFilterFirst + Cols.FilterStep * segment.FirstTap) * R * V + V * jOffset;
            for (int k = 0; k < group.Chunks.Count; k++)
            {
                Chunk chunk = group.Chunks[k];
                var at = _s.AddChunkOffset(new Affine().Add(Cols.FilterStep * R * V, kx).Add(V, j).Add(filterColumn), chunk);
                _w.Line(chunk.IsScalar
                    ? $"{_s.ScalarType} w{k} = global::System.Runtime.CompilerServices.Unsafe.Add(ref filter, {at});"
                    : $"var w{k} = {_s.LoadAt(chunk.Bits, "filter", at.ToString())};");
            }

            bool broadcastOnce = group.SingleWidth;
            foreach (int p in segment.Pixels)
            {
                var at = new Affine()
                    .Add(Cols.SrcStep * R, ox)
                    .Add(R, kx)
                    .Add(1, j)
                    .Add((Cols.SrcStep * p + ColumnSrcOffset + segment.FirstTap) * R + jOffset)
                    .Add(_columnParameters ? R : 0, Val.Var(ColumnPhaseParameters.SrcOffset));
                string offset = at.ToString();
                if (group.Chunks.Count == 1)
                {
                    // One accumulator per pixel: the source value goes straight into its FMA.
                    Chunk only = group.Chunks[0];
                    _w.Line(only.IsScalar
                        ? $"{Acc(p, 0)} = {_s.ScalarMath}.MultiplyAddEstimate({VectorSpelling.ScalarAt("src", offset)}, w0, {Acc(p, 0)});"
                        : $"{Acc(p, 0)} = {_s.MultiplyAdd(only.Bits, _s.BroadcastAt(only.Bits, "src", offset), "w0", Acc(p, 0))};");
                    continue;
                }

                _w.Line(broadcastOnce
                    ? $"var x{p} = {_s.BroadcastAt(group.Chunks[0].Bits, "src", offset)};"
                    : $"{_s.ScalarType} x{p} = {VectorSpelling.ScalarAt("src", offset)};");
                var fmas = new List<string>();
                for (int k = 0; k < group.Chunks.Count; k++)
                {
                    Chunk chunk = group.Chunks[k];
                    string x = broadcastOnce || chunk.IsScalar ? $"x{p}" : _s.Broadcast(chunk.Bits, $"x{p}");
                    fmas.Add(chunk.IsScalar
                        ? $"{Acc(p, k)} = {_s.ScalarMath}.MultiplyAddEstimate({x}, w{k}, {Acc(p, k)});"
                        : $"{Acc(p, k)} = {_s.MultiplyAdd(chunk.Bits, x, $"w{k}", Acc(p, k))};");
                }

                _w.Line(string.Join(" ", fmas));
            }

            _step++;
        }
    }
}
