namespace CnnGen;

/// <summary>
/// Cosine annealing from a base rate to a minimum over a fixed number of steps (or epochs), after an optional linear
/// warmup; PyTorch's <c>CosineAnnealingLR</c> over one half period, with a warmup in front:
/// <code>
/// step &lt; warmup:          rate = baseRate · (step + 1) / (warmup + 1)
/// warmup ≤ step &lt; total:  p = (step − warmup) / (total − warmup)
///                        rate = minRate + (baseRate − minRate) · (1 + cos(π·p)) / 2
/// step ≥ total:          rate = minRate
/// </code>
/// </summary>
/// <remarks>
/// The warmup climbs in equal steps from <c>baseRate/(warmup + 1)</c> to the base rate, which the cosine starts from
/// at step <c>warmup</c>; no step runs at rate 0. The total counts the warmup steps. Past the total the rate stays at
/// the minimum (PyTorch's schedule would climb again).
/// </remarks>
public sealed class CosineLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">The rate at the end of the warmup, where the cosine starts (finite, at least 0).</param>
    /// <param name="minRate">The rate the cosine ends at, in <c>[0, baseRate]</c>.</param>
    /// <param name="totalSteps">The step at which the minimum is reached, warmup included (at least 1).</param>
    /// <param name="warmupSteps">The steps of linear warmup, in <c>[0, totalSteps)</c>; 0 (the default) for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineLearningRate(double baseRate, double minRate, long totalSteps, long warmupSteps = 0)
    {
        BaseRate = ScheduleArguments.RequireRate(baseRate, nameof(baseRate));
        MinRate = ScheduleArguments.RequireRate(minRate, nameof(minRate));
        if (minRate > baseRate)
        {
            throw new ArgumentOutOfRangeException(nameof(minRate), minRate, $"The minimum rate must be at most the base rate, {baseRate}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (warmupSteps < 0 || warmupSteps >= totalSteps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(warmupSteps), warmupSteps, $"The warmup must be in [0, {totalSteps}), shorter than the total of {totalSteps} steps.");
        }

        TotalSteps = totalSteps;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at the end of the warmup, where the cosine starts.</summary>
    public double BaseRate { get; }

    /// <summary>The rate the cosine ends at.</summary>
    public double MinRate { get; }

    /// <summary>The step at which the minimum is reached, warmup included.</summary>
    public long TotalSteps { get; }

    /// <summary>The steps of linear warmup.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public double LearningRate(long step)
    {
        ScheduleArguments.RequireStep(step);
        if (step < WarmupSteps)
        {
            return BaseRate * (step + 1) / (WarmupSteps + 1);
        }

        if (step >= TotalSteps)
        {
            return MinRate;
        }

        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        double weight = (1 + Math.Cos(Math.PI * progress)) / 2;

        // A weighted sum rather than min + (base − min)·w, so that weight 1 gives the base rate exactly.
        return (BaseRate * weight) + (MinRate * (1 - weight));
    }
}
