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
        /// them: one block's text serves the whole border, however wide the padding and the filter (the last resort).
        /// </summary>
        DynamicBorders = 32,

        /// <summary>
        /// The input gradient sums over C_out in vector lanes unless C_in is a whole number of the widest vectors, so
        /// element types and tiers that would vectorize C_in in different widths and tails run the same looped body.
        /// </summary>
        InputGradientInLanes = 64,

        /// <summary>
        /// The forward pass and the input gradient end their channels with one vector over the last channels, overlapping
        /// the one before (both overwrite their outputs, so the overlap is stored twice with the same values) instead of
        /// a tail that differs per vector width: with odd channel counts every tier then runs one body.
        /// </summary>
        OverlappingTails = 128,
    }

    /// <summary>
    /// The budget rules that keep every emitted method inside what RyuJIT fully optimizes. The JIT gives up
    /// optimizing above roughly 60,000 IL bytes, 20,000 IL instructions, 2,000 basic blocks or 2,000 locals, and a
    /// straight-line block that outgrows the decoded-instruction cache runs far below peak long before that
    /// (a fully unrolled 3×3×16 tap loop around an 8×32 register block measured ~20 GFLOP/s against ~250 looped).
    /// One emitted statement is about 16 IL bytes and 5 IL instructions.
    /// </summary>
    internal static class KernelBudget
    {
        /// <summary>
        /// Most characters of a layer's members (constants, wrappers, kernels): with the file's header, at most 150 KB of C#
        /// per layer. A layer whose text at <see cref="Compaction.None"/> is longer is written at the first level that fits.
        /// </summary>
        public const int LayerCharacters = 145_000;

        /// <summary>
        /// The compaction levels in the order they are tried, cheapest first as measured on the benchmark layers (Zen 5,
        /// BenchmarkDotNet): sharing register blocks between tiers left the first layer (28×28×1 → 8, f 5) within noise of
        /// full unrolling (forward 0.95–1.01, backward 1.02–1.05), while pixel segments cost it 1.2× forward and 2× backward
        /// (its single-pixel border loops are all overhead), so they come late.
        /// </summary>
        public static readonly Compaction[] CompactionLevels =
        {
            Compaction.None,
            Compaction.SharedRegisterBlocks,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn | Compaction.PixelSegments,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn | Compaction.PixelSegments | Compaction.SingleVectorGroups,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn | Compaction.SingleVectorGroups | Compaction.DynamicBorders,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn | Compaction.SingleVectorGroups | Compaction.DynamicBorders
                | Compaction.InputGradientInLanes,
            Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn | Compaction.SingleVectorGroups | Compaction.DynamicBorders
                | Compaction.InputGradientInLanes | Compaction.OverlappingTails,
        };

        /// <summary>Most statements in one method: about 8 KB of IL, far inside the JIT's limits, and small enough that three vector tiers × two element types of every layer still compile quickly.</summary>
        public const int MethodStatements = 500;

        /// <summary>
        /// Most statements of a kernel (or input-gradient phase) whose column taps are written out: a layer's text is
        /// its kernels for three tiers and two element types, so writing out pays only for genuinely tiny kernels, whose
        /// two-step loops cost more than their work (the notebook layer's forward: about 150 ns looped, 100 ns written out).
        /// </summary>
        public const int WrittenOutStatements = 150;

        /// <summary>Most statements in one straight-line register block (the hot loop body) when the column taps are written out.</summary>
        public const int HotStatements = 120;

        /// <summary>
        /// How deeply a gather kernel is unrolled. Every kernel is one loop over all rows whose filter-row taps are
        /// computed per row (<see cref="GatherPlan.AllRows"/>): its text is one row's code, whatever the number of
        /// border rows; a tiny one also writes out its column taps.
        /// </summary>
        public static UnrollLevel LevelFor(GatherPlan plan) =>
            plan.Cost(UnrollLevel.ColumnTaps) <= WrittenOutStatements &&
            plan.HotCost(UnrollLevel.ColumnTaps) <= HotStatements
                ? UnrollLevel.ColumnTaps
                : UnrollLevel.RegisterBlock;
    }
}
