namespace CnnGen;

/// <summary>
/// A learning rate that changes as training goes on: a pure function of a counter that starts at 0.
/// </summary>
/// <remarks>
/// The counter's unit is the caller's choice — optimizer steps (batches) or epochs — and the schedule's own lengths
/// (a step size, a total, a warmup) count in that same unit. The schedule keeps no state: ask it for the rate before
/// each step or epoch and hand that to the optimizer, for example
/// <code>
/// for (int epoch = 0; epoch &lt; epochs; epoch++)
/// {
///     optimizer.LearningRate = (float)schedule.LearningRate(epoch);
///     // ... the epoch's steps
/// }
/// </code>
/// Rates are doubles whatever the parameter type, so a schedule serves float and double networks alike (generic code
/// converts with <c>T.CreateChecked</c>).
/// </remarks>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for step (or epoch) <paramref name="step"/>.</summary>
    /// <param name="step">The number of steps (or epochs) done before this one: 0 for the first.</param>
    /// <returns>The rate, finite and at least 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    double LearningRate(long step);
}
