using System.Numerics;

namespace CnnGen;

/// <summary>
/// Updates a flat buffer of trainable parameters from the gradient of the loss with respect to them.
/// </summary>
/// <remarks>
/// An optimizer keeps per-parameter state (momentum, moment estimates). It allocates that state once, on its first
/// <see cref="Step"/>, and binds itself to that parameter count: steps never allocate, and a later step with a
/// different count is refused. Use one optimizer per parameter buffer. Implementations are not thread-safe.
/// </remarks>
/// <typeparam name="T">The parameter type.</typeparam>
public interface IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The parameter count the optimizer is bound to, or <see langword="null"/> before its first step.</summary>
    int? ParameterCount { get; }

    /// <summary>The number of steps taken since creation or the last <see cref="Reset"/>.</summary>
    long StepCount { get; }

    /// <summary>Applies one update to <paramref name="parameters"/> in place.</summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradients">The loss gradient with respect to each parameter; as long as <paramref name="parameters"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length, or differ from the bound parameter count.</exception>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>Forgets all state (as if no step had been taken), keeping the allocated buffers and the bound count.</summary>
    void Reset();
}

/// <summary>The binding and argument checks the optimizers share.</summary>
internal static class OptimizerArguments
{
    /// <summary>
    /// Checks the step's spans and returns the optimizer's state, <paramref name="buffersPerParameter"/> values per
    /// parameter, allocating it (zeroed) on the first step and refusing a parameter count other than the bound one later.
    /// </summary>
    public static T[] Bind<T>(ref T[]? state, int buffersPerParameter, int parameterLength, int gradientLength)
    {
        SpanArguments.RequireLength(gradientLength, parameterLength, "gradients");
        if (state is null)
        {
            state = new T[(long)buffersPerParameter * parameterLength];
            return state;
        }

        int bound = state.Length / buffersPerParameter;
        if (bound != parameterLength)
        {
            throw new ArgumentException(
                $"This optimizer is bound to {bound} parameters by its first step, but the span has {parameterLength}. " +
                "Use one optimizer per parameter buffer.",
                "parameters");
        }

        return state;
    }

    public static T RequireLearningRate<T>(T value, string paramName)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero) || T.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The learning rate must be finite and at least 0.");
        }

        return value;
    }

    public static T RequireFraction<T>(T value, string paramName)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Expected a value in [0, 1).");
        }

        return value;
    }
}
