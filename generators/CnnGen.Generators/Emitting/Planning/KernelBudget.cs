using System.Collections.Generic;
using System.Linq;

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
        /// <summary>Most statements in one method: about 8 KB of IL, far inside the JIT's limits, and small enough that three vector tiers × two element types of every layer still compile quickly.</summary>
        public const int MethodStatements = 500;

        /// <summary>
        /// Most statements in a method unrolled deeper than the register block. Unrolling the tap loops bought nothing
        /// measurable on the notebook layer (Stopwatch, shared machine: within noise of the looped code) while tripling
        /// its source, so it is kept to genuinely tiny kernels.
        /// </summary>
        public const int UnrollStatements = 250;

        /// <summary>
        /// Most statements of a kernel (or input-gradient phase) whose column taps are written out: a layer's text is
        /// three tiers × two element types of each kernel, so writing out pays only for genuinely tiny kernels.
        /// </summary>
        public const int WrittenOutStatements = 60;

        /// <summary>Most statements in one straight-line register block (the hot loop body) when unrolling deeper.</summary>
        public const int HotStatements = 120;

        /// <summary>How the rows of a gather kernel are split into methods and how deeply each is unrolled.</summary>
        /// <remarks>
        /// Every kernel is one loop over all rows whose filter-row taps are computed per row (<see cref="GatherPlan.AllRows"/>):
        /// its text is one row's code, whatever the number of border rows. Writing out the filter rows or the whole row
        /// nest as well (<see cref="UnrollLevel.AllTaps"/>, <see cref="UnrollLevel.Everything"/>) made the notebook's layer
        /// 90 KB per tier for no measured speed, so the deepest level used is <see cref="UnrollLevel.ColumnTaps"/>.
        /// </remarks>
        public static IReadOnlyList<(IReadOnlyList<RowClass> Rows, UnrollLevel Level)> Split(GatherPlan plan, IReadOnlyList<RowClass> classes)
        {
            IReadOnlyList<RowClass> all = new[] { plan.AllRows };
            UnrollLevel level = Deepest(plan, all, UnrollLevel.ColumnTaps) ?? UnrollLevel.RegisterBlock;
            return new[] { (all, level == UnrollLevel.ColumnTaps && plan.Cost(plan.AllRows, level) <= WrittenOutStatements ? level : UnrollLevel.RegisterBlock) };
        }

        private static UnrollLevel? Deepest(GatherPlan plan, IReadOnlyList<RowClass> classes, UnrollLevel deepest)
        {
            for (UnrollLevel level = deepest; level >= UnrollLevel.RegisterBlock; level--)
            {
                int total = classes.Sum(c => plan.Cost(c, level));
                bool fits = level == UnrollLevel.RegisterBlock
                    ? total <= MethodStatements
                    : total <= UnrollStatements && plan.HotCost(level, classes) <= HotStatements;
                if (fits)
                {
                    return level;
                }
            }

            return null;
        }
    }
}
