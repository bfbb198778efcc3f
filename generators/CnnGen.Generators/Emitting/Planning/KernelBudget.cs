namespace CnnGen.Generators.Emitting.Planning
{
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
        /// full unrolling (forward 0.95–1.01, backward 1.02–1.09 over three runs), while pixel segments cost it 1.2× forward and 2× backward
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
            Loops,
            Loops | Compaction.InputGradientInLanes,
            Loops | Compaction.OverlappingTails,
            Loops | Compaction.InputGradientInLanes | Compaction.OverlappingTails,
            Loops | Compaction.OverlappingTails | Compaction.DoubleOnlyVector128,
            Loops | Compaction.InputGradientInLanes | Compaction.OverlappingTails | Compaction.DoubleOnlyVector128,
            Loops | Compaction.OverlappingTails | Compaction.DoubleOnlyVector128 | Compaction.WithoutVector512,
            Loops | Compaction.InputGradientInLanes | Compaction.OverlappingTails | Compaction.DoubleOnlyVector128 | Compaction.WithoutVector512,
            Loops | Compaction.OverlappingTails | Compaction.OnlyVector128,
        };

        /// <summary>The looped form every later level builds on: shared blocks, tier-width tails, per-column dW, single vectors, dynamic borders.</summary>
        private const Compaction Loops = Compaction.SharedRegisterBlocks | Compaction.TierWidthTails | Compaction.PerFilterColumn
            | Compaction.SingleVectorGroups | Compaction.DynamicBorders;

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
