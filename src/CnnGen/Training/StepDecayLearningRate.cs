namespace CnnGen;

/// <summary>
/// A learning rate multiplied by <c>gamma</c> every <c>stepSize</c> steps (or epochs), like PyTorch's <c>StepLR</c>:
/// <code>
/// rate(step) = baseRate · gamma^⌊step / stepSize⌋
/// </code>
/// </summary>
public sealed class StepDecayLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">The rate of the first <paramref name="stepSize"/> steps (finite, at least 0).</param>
    /// <param name="stepSize">The steps between decays (at least 1).</param>
    /// <param name="gamma">The factor applied at each decay, in <c>(0, 1]</c>; 0.1 is common.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public StepDecayLearningRate(double baseRate, long stepSize, double gamma)
    {
        BaseRate = ScheduleArguments.RequireRate(baseRate, nameof(baseRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(gamma > 0.0 && gamma <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The decay factor must be in (0, 1].");
        }

        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The rate before the first decay.</summary>
    public double BaseRate { get; }

    /// <summary>The steps between decays.</summary>
    public long StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public double LearningRate(long step)
    {
        ScheduleArguments.RequireStep(step);
        return BaseRate * Math.Pow(Gamma, step / StepSize);
    }
}
