using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CnnGen;
using Digits;

// Trains the generated DigitsNet on the handwritten digits (a seeded 80/20 split), reports progress, accuracy, the
// confusion matrix and a few misclassified digits, then trains the same architecture composed from the generic
// kernels with the same seed and compares time per epoch and the loss curves.

Options? options = Options.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

string dataPath = options.DataPath ?? Path.Combine(AppContext.BaseDirectory, "data", "digits.csv.gz");
ImageDataSet<float> all = DigitsDataSet.Load<float>(dataPath);
(ImageDataSet<float> train, ImageDataSet<float> test) = all.Split(0.2, options.Seed);
bool live = !Console.IsOutputRedirected;

Console.WriteLine($"CnnGen digits: {all.Count} images of {DigitsDataSet.Height}×{DigitsDataSet.Width}, {train.Count} to train and {test.Count} to test (seed {options.Seed}).");
Console.WriteLine($"Network: {DigitsNet.Architecture}");
Console.WriteLine($"{DigitsNet.ParameterCount} parameters; {options.OptimizerName} lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, batch {options.BatchSize}, {options.Epochs} epochs, {options.Threads} {(options.Threads == 1 ? "thread" : "threads")} (of {Environment.ProcessorCount} processors).");
Console.WriteLine(
    $"Code: {(RuntimeFeature.IsDynamicCodeCompiled ? "JIT-compiled" : "ahead-of-time compiled (NativeAOT)")}; hardware-accelerated vectors: " +
    $"Vector512 {YesNo(Vector512.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, Vector128 {YesNo(Vector128.IsHardwareAccelerated)}; " +
    $"fused multiply-add in hardware {YesNo(Fma.IsSupported || AdvSimd.IsSupported)}.");
Console.WriteLine();

// ---- The generated network ----------------------------------------------------------------------------------------
using var net = new DigitsNet(options.BatchSize, options.Seed, options.Threads);
Console.WriteLine(options.Threads == 1
    ? "Training the generated (shape-specialized) network:"
    : $"Training the generated (shape-specialized) network, each batch split over {options.Threads} threads:");
RunResult specialized = Train("specialized", net.TrainStep, net.Predict);
if (specialized.Failure is not null)
{
    return StoppedOnNonFiniteLoss();
}

Console.WriteLine();
int[] testPredictions = new int[test.Count];
net.Predict(test.Images, testPredictions);
PrintConfusion(test, testPredictions);
PrintMisclassified(test, testPredictions, 4);

// ---- The same network from the generic kernels ------------------------------------------------------------------
RunResult? generic = null;
if (!options.SkipGeneric)
{
    Console.WriteLine();
    var baseline = new GenericDigitsNet<float>(options.BatchSize, options.Seed);
    Console.WriteLine("Training the same architecture composed from the generic kernels (same seed, same batches, one thread):");
    generic = Train("generic", baseline.TrainStep, baseline.Predict);
    if (generic.Failure is not null)
    {
        return StoppedOnNonFiniteLoss();
    }

    Console.WriteLine();
    Console.WriteLine("epoch   loss (specialized)   loss (generic)   |difference|");
    double maxDifference = 0;
    for (int e = 0; e < options.Epochs; e++)
    {
        double difference = Math.Abs(specialized.Losses[e] - generic.Losses[e]);
        maxDifference = Math.Max(maxDifference, difference);
        Console.WriteLine($"{e + 1,5}   {specialized.Losses[e],18:F6}   {generic.Losses[e],14:F6}   {difference.ToString("0.00e+00", CultureInfo.InvariantCulture),12}");
    }

    Console.WriteLine($"Largest loss difference: {maxDifference.ToString("0.00e+00", CultureInfo.InvariantCulture)} (float rounding: the kernels sum in different orders).");
    Console.WriteLine(
        $"Time per epoch (median, training steps only): specialized{(options.Threads == 1 ? "" : $" on {options.Threads} threads")} {specialized.MedianEpochSeconds * 1000:F0} ms, " +
        $"generic {generic.MedianEpochSeconds * 1000:F0} ms: the specialized network is {generic.MedianEpochSeconds / specialized.MedianEpochSeconds:F2}× as fast.");
}
else
{
    Console.WriteLine();
    Console.WriteLine(
        $"Time per epoch (median, training steps only): specialized{(options.Threads == 1 ? "" : $" on {options.Threads} threads")} " +
        $"{(specialized.MedianEpochSeconds * 1000).ToString("F1", CultureInfo.InvariantCulture)} ms.");
}

Console.WriteLine();
Console.WriteLine($"Final test accuracy (specialized): {specialized.TestAccuracy:P2}");
return 0;

static string YesNo(bool value) => value ? "yes" : "no";

