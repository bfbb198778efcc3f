using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CnnGen.Generators.Emitting.Planning;
using CnnGen.Generators.Model;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Writes one vector tier's weight-gradient kernel: dW[dy, dx, c, :] += Σ over output pixels of
    /// input value · dZ row, example by example. A register block holds several weight rows × channel chunks and
    /// streams over the output pixels whose input for those rows is real; the filter rows (and, for wide inputs, the
    /// filter columns) are loops whose pixel ranges the code computes from the tap, so the text does not grow with the
    /// filter or the padding.
    /// </summary>
    internal sealed class WeightGradientEmitter
    {
        private readonly IndentedWriter _w;
        private readonly WeightGradientPlan _plan;
        private readonly VectorSpelling _s;
        private readonly Conv2DSpec _spec;

        public WeightGradientEmitter(IndentedWriter writer, WeightGradientPlan plan, VectorSpelling spelling, Conv2DSpec spec)
        {
            _w = writer;
            _plan = plan;
            _s = spelling;
            _spec = spec;
        }

        private string T => _s.T;

        private int F => _spec.FilterSize;

        private int S => _spec.Stride;

        private int P => _spec.Pad;

        private int W => _spec.Input.Width;

        private int Cin => _spec.Input.Channels;

        private int Wo => _spec.Output.Width;

        private int Cout => _spec.Filters;

        /// <summary>The kernel's summary, outside the text that tiers share.</summary>
        public static string Summary(Conv2DSpec spec, WeightGradientPlan plan, string served) =>
            $"dW[dy, dx, c, k] += Σ over output pixels of A[.., {spec.Stride}·oy − {spec.Pad} + dy, {spec.Stride}·ox − {spec.Pad} + dx, c] · dZ[.., oy, ox, k], example by example ({served}).\n" +
            $"Register block: {string.Join(", then ", plan.Channels.Groups().Select(g => $"{plan.TapsFor(g.Group)} weight rows × {g.Group.Chunks.Count} channel chunk(s)"))}; " +
            "each block visits only the output pixels whose input for its weight rows is real.";

        /// <summary>Writes the kernel method, named <paramref name="name"/> (with the type parameters of a generic spelling).</summary>
        public void Emit(string name)
        {
            string generic = _s.IsGeneric ? VectorSpelling.TypeParameters : string.Empty;
            string constraints = _s.IsGeneric ? " " + VectorSpelling.Constraints : string.Empty;
            _w.Line(KernelNames.AggressiveOptimization);
            using (_w.Block($"private static void {name}{generic}(ref {T} outputGradient, ref {T} input, ref {T} weightsGradient, int batch){constraints}"))
            {
                using (_w.Block("for (int n = 0; n < batch; n++)"))
                {
                    _w.Line($"ref {T} x = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref input, (nint)n * InputLength);");
                    _w.Line($"ref {T} dz = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref outputGradient, (nint)n * OutputLength);");
                    _w.Line($"// Filter row dy reads input row {S}·oy − {P} + dy: output rows [oyLo, oyHi) keep it inside the input.");
                    using (F == 1 ? _w.Block() : _w.Block($"for (nint dy = 0; dy < {F}; dy++)"))
                    {
                        Val dy = F == 1 ? Val.Lit(0) : Val.Var("dy");
                        (string oyLo, string oyHi) = EmitOutputRange("oy", _plan.Rows, dy);
                        if (_plan.Channels.OverlappingTail)
                        {
                            EmitOverlappingChannels(new RowRange(dy, oyLo, oyHi));
                        }

                        foreach ((ChannelGroup group, int start, int count) in _plan.Channels.OverlappingTail ? Enumerable.Empty<(ChannelGroup, int, int)>() : _plan.Channels.Groups())
                        {
                            _w.Line($"// Channels {start}..{start + count * group.Width - 1}, {_s.DescribeGroup(group)} at a time.");
                            string? loop = _s.ChannelLoop(group, start, count);
                            using (loop is not null ? _w.Block(loop) : _w.Block())
                            {
                                Val ch = loop is not null ? Val.Var("ch") : Val.Lit(start);
                                var rows = new RowRange(dy, oyLo, oyHi);
                                if (_plan.BlocksWithinFilterColumn(group))
                                {
                                    EmitPerFilterColumn(group, ch, rows);
                                }
                                else
                                {
                                    EmitAcrossFilterColumns(group, ch, rows);
                                }
                            }
                        }
                    }
                }
            }

            _w.Line();
        }

        /// <summary>
        /// The channels as whole vectors while they fit, then one vector ending at the last channel. dW accumulates, so that
        /// vector starts from zero and adds only the lanes the loop did not cover (<see cref="VectorSpelling.KeepLast"/>).
        /// </summary>
        private void EmitOverlappingChannels(RowRange rows)
        {
            ChannelPlan plan = _plan.Channels;
            ChannelGroup vector = plan.Full!;
            _w.Line($"// Channels 0..{Cout - 1}, {_s.DescribeGroup(vector)} at a time while whole vectors fit.");
            using (_w.Block(_s.ChannelLoop(vector, 0, plan.FullCount, overlappingEnd: Cout)))
            {
                EmitChannels(vector, Val.Var("ch"), rows);
            }

            _w.Line($"// The last channels up to {Cout - 1}: {_s.DescribeGroup(vector)} ending there, overlapping the loop's last; it adds only the lanes the loop did not cover.");
            _maskedTail = true;
            using (_w.Block())
            {
                EmitChannels(vector, _s.OverlappingTailStart(vector, Cout), rows);
            }

            _maskedTail = false;
        }

        private void EmitChannels(ChannelGroup group, Val ch, RowRange rows)
        {
            if (_plan.BlocksWithinFilterColumn(group))
            {
                EmitPerFilterColumn(group, ch, rows);
            }
            else
            {
                EmitAcrossFilterColumns(group, ch, rows);
            }
        }

        /// <summary>Whether the blocks being written are the overlapping last vector's: zero-started, adding only their uncovered lanes.</summary>
        private bool _maskedTail;

        /// <summary>A filter row and the output rows [Lo, Hi) whose input row for it is real.</summary>
        private readonly struct RowRange
        {
            public RowRange(Val tap, string lo, string hi)
            {
                Tap = tap;
                Lo = lo;
                Hi = hi;
            }

            public Val Tap { get; }

            public string Lo { get; }

            public string Hi { get; }
        }

        /// <summary>
        /// Writes the outputs [lo, hi) along <paramref name="axis"/> whose source for <paramref name="tap"/> is real, as
        /// literals when every tap shares them, else as locals computed from the tap: output o reads SrcStep·o + SrcOffset + tap.
        /// </summary>
        private (string Lo, string Hi) EmitOutputRange(string prefix, AxisMap axis, Val tap)
        {
            // The bounds the emitted formulas give for each tap, compared as they are: a tap with no real source has
            // lo ≥ hi, which an empty range normalized to (0, 0) would hide (its lo may still differ from the others').
            int s = axis.SrcStep;
            int Lo(int t) => -axis.SrcOffset - t > 0 ? (-axis.SrcOffset - t + s - 1) / s : 0;
            int Hi(int t) => axis.SrcCount - 1 - axis.SrcOffset - t < 0 ? 0 : Math.Min(axis.OutCount, (axis.SrcCount - 1 - axis.SrcOffset - t) / s + 1);
            if (tap.Name is null)
            {
                return (Literal(Lo(tap.Value)), Literal(Hi(tap.Value)));
            }

            var taps = Enumerable.Range(0, axis.TapCount).ToList();
            string loText = Literal(Lo(0));
            string hiText = Literal(Hi(0));
            if (taps.Any(t => Lo(t) != Lo(0)))
            {
                // Outputs before the first real source: o·s < −SrcOffset − tap.
                _w.Line($"nint {prefix}Before = {new Affine().Add(-1, tap).Add(-axis.SrcOffset)};");
                _w.Line(s == 1
                    ? $"nint {prefix}Lo = global::System.Math.Max(0, {prefix}Before);"
                    : $"nint {prefix}Lo = {prefix}Before > 0 ? ({prefix}Before + {s - 1}) / {s} : 0;");
                loText = prefix + "Lo";
            }

            if (taps.Any(t => Hi(t) != Hi(0)))
            {
                // The last output whose source is real: o·s ≤ SrcCount − 1 − SrcOffset − tap.
                _w.Line($"nint {prefix}Last = {new Affine().Add(-1, tap).Add(axis.SrcCount - 1 - axis.SrcOffset)};");
                _w.Line(s == 1
                    ? $"nint {prefix}Hi = global::System.Math.Min({axis.OutCount}, {prefix}Last + 1);"
                    : $"nint {prefix}Hi = {prefix}Last < 0 ? 0 : global::System.Math.Min({axis.OutCount}, {prefix}Last / {s} + 1);");
                hiText = prefix + "Hi";
            }

            return (loText, hiText);
        }

        private static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// C_in holds a whole register block: a loop over the filter columns, each with the output columns it keeps
        /// inside the input, around blocks of consecutive input channels.
        /// </summary>
        private void EmitPerFilterColumn(ChannelGroup group, Val ch, RowRange rows)
        {
            int taps = _plan.TapsFor(group);
            int full = Cin / taps * taps;
            using (F == 1 ? _w.Block() : _w.Block($"for (nint dx = 0; dx < {F}; dx++)"))
            {
                Val dx = F == 1 ? Val.Lit(0) : Val.Var("dx");
                (string oxLo, string oxHi) = EmitOutputRange("ox", _plan.Columns, dx);
                if (full > 0)
                {
                    _w.Line($"// Input channels 0..{full - 1}, {taps} at a time.");
                    using (full > taps ? _w.Block($"for (nint c0 = 0; c0 < {full}; c0 += {taps})") : _w.Block())
                    {
                        EmitBlock(group, ch, rows, dx, full > taps ? Val.Var("c0") : Val.Lit(0), taps, new[] { (oxLo, oxHi, Enumerable.Range(0, taps).ToList()) });
                    }
                }

                if (full < Cin)
                {
                    _w.Line($"// Input channels {full}..{Cin - 1}.");
                    using (_w.Block())
                    {
                        EmitBlock(group, ch, rows, dx, Val.Lit(full), Cin - full, new[] { (oxLo, oxHi, Enumerable.Range(0, Cin - full).ToList()) });
                    }
                }
            }
        }

        /// <summary>
        /// C_in is narrower than a register block: blocks run across the filter columns of a filter row (weight rows
        /// j = dx·C_in + c), and their output-column spans, where the padding drops some of the block's rows, are decided here.
        /// </summary>
        private void EmitAcrossFilterColumns(ChannelGroup group, Val ch, RowRange rows)
        {
            foreach (TapBlock block in _plan.BlocksFor(group))
            {
                var spans = block.Spans.Select(s => (Literal(s.Start), Literal(s.End), s.Taps.ToList())).ToList();
                if (block.Repeat > 1)
                {
                    int end = block.Start + block.Repeat * block.Taps;
                    _w.Line($"// Weight rows j = dx·{Cin} + c in {block.Start}..{end - 1}, {block.Taps} at a time.");
                    using (_w.Block($"for (nint j0 = {block.Start}; j0 < {end}; j0 += {block.Taps})"))
                    {
                        EmitBlock(group, ch, rows, Val.Lit(0), Val.Var("j0"), block.Taps, spans);
                    }
                }
                else
                {
                    _w.Line($"// Weight rows j = dx·{Cin} + c in {block.Start}..{block.Start + block.Taps - 1}.");
                    using (_w.Block())
                    {
                        EmitBlock(group, ch, rows, Val.Lit(0), Val.Lit(block.Start), block.Taps, spans);
                    }
                }
            }
        }

        /// <summary>
        /// One register block: weight rows j = dx·C_in + <paramref name="first"/> + t for t in [0, <paramref name="taps"/>)
        /// × the group's chunks, accumulated over the output rows of <paramref name="rows"/> and, per span, the output
        /// columns where the span's rows read real input.
        /// </summary>
        private void EmitBlock(ChannelGroup group, Val ch, RowRange rows, Val dx, Val first, int taps, IReadOnlyList<(string Lo, string Hi, List<int> Taps)> spans)
        {
            int chunks = group.Chunks.Count;
            var gradAt = new Affine().Add(F * Cin * Cout, rows.Tap).Add(Cin * Cout, dx).Add(Cout, first).Add(1, ch);
            _w.Line($"ref {T} grad = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref weightsGradient, {gradAt});");
            for (int j = 0; j < taps; j++)
            {
                _w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar
                    ? $"{_s.ScalarType} a{j}_{k} = global::System.Runtime.CompilerServices.Unsafe.Add(ref grad, {j * Cout + chunk.Offset});"
                    : _maskedTail
                    ? $"var a{j}_{k} = {_s.Zero(chunk.Bits)};"
                    : $"var a{j}_{k} = {_s.LoadAt(chunk.Bits, "grad", GradOffset(j, chunk))};")));
            }

            // Fewer accumulators than FMA chains needed to hide the latency: odd output columns go to a second bank.
            bool twoBanks = taps * chunks < GatherPlan.LatencyChains;
            if (twoBanks)
            {
                _w.Line($"// {taps * chunks} accumulators are too few chains to hide the FMA latency: odd output columns accumulate into a second bank.");
                for (int j = 0; j < taps; j++)
                {
                    _w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar
                        ? $"{_s.ScalarType} a{j}_{k}_1 = {_s.ScalarZero};"
                        : $"var a{j}_{k}_1 = {_s.Zero(chunk.Bits)};")));
                }
            }

            using (_w.Block($"for (nint oy = {rows.Lo}; oy < {rows.Hi}; oy++)"))
            {
                // The input value of weight row t at output column ox: x[S·oy − P + dy, S·ox − P + dx, first + t].
                var srcAt = new Affine().Add(S * W * Cin, Val.Var("oy")).Add(W * Cin, rows.Tap).Add(Cin, dx).Add(1, first).Add(-P * W * Cin - P * Cin);
                _w.Line($"ref {T} src = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, {srcAt});");
                _w.Line($"ref {T} dzRow = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref dz, {new Affine().Add(Wo * Cout, Val.Var("oy")).Add(1, ch)});");
                foreach ((string lo, string hi, List<int> spanTaps) in spans)
                {
                    string which = spanTaps.Count == taps ? "all weight rows" : "weight rows " + Describe.Ranges(spanTaps);
                    if (twoBanks)
                    {
                        _w.Line($"// Output columns [{lo}, {hi}): {which} read real input; two columns at a time, one accumulator bank each.");
                        using (_w.Block())
                        {
                            _w.Line($"nint ox = {lo};");
                            using (_w.Block($"for (; ox + 1 < {hi}; ox += 2)"))
                            {
                                EmitColumn(group, spanTaps, Val.Var("ox"), 0, string.Empty);
                                EmitColumn(group, spanTaps, Val.Var("ox"), 1, "_1");
                            }

                            using (_w.Block($"if (ox < {hi})"))
                            {
                                EmitColumn(group, spanTaps, Val.Var("ox"), 0, string.Empty);
                            }
                        }

                        continue;
                    }

                    _w.Line($"// Output columns [{lo}, {hi}): {which} read real input.");
                    using (_w.Block($"for (nint ox = {lo}; ox < {hi}; ox++)"))
                    {
                        EmitColumn(group, spanTaps, Val.Var("ox"), 0, string.Empty);
                    }
                }
            }

            for (int j = 0; j < taps && twoBanks; j++)
            {
                _w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar ? $"a{j}_{k} += a{j}_{k}_1;" : _s.AddInto(chunk.Bits, $"a{j}_{k}", $"a{j}_{k}_1"))));
            }

            for (int j = 0; j < taps; j++)
            {
                _w.Line(string.Join(" ", group.Chunks.Select((chunk, k) => chunk.IsScalar
                    ? $"global::System.Runtime.CompilerServices.Unsafe.Add(ref grad, {j * Cout + chunk.Offset}) = a{j}_{k};"
                    : _maskedTail
                    ? _s.StoreAt(chunk.Bits, _s.Add(chunk.Bits, _s.LoadAt(chunk.Bits, "grad", GradOffset(j, chunk)), _s.KeepLast(chunk.Bits, $"a{j}_{k}", Cout)), "grad", GradOffset(j, chunk))
                    : _s.StoreAt(chunk.Bits, $"a{j}_{k}", "grad", GradOffset(j, chunk)))));
            }
        }

        private string GradOffset(int j, Chunk chunk) => _s.AddChunkOffset(new Affine().Add(j * Cout), chunk).ToString();

        /// <summary>One output column (ox + <paramref name="offset"/>): load its dZ row once, add input value × dZ row into each weight row's accumulators of <paramref name="bank"/>.</summary>
        private void EmitColumn(ChannelGroup group, IReadOnlyList<int> taps, Val ox, int offset, string bank)
        {
            bool broadcastOnce = group.SingleWidth;
            for (int k = 0; k < group.Chunks.Count; k++)
            {
                Chunk chunk = group.Chunks[k];
                string at = _s.AddChunkOffset(new Affine().Add(Cout, ox).Add(Cout * offset), chunk).ToString();
                _w.Line(chunk.IsScalar
                    ? $"{_s.ScalarType} g{k}{bank} = global::System.Runtime.CompilerServices.Unsafe.Add(ref dzRow, {at});"
                    : $"var g{k}{bank} = {_s.LoadAt(chunk.Bits, "dzRow", at)};");
            }

            foreach (int j in taps)
            {
                string at = new Affine().Add(S * Cin, ox).Add(j + S * Cin * offset).ToString();
                if (group.Chunks.Count == 1)
                {
                    // One accumulator per weight row: the input value goes straight into its FMA.
                    Chunk only = group.Chunks[0];
                    string acc = $"a{j}_0{bank}";
                    _w.Line(only.IsScalar
                        ? $"{acc} = {_s.ScalarMath}.MultiplyAddEstimate({VectorSpelling.ScalarAt("src", at)}, g0{bank}, {acc});"
                        : $"{acc} = {_s.MultiplyAdd(only.Bits, _s.BroadcastAt(only.Bits, "src", at), $"g0{bank}", acc)};");
                    continue;
                }

                _w.Line(broadcastOnce
                    ? $"var x{j}{bank} = {_s.BroadcastAt(group.Chunks[0].Bits, "src", at)};"
                    : $"{_s.ScalarType} x{j}{bank} = {VectorSpelling.ScalarAt("src", at)};");
                _w.Line(string.Join(" ", group.Chunks.Select((chunk, k) =>
                {
                    string xv = broadcastOnce || chunk.IsScalar ? $"x{j}{bank}" : _s.Broadcast(chunk.Bits, $"x{j}{bank}");
                    return chunk.IsScalar
                        ? $"a{j}_{k}{bank} = {_s.ScalarMath}.MultiplyAddEstimate({xv}, g{k}{bank}, a{j}_{k}{bank});"
                        : $"a{j}_{k}{bank} = {_s.MultiplyAdd(chunk.Bits, xv, $"g{k}{bank}", $"a{j}_{k}{bank}")};";
                })));
            }
        }
    }
}
