using System.Globalization;
using CnnGen;

namespace Digits;

/// <summary>One training step: forward, backward and update on a batch; returns the batch's mean loss.</summary>
public delegate float TrainStepFunction(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, IOptimizer<float> optimizer);

/// <summary>Writes the predicted class of each example.</summary>
public delegate void PredictFunction(ReadOnlySpan<float> inputs, Span<int> predictions);

/// <summary>What one training run measured: the mean loss and the training time of each epoch, and the final test accuracy.</summary>
public sealed class RunResult(int epochs)
{
    public double[] Losses { get; } = new double[epochs];

    public double[] Seconds { get; } = new double[epochs];

    public double TestAccuracy { get; set; }

    /// <summary>Why training stopped early (a step with a loss that is not finite), or null when it ran every epoch.</summary>
    public string? Failure { get; set; }

    /// <summary>The median training time per epoch (robust to the odd epoch slowed by other work on the machine).</summary>
    public double MedianEpochSeconds
    {
        get
        {
            double[] sorted = Seconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

/// <summary>The sample's command line.</summary>
public sealed class Options
{
    public const string Usage =
        """
        Usage: dotnet run -c Release --project samples/Digits -- [options]

        Trains a generated convolutional network on 8×8 handwritten digits (80% train, 20% test), then the same
        network composed from CnnGen's generic kernels, and compares them.

        Options:
          --epochs N          training epochs (default 15)
          --batch-size N      examples per training step (default 32)
          --learning-rate X   optimizer step size (default 0.005 for Adam, 0.05 for SGD)
          --optimizer NAME    adam or sgd (SGD with momentum 0.9); default adam
          --seed N            seed of the split, the initialization and the shuffling (default 1)
          --threads N         split each batch of the generated network over N threads, 1 to 64 (default 1);
                              the generic comparison run stays on one thread
          --data PATH         the digits CSV (gzip or plain); default data/digits.csv.gz beside the program
          --no-generic        skip the generic-kernel comparison run
          -h, --help          show this help
        """;

    public int Epochs { get; private set; } = 15;

    public int BatchSize { get; private set; } = 32;

    public float LearningRate { get; private set; } = float.NaN;

    public string OptimizerName { get; private set; } = "adam";

    public ulong Seed { get; private set; } = 1;

    public int Threads { get; private set; } = 1;

    public string? DataPath { get; private set; }

    public bool SkipGeneric { get; private set; }

    public bool Help { get; private set; }

    public IOptimizer<float> CreateOptimizer() =>
        OptimizerName == "sgd" ? new SgdMomentum<float>(LearningRate, 0.9f) : new Adam<float>(LearningRate);

    /// <summary>Parses the arguments, or returns null with a message saying what is wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        var options = new Options();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value()
            {
                return i + 1 < args.Length ? args[++i] : null;
            }

            switch (arg)
            {
                case "-h" or "--help":
                    options.Help = true;
                    break;
                case "--no-generic":
                    options.SkipGeneric = true;
                    break;
                case "--epochs":
                    if (!PositiveInt(Value(), out int epochs))
                    {
                        error = "--epochs needs a whole number of at least 1.";
                        return null;
                    }

                    options.Epochs = epochs;
                    break;
                case "--batch-size":
                    if (!PositiveInt(Value(), out int batch))
                    {
                        error = "--batch-size needs a whole number of at least 1.";
                        return null;
                    }

                    options.BatchSize = batch;
                    break;
                case "--learning-rate":
                    if (!float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float rate) || !(rate > 0) || float.IsInfinity(rate))
                    {
                        error = "--learning-rate needs a positive number, for example 0.005.";
                        return null;
                    }

                    options.LearningRate = rate;
                    break;
                case "--optimizer":
                    string? name = Value()?.ToLowerInvariant();
                    if (name is not ("adam" or "sgd"))
                    {
                        error = "--optimizer must be adam or sgd.";
                        return null;
                    }

                    options.OptimizerName = name;
                    break;
                case "--seed":
                    if (!ulong.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
                    {
                        error = "--seed needs a whole number of at least 0.";
                        return null;
                    }

                    options.Seed = seed;
                    break;
                case "--threads":
                    if (!PositiveInt(Value(), out int threads) || threads > BatchParallel.MaxThreads)
                    {
                        error = $"--threads needs a whole number from 1 to {BatchParallel.MaxThreads}.";
                        return null;
                    }

                    options.Threads = threads;
                    break;
                case "--data":
                    options.DataPath = Value();
                    if (options.DataPath is null)
                    {
                        error = "--data needs a path.";
                        return null;
                    }

                    break;
                default:
                    error = $"Unknown option '{arg}'.";
                    return null;
            }
        }

        if (float.IsNaN(options.LearningRate))
        {
            options.LearningRate = options.OptimizerName == "sgd" ? 0.05f : 0.005f;
        }

        return options;
    }

    private static bool PositiveInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}
