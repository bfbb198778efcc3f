namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// Fully qualified names that emitted code uses (global::): the generated members live in the user's namespace, where
    /// a type of theirs named <c>Unsafe</c>, <c>Span</c> or <c>Vector512</c> would shadow any using directive.
    /// </summary>
    internal static class KernelNames
    {
        public const string Span = "global::System.Span";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan";
        public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";

        /// <summary>The namespace prefix of a vector type's name.</summary>
        public const string Intrinsics = "global::System.Runtime.Intrinsics.";
        public const string FloatingPoint = "global::System.Numerics.IFloatingPointIeee754";
        public const string SpanArguments = "global::CnnGen.SpanArguments";
        public const string KernelSupport = "global::CnnGen.Generated.KernelSupport";
        /// <summary>
        /// Marks a kernel body for full optimization from its first call: no tier-0 code and no on-stack replacement, so
        /// the second call already runs at steady-state speed (the loops are fixed; dynamic PGO has little to learn).
        /// </summary>
        public const string AggressiveOptimization =
            "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

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
