namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>
    /// Which channel axis the input gradient vectorizes. Normally C_in (the destination): the flipped filter is laid out
    /// [ky, kx, C_out, C_in] and one broadcast dZ value multiplies a contiguous weight row. When C_in is not a whole
    /// number of the smallest vectors (a first layer: C_in = 1; an RGB stem: 3) that leaves lanes idle or scalar, so if
    /// C_out fills whole vectors the reduction axis C_out becomes the vector axis instead: the filter is only rotated
    /// ([ky, kx, C_in, C_out]), each pixel multiplies its contiguous dZ row by a weight row lane by lane, and sums
    /// horizontally once per register block.
    /// </summary>
    internal static class InputGradientAxis
    {
        /// <summary>
        /// True when C_out is the vector axis. Decided per element type, not per tier, because the flipped filter copy
        /// (shared by the tiers) is laid out for it. With <paramref name="unlessWholeWidest"/>, C_out is the vector axis
        /// unless C_in is a whole number of the widest vectors (<see cref="Compaction.InputGradientInLanes"/>).
        /// </summary>
        public static bool ReducesInLanes(int inputChannels, int filters, ElementKind element, bool unlessWholeWidest = false) =>
            inputChannels % element.Lanes(unlessWholeWidest ? 512 : 128) != 0 && filters % element.Lanes(128) == 0
            && (unlessWholeWidest || inputChannels <= ChannelPlan.ScalarGroupLimit);

        /// <summary>The vector width over C_out on <paramref name="tier"/>: the widest that divides C_out; 0 when C_in is the vector axis.</summary>
        public static int ReductionBits(int inputChannels, int filters, ElementKind element, VectorTier tier, bool unlessWholeWidest = false)
        {
            if (!ReducesInLanes(inputChannels, filters, element, unlessWholeWidest))
            {
                return 0;
            }

            int bits = tier.Bits;
            while (bits > 128 && filters % element.Lanes(bits) != 0)
            {
                bits /= 2;
            }

            return bits;
        }
    }
}
