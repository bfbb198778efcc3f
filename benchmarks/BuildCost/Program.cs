using System.Diagnostics;
using CnnGen;
using BuildCost;

// Times each layer's float forward pass at batch 1 in a fresh process: the first call (which includes compiling the
// kernels), the second, and the median of later calls. The ratio second / steady shows how far tiered compilation's
// first code is from full speed. A run takes a few seconds; run it as a program (Release), not under a debugger.
Console.WriteLine($"{"layer",-18} {"first ms",10} {"second ms",10} {"steady ms",10} {"second/steady",14}");
Time<Stem>();
TimePool<StemPool>();
TimeMemoryControl(StemPool.InputLength, StemPool.OutputLength);
Time<Stage1Conv>();
Time<Stage2Entry>();
Time<Stage2Projection>();
Time<Stage2Conv>();
Time<Stage3Entry>();
Time<Stage3Projection>();
Time<Stage3Conv>();
Time<Stage4Entry>();
Time<Stage4Projection>();
Time<Stage4Conv>();

static void Time<TLayer>()
    where TLayer : IParallelWeightedLayer<float>
{
    float[] input = Filled(TLayer.InputLength);
    float[] weights = Filled(TLayer.WeightsLength);
    float[] bias = Filled(TLayer.BiasLength);
    float[] output = new float[TLayer.OutputLength];
    Report(typeof(TLayer).Name, () => TLayer.Forward(input, weights, bias, output));
}

static void TimePool<TLayer>()
    where TLayer : IParallelUnweightedLayer<float>
{
    float[] input = Filled(TLayer.InputLength);
    float[] output = new float[TLayer.OutputLength];
    Report(typeof(TLayer).Name, () => TLayer.Forward(input, output));
}

// A control that is not generated code: a hand-written Vector512 loop that reads the pool's input and writes its
// output in the same order (the maximum of four contiguous vectors), compiled optimized from its first call. Its
// second/steady ratio is that of the memory, which a memory-bound kernel such as the pool cannot be faster than.
static void TimeMemoryControl(int inputLength, int outputLength)
{
    float[] input = Filled(inputLength);
    float[] output = new float[outputLength];
    Report("MemoryControl", () => MaxOfFourVectors(input, output));
}

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
static void MaxOfFourVectors(float[] input, float[] output)
{
    ref float x = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(input);
    ref float y = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(output);
    int lanes = System.Runtime.Intrinsics.Vector512<float>.Count;
    for (nint i = 0; i + lanes <= output.Length && 4 * (i + lanes) <= input.Length; i += lanes)
    {
        var a = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, (nuint)(4 * i));
        var b = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, (nuint)(4 * i + lanes));
        var c = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, (nuint)(4 * i + 2 * lanes));
        var d = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref x, (nuint)(4 * i + 3 * lanes));
        var max = System.Runtime.Intrinsics.Vector512.Max(System.Runtime.Intrinsics.Vector512.Max(a, b), System.Runtime.Intrinsics.Vector512.Max(c, d));
        System.Runtime.Intrinsics.Vector512.StoreUnsafe(max, ref y, (nuint)i);
    }
}

static void Report(string name, Action call)
{
    double first = Milliseconds(call);
    double second = Milliseconds(call);
    var later = new double[60];
    for (int i = 0; i < 200; i++)
    {
        call(); // past tiered compilation's call counting and on-stack replacement
    }

    for (int i = 0; i < later.Length; i++)
    {
        later[i] = Milliseconds(call);
    }

    Array.Sort(later);
    double steady = later[later.Length / 2];
    Console.WriteLine($"{name,-18} {first,10:F3} {second,10:F3} {steady,10:F3} {second / steady,14:F2}");
}

static double Milliseconds(Action call)
{
    long start = Stopwatch.GetTimestamp();
    call();
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static float[] Filled(int length)
{
    var values = new float[length];
    for (int i = 0; i < length; i++)
    {
        values[i] = (i % 17 - 8) / 16f;
    }

    return values;
}
