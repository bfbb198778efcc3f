using System.Globalization;
using CnnGen;

namespace FashionMnistSample;

/// <summary>The sample's command line.</summary>
public sealed class Options
{
    /// <summary>The help text, printed by <c>--help</c> and after a parse error.</summary>
    public const string Usage =
        """
        Usage: dotnet run -c Release --project samples/FashionMnist -- [options]

        Trains a generated residual network on Fashion-MNIST's 60,000 training images and reports its accuracy on
        the 10,000 test images, with a confusion matrix of the ten classes.

        Options:
          --epochs N          training epochs (default 8)
          --batch-size N      examples per training step (default 128)
          --learning-rate X   peak learning rate of SGD with momentum 0.9, annealed by a cosine to 0 (default 0.1)
          --weight-decay X    L2 weight decay (default 0.0005)
          --threads N         split each batch over N threads, 1 to 64 (default 1); the batch normalizations
                              run on the calling thread over the whole batch between the shards' layers
          --seed N            seed of the initialization and the shuffling (default 1)
          --data PATH         the folder holding the four IDX .gz files; default data/ beside the program
          --short             a quick check (CI): 1 epoch on the first 2,000 training images, tested on the first
                              1,000 test images
          --save PATH         save the trained network's parameters and statistics to PATH
          -h, --help          show this help
        """;

    /// <summary>The number of training epochs (1 with <see cref="Short"/>).</summary>
    public int Epochs { get; private set; } = 8;

    /// <summary>The number of examples per training step.</summary>
    public int BatchSize { get; private set; } = 128;

    /// <summary>The learning rate at the start of the cosine schedule.</summary>
    public float LearningRate { get; private set; } = 0.1f;

    /// <summary>The L2 weight decay of the optimizer.</summary>
    public float WeightDecay { get; private set; } = 5e-4f;

    /// <summary>The thread count passed to the network's constructor.</summary>
    public int Threads { get; private set; } = 1;

    /// <summary>The seed of the initialization and of the shuffling.</summary>
    public ulong Seed { get; private set; } = 1;

    /// <summary>The data folder, or null for the one beside the program.</summary>
    public string? DataPath { get; private set; }

    /// <summary>Whether to run the short check: 2,000 training images, 1,000 test images, 1 epoch.</summary>
    public bool Short { get; private set; }

    /// <summary>Where to save the trained network, or null not to save it.</summary>
    public string? SavePath { get; private set; }

    /// <summary>Whether to print the help and stop.</summary>
    public bool Help { get; private set; }

    /// <summary>Parses the arguments, or returns null with a message saying what is wrong.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="error">Why the arguments were refused, when the result is null.</param>
    /// <returns>The options, or null.</returns>
    public static Options? Parse(string[] args, out string? error)
    {
        var options = new Options();
        bool epochsGiven = false;
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
                case "--short":
                    options.Short = true;
                    break;
                case "--epochs":
                    if (!PositiveInt(Value(), out int epochs))
                    {
                        error = "--epochs needs a whole number of at least 1.";
                        return null;
                    }

                    options.Epochs = epochs;
                    epochsGiven = true;
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
                        error = "--learning-rate needs a positive number, for example 0.1.";
                        return null;
                    }

                    options.LearningRate = rate;
                    break;
                case "--weight-decay":
                    if (!float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out float decay) || !(decay >= 0) || float.IsInfinity(decay))
                    {
                        error = "--weight-decay needs a number of at least 0, for example 5e-4.";
                        return null;
                    }

                    options.WeightDecay = decay;
                    break;
                case "--threads":
                    if (!PositiveInt(Value(), out int threads) || threads > BatchParallel.MaxThreads)
                    {
                        error = $"--threads needs a whole number from 1 to {BatchParallel.MaxThreads}.";
                        return null;
                    }

                    options.Threads = threads;
                    break;
                case "--seed":
                    if (!ulong.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
                    {
                        error = "--seed needs a whole number of at least 0.";
                        return null;
                    }

                    options.Seed = seed;
                    break;
                case "--data":
                    options.DataPath = Value();
                    if (options.DataPath is null)
                    {
                        error = "--data needs a path.";
                        return null;
                    }

                    break;
                case "--save":
                    options.SavePath = Value();
                    if (options.SavePath is null)
                    {
                        error = "--save needs a path.";
                        return null;
                    }

                    break;
                default:
                    error = $"Unknown option '{arg}'.";
                    return null;
            }
        }

        // --short is a fixed quick check; an explicit --epochs with it would make it something else.
        if (options.Short)
        {
            if (epochsGiven)
            {
                error = "--short trains for 1 epoch; leave out --epochs.";
                return null;
            }

            options.Epochs = 1;
        }

        return options;
    }

    private static bool PositiveInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
}
