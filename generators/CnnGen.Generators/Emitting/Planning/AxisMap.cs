using System;
using System.Collections.Generic;

namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>
    /// How one spatial axis of a gather kernel maps its outputs onto its source. Output <c>o</c> in
    /// <c>[0, OutCount)</c> is stored at position <c>OutFirst + OutStep·o</c>; its tap <c>t</c> in <c>[0, TapCount)</c>
    /// reads source position <c>SrcStep·o + SrcOffset + t</c> with filter index <c>FilterFirst + FilterStep·t</c>,
    /// and exists only where that source position lies in <c>[0, SrcCount)</c>: taps that land in the zero padding
    /// are dropped here, at generation time.
    /// </summary>
    internal sealed record AxisMap(
        int OutCount,
        int OutFirst,
        int OutStep,
        int SrcCount,
        int SrcStep,
        int SrcOffset,
        int TapCount,
        int FilterFirst,
        int FilterStep)
    {
        /// <summary>The forward convolution along one axis: output o reads input o·s − pad + dx for dx in [0, f).</summary>
        public static AxisMap Forward(int inputSize, int outputSize, int filterSize, int stride, int pad) =>
            new(outputSize, 0, 1, inputSize, stride, -pad, filterSize, 0, 1);

        /// <summary>
        /// The input gradient along one axis, for the input positions i ≡ <paramref name="phase"/> (mod s):
        /// i = phase + s·q gathers from output o = (i + pad − dx) / s over the dx for which that division is exact.
        /// Taps are indexed by the flipped filter position k = f − 1 − dx, so consecutive taps read consecutive
        /// outputs (source offset +1) and step the flipped filter index by s.
        /// </summary>
        public static AxisMap InputGradient(int inputSize, int outputSize, int filterSize, int stride, int pad, int phase)
        {
            int count = phase < inputSize ? (inputSize - phase + stride - 1) / stride : 0;

            // The first tap k is the one with the largest dx = f − 1 − k such that dx ≡ phase + pad (mod s): constant time,
            // however large f and s are.
            long residue = Mod(phase + (long)pad, stride);
            if (residue > filterSize - 1)
            {
                return new AxisMap(count, phase, stride, outputSize, 1, 0, 0, 0, stride);
            }

            long largestDx = residue + (filterSize - 1 - residue) / stride * stride;
            int first = (int)(filterSize - 1 - largestDx);
            int taps = (filterSize - 1 - first) / stride + 1;
            int offset = (int)((phase + (long)pad - (filterSize - 1 - first)) / stride); // exact by construction
            return new AxisMap(count, phase, stride, outputSize, 1, offset, taps, first, stride);
        }

        private static long Mod(long a, long m) => ((a % m) + m) % m;

        /// <summary>The taps of output <paramref name="o"/> that read real (unpadded) source positions, as [Lo, Hi).</summary>
        public (int Lo, int Hi) ValidTaps(int o)
        {
            int start = SrcStep * o + SrcOffset;
            int lo = Math.Max(0, -start);
            int hi = Math.Min(TapCount, SrcCount - start);
            return hi <= lo ? (0, 0) : (lo, hi);
        }

        /// <summary>Whether some output's first taps fall before the source (the leading padding).</summary>
        public bool ClipsLow => SrcOffset < 0;

        /// <summary>Whether some output's last taps fall past the source (the trailing padding).</summary>
        public bool ClipsHigh => SrcStep * (OutCount - 1) + SrcOffset + TapCount > SrcCount;

        /// <summary>The outputs [Lo, Hi) whose tap <paramref name="tap"/> reads a real source position; empty as (0, 0).</summary>
        public (int Lo, int Hi) OutputRange(int tap)
        {
            int lo = -1, hi = -1;
            for (int o = 0; o < OutCount; o++)
            {
                int at = SrcStep * o + SrcOffset + tap;
                if (at >= 0 && at < SrcCount)
                {
                    lo = lo < 0 ? o : lo;
                    hi = o + 1;
                }
            }

            return lo < 0 ? (0, 0) : (lo, hi);
        }

        /// <summary>Maximal runs of consecutive outputs that share the same valid tap range.</summary>
        public List<(int Start, int End, int Lo, int Hi)> Runs()
        {
            var runs = new List<(int Start, int End, int Lo, int Hi)>();
            for (int o = 0; o < OutCount; o++)
            {
                (int lo, int hi) = ValidTaps(o);
                if (runs.Count > 0 && runs[runs.Count - 1].Lo == lo && runs[runs.Count - 1].Hi == hi)
                {
                    var last = runs[runs.Count - 1];
                    runs[runs.Count - 1] = (last.Start, o + 1, lo, hi);
                }
                else
                {
                    runs.Add((o, o + 1, lo, hi));
                }
            }

            return runs;
        }
    }
}
