namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Names that emitted code uses. The span, <c>Unsafe</c>, <c>MemoryMarshal</c> and vector types are short, from the
    /// usings every generated file declares (<see cref="LayerSourceEmitter.UsingsFor"/>); the rest are fully qualified
    /// (global::), so that no user type can shadow them.
    /// </summary>
    internal static class KernelNames
    {
        public const string Span = "Span";
        public const string ReadOnlySpan = "ReadOnlySpan";
        public const string Unsafe = "Unsafe";
        public const string MemoryMarshal = "MemoryMarshal";

        /// <summary>The prefix of a vector type's name: none, as <c>System.Runtime.Intrinsics</c> is among the usings.</summary>
        public const string Intrinsics = "";
        public const string FloatingPoint = "global::System.Numerics.IFloatingPointIeee754";
        public const string SpanArguments = "global::CnnGen.SpanArguments";
        public const string KernelSupport = "global::CnnGen.Generated.KernelSupport";
        /// <summary>
        /// Marks a kernel body for full optimization from its first call: no tier-0 code and no on-stack replacement, so
        /// the second call already runs at steady-state speed (the loops are fixed; dynamic PGO has little to learn).
        /// </summary>
        public const string AggressiveOptimization =
            "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

        public const string EditorBrowsableNever =
            "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

        /// <summary>The explicit vector widths, widest first; each is used only when the JIT reports it accelerated.</summary>
        public static readonly string[] VectorWidths = { "Vector512", "Vector256", "Vector128" };

        /// <summary>How many doubles a vector of the given width holds.</summary>
        public static int DoubleLanes(string width) => width switch
        {
            "Vector512" => 8,
            "Vector256" => 4,
            _ => 2,
        };

        /// <summary>The element types every layer gets public overloads for.</summary>
        public static readonly string[] ElementTypes = { "double", "float" };
    }
}
