using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// The measured single-core floating-point peak that the "% peak" column divides by: 12 independent chains of
/// <c>Vector512.FusedMultiplyAdd</c> (enough to hide the FMA latency on every x64 core with AVX-512), nothing
/// loaded or stored. Without 512-bit hardware acceleration it measures 256-bit FMAs instead, which is then
/// that machine's peak.
/// </summary>
public static class PeakFma
{
    /// <summary>Loop trips per invocation: 12 × 16 384 vector FMAs, tens of microseconds.</summary>
    public const int Iterations = 16_384;

    public const int Chains = 12;

    /// <summary>FLOPs of one invocation: two per lane per FMA.</summary>
    public static double FlopsPerInvocation<T>() => 2.0 * Iterations * Chains * LanesPerFma<T>();

    private static int LanesPerFma<T>() =>
        (Vector512.IsHardwareAccelerated ? 64 : 32) / Unsafe.SizeOf<T>();

    /// <summary>Runs the chains for <typeparamref name="T"/> (float or double) and returns a value that depends on all of them.</summary>
    public static T Run<T>()
    {
        if (typeof(T) == typeof(float))
        {
            float result = Vector512.IsHardwareAccelerated ? Float512() : Float256();
            return Unsafe.As<float, T>(ref result);
        }

        if (typeof(T) == typeof(double))
        {
            double result = Vector512.IsHardwareAccelerated ? Double512() : Double256();
            return Unsafe.As<double, T>(ref result);
        }

        throw new NotSupportedException(typeof(T).Name);
    }

