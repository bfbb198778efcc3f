namespace CnnGen;

/// <summary>
/// Declares a dropout layer (inverted dropout, PyTorch's <c>Dropout</c>) on a partial class, alone (with its input shape)
/// or in a network (which gives the shape): in training, each value is zeroed with probability <see cref="Rate"/> and the
/// others scaled by <c>1 / (1 − rate)</c>; in evaluation, the identity. The generic kernels are <see cref="DropoutKernels"/>.
/// </summary>
/// <remarks>
/// Masks are seeded and deterministic: in a network they follow its <c>DropoutSeed</c> (the constructor's seed) and
/// <c>DropoutStep</c> (the training steps taken), so a run repeats exactly, and a batch split over threads draws the
/// mask one thread would.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares a dropout layer.</summary>
    /// <param name="rate">The probability of zeroing a value in training, in [0, 1); PyTorch's default 0.5.</param>
    public DropoutAttribute(double rate = 0.5)
    {
        Rate = rate;
    }

    /// <summary>The probability of zeroing a value in training.</summary>
    public double Rate { get; }

    /// <summary>The height of one input example (alone on a class; a network gives it).</summary>
    public int InputHeight { get; set; }

    /// <summary>The width of one input example (alone on a class; a network gives it).</summary>
    public int InputWidth { get; set; }

    /// <summary>The channel count of one input example, also the output's (alone on a class; a network gives it).</summary>
    public int InputChannels { get; set; }

    /// <summary>The length of one input example, as a 1×1×length vector (instead of the three above).</summary>
    public int InputLength { get; set; }
}
