namespace CnnGen;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">The learning rate (finite, at least 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is out of range.</exception>
    public ConstantLearningRate(double rate) => Rate = ScheduleArguments.RequireRate(rate, nameof(rate));

    /// <summary>The learning rate.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public double LearningRate(long step)
    {
        ScheduleArguments.RequireStep(step);
        return Rate;
    }
}