    // The chains converge to c / (1 − b) = 1, so no value overflows or becomes subnormal. AggressiveOptimization
    // compiles each loop fully optimized at once (twelve FMAs on twelve registers), with no tier-0 or OSR phase.

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float512()
    {
        Vector512<float> b = Vector512.Create(0.999f), c = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(0.50f), a1 = Vector512.Create(0.55f), a2 = Vector512.Create(0.60f), a3 = Vector512.Create(0.65f);
        Vector512<float> a4 = Vector512.Create(0.70f), a5 = Vector512.Create(0.75f), a6 = Vector512.Create(0.80f), a7 = Vector512.Create(0.85f);
        Vector512<float> a8 = Vector512.Create(0.90f), a9 = Vector512.Create(0.95f), a10 = Vector512.Create(1.05f), a11 = Vector512.Create(1.10f);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, b, c);
            a1 = Vector512.FusedMultiplyAdd(a1, b, c);
            a2 = Vector512.FusedMultiplyAdd(a2, b, c);
            a3 = Vector512.FusedMultiplyAdd(a3, b, c);
            a4 = Vector512.FusedMultiplyAdd(a4, b, c);
            a5 = Vector512.FusedMultiplyAdd(a5, b, c);
            a6 = Vector512.FusedMultiplyAdd(a6, b, c);
            a7 = Vector512.FusedMultiplyAdd(a7, b, c);
            a8 = Vector512.FusedMultiplyAdd(a8, b, c);
            a9 = Vector512.FusedMultiplyAdd(a9, b, c);
            a10 = Vector512.FusedMultiplyAdd(a10, b, c);
            a11 = Vector512.FusedMultiplyAdd(a11, b, c);
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double512()
    {
        Vector512<double> b = Vector512.Create(0.999), c = Vector512.Create(0.001);
        Vector512<double> a0 = Vector512.Create(0.50), a1 = Vector512.Create(0.55), a2 = Vector512.Create(0.60), a3 = Vector512.Create(0.65);
        Vector512<double> a4 = Vector512.Create(0.70), a5 = Vector512.Create(0.75), a6 = Vector512.Create(0.80), a7 = Vector512.Create(0.85);
        Vector512<double> a8 = Vector512.Create(0.90), a9 = Vector512.Create(0.95), a10 = Vector512.Create(1.05), a11 = Vector512.Create(1.10);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, b, c);
            a1 = Vector512.FusedMultiplyAdd(a1, b, c);
            a2 = Vector512.FusedMultiplyAdd(a2, b, c);
            a3 = Vector512.FusedMultiplyAdd(a3, b, c);
            a4 = Vector512.FusedMultiplyAdd(a4, b, c);
            a5 = Vector512.FusedMultiplyAdd(a5, b, c);
            a6 = Vector512.FusedMultiplyAdd(a6, b, c);
            a7 = Vector512.FusedMultiplyAdd(a7, b, c);
            a8 = Vector512.FusedMultiplyAdd(a8, b, c);
            a9 = Vector512.FusedMultiplyAdd(a9, b, c);
            a10 = Vector512.FusedMultiplyAdd(a10, b, c);
            a11 = Vector512.FusedMultiplyAdd(a11, b, c);
        }

        return Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float256()
    {
        Vector256<float> b = Vector256.Create(0.999f), c = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(0.50f), a1 = Vector256.Create(0.55f), a2 = Vector256.Create(0.60f), a3 = Vector256.Create(0.65f);
        Vector256<float> a4 = Vector256.Create(0.70f), a5 = Vector256.Create(0.75f), a6 = Vector256.Create(0.80f), a7 = Vector256.Create(0.85f);
        Vector256<float> a8 = Vector256.Create(0.90f), a9 = Vector256.Create(0.95f), a10 = Vector256.Create(1.05f), a11 = Vector256.Create(1.10f);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, b, c);
            a1 = Vector256.FusedMultiplyAdd(a1, b, c);
            a2 = Vector256.FusedMultiplyAdd(a2, b, c);
            a3 = Vector256.FusedMultiplyAdd(a3, b, c);
            a4 = Vector256.FusedMultiplyAdd(a4, b, c);
            a5 = Vector256.FusedMultiplyAdd(a5, b, c);
            a6 = Vector256.FusedMultiplyAdd(a6, b, c);
            a7 = Vector256.FusedMultiplyAdd(a7, b, c);
            a8 = Vector256.FusedMultiplyAdd(a8, b, c);
            a9 = Vector256.FusedMultiplyAdd(a9, b, c);
            a10 = Vector256.FusedMultiplyAdd(a10, b, c);
            a11 = Vector256.FusedMultiplyAdd(a11, b, c);
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double256()
    {
        Vector256<double> b = Vector256.Create(0.999), c = Vector256.Create(0.001);
        Vector256<double> a0 = Vector256.Create(0.50), a1 = Vector256.Create(0.55), a2 = Vector256.Create(0.60), a3 = Vector256.Create(0.65);
        Vector256<double> a4 = Vector256.Create(0.70), a5 = Vector256.Create(0.75), a6 = Vector256.Create(0.80), a7 = Vector256.Create(0.85);
        Vector256<double> a8 = Vector256.Create(0.90), a9 = Vector256.Create(0.95), a10 = Vector256.Create(1.05), a11 = Vector256.Create(1.10);
        for (int i = 0; i < Iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, b, c);
            a1 = Vector256.FusedMultiplyAdd(a1, b, c);
            a2 = Vector256.FusedMultiplyAdd(a2, b, c);
            a3 = Vector256.FusedMultiplyAdd(a3, b, c);
            a4 = Vector256.FusedMultiplyAdd(a4, b, c);
            a5 = Vector256.FusedMultiplyAdd(a5, b, c);
            a6 = Vector256.FusedMultiplyAdd(a6, b, c);
            a7 = Vector256.FusedMultiplyAdd(a7, b, c);
            a8 = Vector256.FusedMultiplyAdd(a8, b, c);
            a9 = Vector256.FusedMultiplyAdd(a9, b, c);
            a10 = Vector256.FusedMultiplyAdd(a10, b, c);
            a11 = Vector256.FusedMultiplyAdd(a11, b, c);
        }

        return Vector256.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)));
    }
}
