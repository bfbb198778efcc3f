using System.Collections.Generic;
using System.Linq;
using CnnGen.Generators.Emitting.Planning;

namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// The row axes of several stride phases served by one body: they differ only in where their rows start, how many
    /// there are and which taps they have, so the body takes those as the parameters <c>rowCount</c>, <c>rowFirst</c>,
    /// <c>rowSrcOffset</c>, <c>rowTaps</c> and <c>rowFilterFirst</c> (the fields of <see cref="AxisMap"/>) and
    /// computes each row's valid taps. <see cref="ClipsLow"/> and <see cref="ClipsHigh"/> say whether any phase's
    /// rows meet the top or bottom padding.
    /// </summary>
    internal sealed record RowPhaseParameters(IReadOnlyList<AxisMap> Phases)
    {
        public const string Declaration = "nint rowCount, nint rowFirst, nint rowSrcOffset, nint rowTaps, nint rowFilterFirst";

        /// <summary>How many values <see cref="Arguments"/> passes.</summary>
        public const int Count = 5;

        public bool ClipsLow => Phases.Any(r => r.ClipsLow);

        public bool ClipsHigh => Phases.Any(r => r.ClipsHigh);

        /// <summary>The arguments that pass <paramref name="phase"/>'s rows, in the order of <see cref="Declaration"/>.</summary>
        public static string Arguments(AxisMap phase) =>
            $"{phase.OutCount}, {phase.OutFirst}, {phase.SrcOffset}, {phase.TapCount}, {phase.FilterFirst}";
    }

    /// <summary>
    /// The column offsets of a stride phase passed as parameters: <c>colFirst</c> (the first destination column),
    /// <c>colSrcOffset</c> (the source column of output 0's tap 0) and <c>colFilterFirst</c> (the filter column of tap 0).
    /// The block structure (how many columns, which taps each reaches) stays literal, so column phases that share it
    /// share one method: a 16×16 patch embedding's 16 column phases are one.
    /// </summary>
    internal static class ColumnPhaseParameters
    {
        public const string First = "colFirst";

        public const string SrcOffset = "colSrcOffset";

        public const string FilterFirst = "colFilterFirst";

        public const string Declaration = "nint " + First + ", nint " + SrcOffset + ", nint " + FilterFirst;

        /// <summary>How many values <see cref="Arguments"/> passes.</summary>
        public const int Count = 3;

        /// <summary>The arguments that pass <paramref name="phase"/>'s columns, in the order of <see cref="Declaration"/>.</summary>
        public static string Arguments(AxisMap phase) => $"{phase.OutFirst}, {phase.SrcOffset}, {phase.FilterFirst}";
    }
}
