using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CnnGen;
using FashionMnistSample;

// Trains the generated residual FashionNet on Fashion-MNIST with SGD, momentum, weight decay and a cosine learning
// rate, reporting progress, loss, train and test accuracy per epoch, then the confusion matrix and per-class accuracy
// on the test set.

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

string dataPath = options.DataPath ?? Path.Combine(AppContext.BaseDirectory, "data");
ImageDataSet<float> train, test;
try
{
    train = FashionMnist.LoadTrain<float>(dataPath);
    test = FashionMnist.LoadTest<float>(dataPath);
}
catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
{
    Console.Error.WriteLine($"Could not load Fashion-MNIST from {dataPath}: {e.Message}");
    return 1;
}

if (options.Short)
{
    train = train.Subset(FirstIndices(Math.Min(2000, train.Count)));
    test = test.Subset(FirstIndices(Math.Min(1000, test.Count)));
}

FashionNet net = new(options.BatchSize, options.Seed, options.Threads);
using (net)
{
    return Run(net);
}

int Run(FashionNet net)
{
    bool live = !Console.IsOutputRedirected;
    int stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
    long totalSteps = (long)stepsPerEpoch * options.Epochs;
    var schedule = new CosineLearningRate(options.LearningRate, 0, totalSteps);
    var optimizer = new SgdMomentum<float>(options.LearningRate, 0.9f, options.WeightDecay);

    Console.WriteLine(
        $"CnnGen Fashion-MNIST{(options.Short ? " (--short)" : "")}: {train.Count} training and {test.Count} test images of " +
        $"{FashionMnist.Height}×{FashionMnist.Width}, {FashionMnist.ClassCount} classes, from {dataPath}.");
    Console.WriteLine($"Network: {FashionNet.Architecture}");
    Console.WriteLine(
        $"{FashionNet.ParameterCount:N0} parameters; SGD momentum 0.9, lr {Invariant(options.LearningRate)} cosine to 0 over {totalSteps} steps, " +
        $"weight decay {Invariant(options.WeightDecay)}, batch {options.BatchSize}, {options.Epochs} {(options.Epochs == 1 ? "epoch" : "epochs")}, " +
        $"seed {options.Seed}, {options.Threads} {(options.Threads == 1 ? "thread" : "threads")} (of {Environment.ProcessorCount} processors).");
    Console.WriteLine(
        $"Code: {(RuntimeFeature.IsDynamicCodeCompiled ? "JIT-compiled" : "ahead-of-time compiled (NativeAOT)")}; hardware-accelerated vectors: " +
        $"Vector512 {YesNo(Vector512.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, Vector128 {YesNo(Vector128.IsHardwareAccelerated)}; " +
        $"fused multiply-add in hardware {YesNo(Fma.IsSupported || AdvSimd.IsSupported)}.");
    Console.WriteLine("Train accuracy: the predictions of each training step's own forward pass (training mode, before that step's update).");
    Console.WriteLine();

    var shuffler = new DeterministicRandom(options.Seed ^ 0x5EED_5EEDUL);
    int[] order = FirstIndices(train.Count);
    float[] images = new float[options.BatchSize * FashionNet.InputLength];
    int[] labels = new int[options.BatchSize];
    int[] batchPredictions = new int[options.BatchSize];
    int[] testPredictions = new int[test.Count];
    long step = 0;
    double testAccuracy = 0;
    var total = Stopwatch.StartNew();
    for (int epoch = 0; epoch < options.Epochs; epoch++)
    {
        shuffler.Shuffle(order.AsSpan());
        double lossSum = 0;
        int seen = 0, correct = 0, nextQuarter = 1;
        var clock = Stopwatch.StartNew();
        for (int batch = 0; batch < stepsPerEpoch; batch++)
        {
            int start = batch * options.BatchSize;
            int m = Math.Min(options.BatchSize, train.Count - start);
            train.CopyBatch(order.AsSpan(start, m), images.AsSpan(0, m * FashionNet.InputLength), labels.AsSpan(0, m));
            optimizer.LearningRate = (float)schedule.LearningRate(step);
            float loss = net.TrainStep(images.AsSpan(0, m * FashionNet.InputLength), labels.AsSpan(0, m), optimizer);

            // A step whose loss or gradients hold NaN or infinity is not applied and returns a loss that is not finite.
            if (!float.IsFinite(loss))
            {
                ClearLine(live);
                Console.Error.WriteLine(
                    $"Training diverged at epoch {epoch + 1}, batch {batch + 1} (learning rate {Invariant(optimizer.LearningRate)}): the loss is " +
                    $"{Invariant(loss)} (NaN or infinity in the loss or its gradients); that step was not applied and training stopped. " +
                    "Try a smaller --learning-rate.");
                return 1;
            }

            step++;
            lossSum += (double)loss * m;
            seen += m;
            SoftmaxCrossEntropyKernels.ArgMax<float>(FashionNet.ClassCount, net.Probabilities, batchPredictions.AsSpan(0, m));
            for (int i = 0; i < m; i++)
            {
                correct += batchPredictions[i] == labels[i] ? 1 : 0;
            }

            int done = batch + 1;
            if (live)
            {
                // Refreshing the line every step would cost more console time than it is worth on small batches.
                if (done % 5 == 0 || done == stepsPerEpoch)
                {
                    Console.Write($"\r  epoch {epoch + 1}/{options.Epochs}  batch {done}/{stepsPerEpoch}  loss {lossSum / seen:F4}  {seen / clock.Elapsed.TotalSeconds,6:F0} images/s ");
                }
            }
            else if (done * 4 >= nextQuarter * stepsPerEpoch && done < stepsPerEpoch)
            {
                // Redirected output (CI logs): a plain line at each quarter of the epoch instead of a live one.
                while (done * 4 >= nextQuarter * stepsPerEpoch)
                {
                    nextQuarter++;
                }

                Console.WriteLine($"  epoch {epoch + 1}/{options.Epochs}  batch {done}/{stepsPerEpoch}  loss {lossSum / seen:F4}  {seen / clock.Elapsed.TotalSeconds:F0} images/s");
            }
        }

        clock.Stop();
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var testClock = Stopwatch.StartNew();
        testAccuracy = Evaluate(net, testPredictions);
        testClock.Stop();
        ClearLine(live);
        Console.WriteLine(
            $"epoch {epoch + 1,2}/{options.Epochs}  loss {lossSum / seen:F4}  train {(double)correct / seen,7:P2}  test {testAccuracy,7:P2}  " +
            $"{trainSeconds:F1} s ({seen / trainSeconds:F0} images/s; test pass {testClock.Elapsed.TotalSeconds:F1} s)");
    }

    total.Stop();
    Console.WriteLine();
    PrintConfusion(test, testPredictions);
    Console.WriteLine();
    Console.WriteLine($"Training and testing took {total.Elapsed.TotalSeconds:F1} s.");
    Console.WriteLine($"Final test accuracy: {testAccuracy:P2}");

    if (options.SavePath is not null)
    {
        try
        {
            net.Save(options.SavePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not save the network to {options.SavePath}: {e.Message}");
            return 1;
        }

        Console.WriteLine($"Saved the trained network to {options.SavePath}.");
    }

    return 0;
}

// Evaluation uses the batch normalizations' running statistics, so each image's class does not depend on its batch.
double Evaluate(FashionNet net, int[] predictions)
{
    net.Training = false;
    try
    {
        net.Predict(test.Images, predictions);
    }
    finally
    {
        net.Training = true;
    }

    int correct = 0;
    for (int i = 0; i < test.Count; i++)
    {
        correct += predictions[i] == test.Labels[i] ? 1 : 0;
    }

    return (double)correct / test.Count;
}

static int[] FirstIndices(int count) => Enumerable.Range(0, count).ToArray();

static string YesNo(bool value) => value ? "yes" : "no";

static string Invariant(float value) => value.ToString(CultureInfo.InvariantCulture);

static void ClearLine(bool live)
{
    if (live)
    {
        Console.Write("\r" + new string(' ', 90) + "\r");
    }
}

static void PrintConfusion(ImageDataSet<float> set, int[] predictions)
{
    int classes = set.ClassCount;
    var counts = new int[classes, classes];
    var totals = new int[classes];
    for (int i = 0; i < set.Count; i++)
    {
        counts[set.Labels[i], predictions[i]]++;
        totals[set.Labels[i]]++;
    }

    Console.WriteLine("Confusion matrix on the test set (rows: true class, columns: predicted class, numbered as the rows):");
    const int nameWidth = 16;
    Console.Write(new string(' ', nameWidth));
    for (int c = 0; c < classes; c++)
    {
        Console.Write($"{c,6}");
    }

    Console.WriteLine("   accuracy");
    for (int r = 0; r < classes; r++)
    {
        Console.Write($"  {r} {FashionMnist.ClassNames[r]}".PadRight(nameWidth));
        for (int c = 0; c < classes; c++)
        {
            Console.Write(counts[r, c] == 0 ? "     ." : $"{counts[r, c],6}");
        }

        // A class absent from the (short) test set has no accuracy to report.
        Console.WriteLine(totals[r] == 0 ? "          –" : $"   {(double)counts[r, r] / totals[r],8:P1}");
    }
}
