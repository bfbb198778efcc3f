namespace CnnGen.Generators.Emitting.Planning
{
    /// <summary>The floating-point element type a kernel is emitted for.</summary>
    internal sealed class ElementKind
    {
        public static readonly ElementKind Single = new("float", "Single", 4, "0f");
        public static readonly ElementKind Double = new("double", "Double", 8, "0d");

        private ElementKind(string keyword, string suffix, int bytes, string zero)
        {
            Keyword = keyword;
            Suffix = suffix;
            Bytes = bytes;
            Zero = zero;
        }

        /// <summary>The C# keyword: <c>float</c> or <c>double</c>.</summary>
        public string Keyword { get; }

        /// <summary>The suffix used in emitted method names: <c>Single</c> or <c>Double</c>.</summary>
        public string Suffix { get; }

        /// <summary>The size of one element in bytes.</summary>
        public int Bytes { get; }

        /// <summary>
        /// The type whose static <c>MultiplyAddEstimate</c> is the scalar multiply-add: the keyword itself. Like the vector
        /// classes' <c>MultiplyAddEstimate</c>, it is one fused instruction where the CPU has FMA and a multiply and an add
        /// where it has not; <c>FusedMultiplyAdd</c> would compute an exact fused result in software there, lane by lane,
        /// hundreds of times slower (an x64 without FMA, or a NativeAOT build for the baseline x64).
        /// </summary>
        public string Math => Keyword;

        /// <summary>The literal zero of this type.</summary>
        public string Zero { get; }

        /// <summary>The number of lanes of a vector of <paramref name="bits"/> bits.</summary>
        public int Lanes(int bits) => bits / 8 / Bytes;
    }

    /// <summary>
    /// A vector instruction-set level the emitted code selects at run time with <c>VectorNNN.IsHardwareAccelerated</c>
    /// (the JIT folds that test to a constant, so only the chosen level's methods are ever compiled).
    /// </summary>
    internal sealed class VectorTier
    {
        /// <summary>AVX-512: 32 vector registers, so 16 accumulators leave room for weights and broadcasts.</summary>
        public static readonly VectorTier V512 = new(512, 16);

        /// <summary>AVX2: 16 vector registers, so at most 12 accumulators.</summary>
        public static readonly VectorTier V256 = new(256, 12);

        /// <summary>SSE / NEON, and the portable fallback (Vector128 is implemented in software where not accelerated).</summary>
        public static readonly VectorTier V128 = new(128, 12);

        public static readonly VectorTier[] All = { V512, V256, V128 };

        private VectorTier(int bits, int accumulators)
        {
            Bits = bits;
            Accumulators = accumulators;
        }

        /// <summary>
        /// This tier with at most <paramref name="accumulators"/> accumulators per register block: planned with the
        /// narrower tiers' budget, its code can be the same text as theirs (<see cref="Compaction.SharedRegisterBlocks"/>).
        /// </summary>
        public VectorTier WithAccumulators(int accumulators) => accumulators >= Accumulators ? this : new VectorTier(Bits, accumulators);

        /// <summary>The widest vector this tier uses.</summary>
        public int Bits { get; }

        /// <summary>How many accumulators a register block may hold on this tier.</summary>
        public int Accumulators { get; }

        /// <summary>The name of the static vector class: <c>Vector512</c>, <c>Vector256</c> or <c>Vector128</c>.</summary>
        public string ClassName => "Vector" + Bits;
    }
}
