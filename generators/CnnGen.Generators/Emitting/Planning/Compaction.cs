namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>
    /// The ways a layer's kernels can trade speed for text, combined into the levels of <see cref="KernelBudget.CompactionLevels"/>;
    /// a layer is written at the first level whose text fits <see cref="KernelBudget.LayerCharacters"/> (every layer a
    /// user declares is compiled on each build of their project).
    /// </summary>
    [System.Flags]
    internal enum Compaction
    {
        /// <summary>Full speed: each tier's own register blocks, tap segments per run of taps, narrower vectors for channel tails.</summary>
        None = 0,

        /// <summary>
        /// Every tier plans its register blocks with the accumulators of the narrowest (12): AVX-512 gives up a quarter of
        /// its accumulators, and the tiers' bodies read the same wherever their channels are whole vectors, so tiers and
        /// element types share bodies.
        /// </summary>
        SharedRegisterBlocks = 1,

        /// <summary>
        /// The channels left after whole pairs of vectors are cut into the tier's own width and scalars, never narrower
        /// vectors: slower for those channels, but every body names one vector width, so more of them are shared.
        /// </summary>
        TierWidthTails = 2,

        /// <summary>
        /// The weight gradient keeps its register blocks within one filter column (a loop over dx with computed
        /// output-column ranges) however few input channels there are: its text no longer grows with the filter.
        /// </summary>
        PerFilterColumn = 4,

        /// <summary>
        /// A border block's segments group its pixels by the taps they read, so every pixel is written once per step
        /// instead of once per run of taps; the clipped pixels then run as short single-pixel loops.
        /// </summary>
        PixelSegments = 8,

        /// <summary>
        /// The repeated channel groups hold one vector instead of two, so the channels step by one vector of whatever width
        /// and the bodies of tiers that cover them alike (all but the narrowest with odd channel counts) are one.
        /// </summary>
        SingleVectorGroups = 16,

        /// <summary>
        /// The columns the padding clips are blocks whose pixels compute their column taps from their column and loop over
        /// them: one block's text serves the whole border, however wide the padding and the filter.
        /// </summary>
        DynamicBorders = 32,

        /// <summary>
        /// The input gradient sums over C_out in vector lanes unless C_in is a whole number of the widest vectors, so
        /// element types and tiers that would vectorize C_in in different widths and tails run the same looped body.
        /// </summary>
        InputGradientInLanes = 64,

        /// <summary>
        /// Channels end with one vector over the last channels, overlapping the one before, instead of a tail that differs
        /// per vector width, so with odd channel counts every tier runs one body. The forward pass and the input gradient
        /// overwrite their outputs (the overlap is stored twice with the same values); the weight gradient accumulates, so
        /// its last vector starts from zero and adds only the lanes no earlier vector covered.
        /// </summary>
        OverlappingTails = 128,

        /// <summary>
        /// Double kernels have Vector128 bodies only: double is chosen for precision (gradient checks, reference runs), float
        /// for speed, so double gives up its wider tiers before float gives up any.
        /// </summary>
        DoubleOnlyVector128 = 1024,

        /// <summary>
        /// No Vector512 bodies: AVX-512 machines run the Vector256 ones, which run at full speed on cores whose FMA units
        /// are 256 bits wide (and double-pump 512-bit vectors) and at about half on cores with 512-bit units. The last
        /// resort, for layers that fit no other level: the Vector256 and Vector128 bodies every machine needs stay.
        /// </summary>
        WithoutVector512 = 256,

        /// <summary>
        /// Only Vector128 bodies, on every machine: a quarter of an AVX-512 core's vector width and half of an AVX2 core's.
        /// The very last resort, for the rare shape whose float and double bodies of two tiers still exceed the budget.
        /// </summary>
        OnlyVector128 = 512,
    }
}
