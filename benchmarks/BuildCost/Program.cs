using System.Diagnostics;
using CnnGen;
using BuildCost;

// Times each layer's float forward pass at batch 1 in a fresh process: the first call (which includes compiling the
// kernels), the second, and the median of later calls. The ratio second / steady shows how far tiered compilation's
// first code is from full speed. A run takes a few seconds; run it as a program (Release), not under a debugger.
Console.WriteLine($"{"layer",-18} {"first ms",10} {"second ms",10} {"steady ms",10} {"second/steady",14}");
Time<Stem>();
TimePool<StemPool>();
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
