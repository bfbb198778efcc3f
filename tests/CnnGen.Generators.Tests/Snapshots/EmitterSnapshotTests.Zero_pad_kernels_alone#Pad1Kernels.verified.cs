/// <summary>
/// Kernel body: pads one example. <c>x</c>: 3×2×5 (NHWC), <c>y</c>: 5×4×5.
/// </summary>
[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
[global::System.CodeDom.Compiler.GeneratedCode("CnnGen.Generators", "0.1.0")]
[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
internal static void Pad1Forward<T>(ref T x, ref T y) where T : unmanaged
{
    // Top border and the first row's left border: 1·20 + 5 values.
    global::CnnGen.Generated.KernelSupport.Clear(ref y, 0, 25);
    global::CnnGen.Generated.KernelSupport.Copy(ref x, 0, ref y, 25, 10);
    global::CnnGen.Generated.KernelSupport.Clear(ref y, 35, 10);
    global::CnnGen.Generated.KernelSupport.Copy(ref x, 10, ref y, 45, 10);
    global::CnnGen.Generated.KernelSupport.Clear(ref y, 55, 10);
    global::CnnGen.Generated.KernelSupport.Copy(ref x, 20, ref y, 65, 10);
    // The last row's right border and the bottom border: 5 + 1·20 values.
    global::CnnGen.Generated.KernelSupport.Clear(ref y, 75, 25);
}

/// <summary>
/// Kernel body: crops one example's gradient. <c>dy</c>: 5×4×5 (NHWC), <c>dx</c>: 3×2×5.
/// </summary>
[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
[global::System.CodeDom.Compiler.GeneratedCode("CnnGen.Generators", "0.1.0")]
[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
internal static void Pad1Backward<T>(ref T dy, ref T dx) where T : unmanaged
{
    global::CnnGen.Generated.KernelSupport.Copy(ref dy, 25, ref dx, 0, 10);
    global::CnnGen.Generated.KernelSupport.Copy(ref dy, 45, ref dx, 10, 10);
    global::CnnGen.Generated.KernelSupport.Copy(ref dy, 65, ref dx, 20, 10);
}
