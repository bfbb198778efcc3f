/// <summary>
/// Kernel body: the backward pass of one example, adding into <c>dx</c> (9×9×2, cleared by the caller)
/// the gradient <c>dy</c> (5×5×2) routed through the windows of <c>x</c>.
/// </summary>
[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
[global::System.CodeDom.Compiler.GeneratedCode("CnnGen.Generators", "0.1.0")]
[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
internal static void AvgPool1Backward<T>(ref T dy, ref T x, ref T dx) where T : unmanaged, global::System.Numerics.IFloatingPointIeee754<T>
{
    // Average pooling's gradient does not depend on x; the parameter keeps every pooling kernel's signature alike.
    T count = T.CreateTruncating(25);
    for (int oh = 0; oh < 5; oh++)
    {
        // Stride 1: output row oh is one run of 10 contiguous values (columns × channels); i: its first window's origin in x, o: its start in y.
        int i = oh * 18;
        int o = oh * 10;
        int c = 0;
        // Whole Vector512s while they fit (the JIT drops this block where Vector512 is not accelerated).
        if (global::System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            for (; c + global::System.Runtime.Intrinsics.Vector512<T>.Count <= 10; c += global::System.Runtime.Intrinsics.Vector512<T>.Count)
            {
                nuint at = (nuint)(i + c);
                global::System.Runtime.Intrinsics.Vector512<T> share = global::System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref dy, (nuint)(o + c)) / global::System.Runtime.Intrinsics.Vector512.Create(count);
                for (int kh = 0; kh < 5; kh++)
                {
                    for (int kw = 0; kw < 5; kw++)
                    {
                        global::CnnGen.Generated.KernelSupport.AddInto(share, ref dx, at + (nuint)(kh * 18 + kw * 2));
                    }
                }
            }
        }
        // Whole Vector256s while they fit (the JIT drops this block where Vector256 is not accelerated).
        if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            for (; c + global::System.Runtime.Intrinsics.Vector256<T>.Count <= 10; c += global::System.Runtime.Intrinsics.Vector256<T>.Count)
            {
                nuint at = (nuint)(i + c);
                global::System.Runtime.Intrinsics.Vector256<T> share = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref dy, (nuint)(o + c)) / global::System.Runtime.Intrinsics.Vector256.Create(count);
                for (int kh = 0; kh < 5; kh++)
                {
                    for (int kw = 0; kw < 5; kw++)
                    {
                        global::CnnGen.Generated.KernelSupport.AddInto(share, ref dx, at + (nuint)(kh * 18 + kw * 2));
                    }
                }
            }
        }
        // Whole Vector128s while they fit (the JIT drops this block where Vector128 is not accelerated).
        if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
        {
            for (; c + global::System.Runtime.Intrinsics.Vector128<T>.Count <= 10; c += global::System.Runtime.Intrinsics.Vector128<T>.Count)
            {
                nuint at = (nuint)(i + c);
                global::System.Runtime.Intrinsics.Vector128<T> share = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref dy, (nuint)(o + c)) / global::System.Runtime.Intrinsics.Vector128.Create(count);
                for (int kh = 0; kh < 5; kh++)
                {
                    for (int kw = 0; kw < 5; kw++)
                    {
                        global::CnnGen.Generated.KernelSupport.AddInto(share, ref dx, at + (nuint)(kh * 18 + kw * 2));
                    }
                }
            }
        }
        // Scalar tail.
        for (; c < 10; c++)
        {
            nuint at = (nuint)(i + c);
            T share = global::System.Runtime.CompilerServices.Unsafe.Add(ref dy, o + c) / count;
            for (int kh = 0; kh < 5; kh++)
            {
                for (int kw = 0; kw < 5; kw++)
                {
                    global::System.Runtime.CompilerServices.Unsafe.Add(ref dx, at + (nuint)(kh * 18 + kw * 2)) += share;
                }
            }
        }
    }
}
