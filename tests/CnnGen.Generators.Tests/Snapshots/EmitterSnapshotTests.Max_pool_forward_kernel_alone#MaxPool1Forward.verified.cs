/// <summary>
/// Kernel body: the forward pass of one example. <c>x</c>: 4×4×16 (NHWC), <c>y</c>: 2×2×16.
/// </summary>
[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
[global::System.CodeDom.Compiler.GeneratedCode("CnnGen.Generators", "0.1.0")]
[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
internal static void MaxPool1Forward<T>(ref T x, ref T y) where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>
{
    for (int oh = 0; oh < 2; oh++)
    {
        for (int ow = 0; ow < 2; ow++)
        {
            // i: the window's top-left in x, o: the output position in y, c: the next channel to do.
            int i = oh * 128 + ow * 32;
            int o = oh * 32 + ow * 16;
            int c = 0;
            // Whole Vector512s while they fit (the JIT drops this block where Vector512 is not accelerated).
            if (global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
            {
                for (; c + global::System.Runtime.Intrinsics.Vector512<T>.Count <= 16; c += global::System.Runtime.Intrinsics.Vector512<T>.Count)
                {
                    nuint at = (nuint)(i + c);
                    global::System.Runtime.Intrinsics.Vector512<T> m = global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, at);
                    m = global::System.Runtime.Intrinsics.Vector512.Max(m, global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, at + 16));
                    m = global::System.Runtime.Intrinsics.Vector512.Max(m, global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, at + 64));
                    m = global::System.Runtime.Intrinsics.Vector512.Max(m, global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, at + 80));
                    global::System.Runtime.Intrinsics.Vector512.StoreUnsafe(m, ref y, (nuint)(o + c));
                }
            }
            // Whole Vector256s while they fit (the JIT drops this block where Vector256 is not accelerated).
            if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                for (; c + global::System.Runtime.Intrinsics.Vector256<T>.Count <= 16; c += global::System.Runtime.Intrinsics.Vector256<T>.Count)
                {
                    nuint at = (nuint)(i + c);
                    global::System.Runtime.Intrinsics.Vector256<T> m = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref x, at);
                    m = global::System.Runtime.Intrinsics.Vector256.Max(m, global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref x, at + 16));
                    m = global::System.Runtime.Intrinsics.Vector256.Max(m, global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref x, at + 64));
                    m = global::System.Runtime.Intrinsics.Vector256.Max(m, global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref x, at + 80));
                    global::System.Runtime.Intrinsics.Vector256.StoreUnsafe(m, ref y, (nuint)(o + c));
                }
            }
            // Whole Vector128s while they fit (the JIT drops this block where Vector128 is not accelerated).
            if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                for (; c + global::System.Runtime.Intrinsics.Vector128<T>.Count <= 16; c += global::System.Runtime.Intrinsics.Vector128<T>.Count)
                {
                    nuint at = (nuint)(i + c);
                    global::System.Runtime.Intrinsics.Vector128<T> m = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref x, at);
                    m = global::System.Runtime.Intrinsics.Vector128.Max(m, global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref x, at + 16));
                    m = global::System.Runtime.Intrinsics.Vector128.Max(m, global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref x, at + 64));
                    m = global::System.Runtime.Intrinsics.Vector128.Max(m, global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref x, at + 80));
                    global::System.Runtime.Intrinsics.Vector128.StoreUnsafe(m, ref y, (nuint)(o + c));
                }
            }
            // Scalar tail.
            for (; c < 16; c++)
            {
                ref T window = ref global::System.Runtime.CompilerServices.Unsafe.Add(ref x, i + c);
                T m = window;
                m = T.Max(m, global::System.Runtime.CompilerServices.Unsafe.Add(ref window, 16));
                m = T.Max(m, global::System.Runtime.CompilerServices.Unsafe.Add(ref window, 64));
                m = T.Max(m, global::System.Runtime.CompilerServices.Unsafe.Add(ref window, 80));
                global::System.Runtime.CompilerServices.Unsafe.Add(ref y, o + c) = m;
            }
        }
    }
}
