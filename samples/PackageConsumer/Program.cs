using CnnGen;

// A user's program: declare layers with attributes, call the generated members, check the answer.
double[] image =
[
    1, 2, 3, 4,
    5, 6, 7, 8,
    9, 10, 11, 12,
    13, 14, 15, 16,
];

var pooled = new double[Pool.OutputLength];
Pool.Forward(image, pooled);
Console.WriteLine($"MaxPool2D 2×2 stride 2 of a {Pool.InputHeight}×{Pool.InputWidth} ramp: [{string.Join(", ", pooled)}]");

// The same pass from generic code, through the layer contract the pool implements (a static class, like Padding, cannot).
var pooledViaContract = new double[Pool.OutputLength];
ForwardThroughContract<Pool, double>(image, pooledViaContract);

var padded = new double[Padding.OutputLength];
Padding.Forward(pooled, padded);
Console.WriteLine($"ZeroPad2D(1) of that: {Padding.OutputHeight}×{Padding.OutputWidth}, sum {padded.Sum()}");

bool ok = pooled.SequenceEqual([6.0, 8.0, 14.0, 16.0]) && pooledViaContract.SequenceEqual(pooled)
    && padded.Sum() == 44 && padded[0] == 0 && padded[5] == 6;
Console.WriteLine(ok ? "PackageConsumer: OK" : "PackageConsumer: WRONG RESULT");
return ok ? 0 : 1;

static void ForwardThroughContract<TLayer, T>(ReadOnlySpan<T> input, Span<T> output)
    where TLayer : IUnweightedLayer<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
    TLayer.Forward(input, output);

[MaxPool2D(2, 2, InputHeight = 4, InputWidth = 4, InputChannels = 1)]
internal sealed partial class Pool;

[ZeroPad2D(1, InputHeight = 2, InputWidth = 2, InputChannels = 1)]
internal static partial class Padding;