RunResult Train(string label, TrainStepFunction trainStep, PredictFunction predict)
{
    IOptimizer<float> optimizer = options.CreateOptimizer();
    var shuffler = new DeterministicRandom(options.Seed ^ 0x5EED_5EEDUL);
    int[] order = Enumerable.Range(0, train.Count).ToArray();
    float[] images = new float[options.BatchSize * DigitsNet.InputLength];
    int[] labels = new int[options.BatchSize];
    int[] trainPredictions = new int[train.Count];
    int[] testPredictions = new int[test.Count];
    var result = new RunResult(options.Epochs);
    for (int epoch = 0; epoch < options.Epochs; epoch++)
    {
        shuffler.Shuffle(order.AsSpan());
        double lossSum = 0;
        int seen = 0;
        int step = 0;
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < train.Count; start += options.BatchSize)
        {
            int m = Math.Min(options.BatchSize, train.Count - start);
            train.CopyBatch(order.AsSpan(start, m), images.AsSpan(0, m * DigitsNet.InputLength), labels.AsSpan(0, m));
            float loss = trainStep(images.AsSpan(0, m * DigitsNet.InputLength), labels.AsSpan(0, m), optimizer);

            // A step whose loss or gradients hold NaN or infinity is not applied and returns a loss that is not finite.
            if (!float.IsFinite(loss))
            {
                if (live)
                {
                    Console.Write("\r" + new string(' ', 78) + "\r");
                }

                result.Failure = $"epoch {epoch + 1}, batch {start / options.BatchSize + 1}: the loss is {loss.ToString(CultureInfo.InvariantCulture)} " +
                    "(NaN or infinity in the loss or its gradients); that step was not applied and training stopped.";
                Console.WriteLine($"  {label}: {result.Failure}");
                return result;
            }

            lossSum += (double)loss * m;
            seen += m;
            if (live && step++ % 4 == 0)
            {
                int filled = seen * 20 / train.Count;
                Console.Write($"\r  {label} epoch {epoch + 1}/{options.Epochs} [{new string('#', filled)}{new string('.', 20 - filled)}] {seen}/{train.Count}  loss {lossSum / seen:F4}");
            }
        }

        clock.Stop();
        result.Seconds[epoch] = clock.Elapsed.TotalSeconds;
        result.Losses[epoch] = lossSum / seen;
        predict(train.Images, trainPredictions);
        predict(test.Images, testPredictions);
        double trainAccuracy = Accuracy(train, trainPredictions);
        result.TestAccuracy = Accuracy(test, testPredictions);
        if (live)
        {
            Console.Write("\r" + new string(' ', 78) + "\r");
        }

        Console.WriteLine(
            $"  epoch {epoch + 1,2}/{options.Epochs}  loss {result.Losses[epoch]:F4}  train {trainAccuracy,7:P2}  test {result.TestAccuracy,7:P2}  " +
            $"{result.Seconds[epoch] * 1000,5:F0} ms");
    }

    return result;
}

int StoppedOnNonFiniteLoss()
{
    Console.Error.WriteLine();
    Console.Error.WriteLine(
        $"Training diverged (optimizer {options.OptimizerName}, learning rate {options.LearningRate.ToString(CultureInfo.InvariantCulture)}): " +
        "the parameters are those of the last good step. Try a smaller --learning-rate.");
    return 1;
}

static double Accuracy(ImageDataSet<float> set, int[] predictions)
{
    int correct = 0;
    for (int i = 0; i < set.Count; i++)
    {
        correct += predictions[i] == set.Labels[i] ? 1 : 0;
    }

    return (double)correct / set.Count;
}

static void PrintConfusion(ImageDataSet<float> set, int[] predictions)
{
    int classes = set.ClassCount;
    var counts = new int[classes, classes];
    for (int i = 0; i < set.Count; i++)
    {
        counts[set.Labels[i], predictions[i]]++;
    }

    Console.WriteLine("Confusion matrix on the test set (rows: true digit, columns: predicted):");
    Console.Write("      ");
    for (int c = 0; c < classes; c++)
    {
        Console.Write($"{c,4}");
    }

    Console.WriteLine();
    for (int r = 0; r < classes; r++)
    {
        Console.Write($"  {r,2}  ");
        for (int c = 0; c < classes; c++)
        {
            Console.Write(counts[r, c] == 0 ? "   ." : $"{counts[r, c],4}");
        }

        Console.WriteLine();
    }
}

static void PrintMisclassified(ImageDataSet<float> set, int[] predictions, int count)
{
    var wrong = new List<int>();
    for (int i = 0; i < set.Count && wrong.Count < count; i++)
    {
        if (predictions[i] != set.Labels[i])
        {
            wrong.Add(i);
        }
    }

    if (wrong.Count == 0)
    {
        Console.WriteLine("No test digit was misclassified.");
        return;
    }

    Console.WriteLine();
    Console.WriteLine($"Some misclassified test digits ({wrong.Count} shown):");
    const string shades = " .:-=+*#%@";
    var lines = new string[set.Height + 1];
    for (int y = 0; y < lines.Length; y++)
    {
        lines[y] = string.Empty;
    }

    foreach (int index in wrong)
    {
        ReadOnlySpan<float> image = set.Image(index);
        lines[0] += $"true {set.Labels[index]}, said {predictions[index]}".PadRight(set.Width * 2 + 6);
        for (int y = 0; y < set.Height; y++)
        {
            var row = new System.Text.StringBuilder("  ");
            for (int x = 0; x < set.Width; x++)
            {
                float v = Math.Clamp(image[y * set.Width + x], 0f, 1f);
                char shade = shades[(int)Math.Round(v * (shades.Length - 1))];
                row.Append(shade).Append(shade);
            }

            lines[y + 1] += row.ToString().PadRight(set.Width * 2 + 6);
        }
    }

    foreach (string line in lines)
    {
        Console.WriteLine(line.TrimEnd());
    }
}
