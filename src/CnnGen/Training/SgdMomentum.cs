using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen;

/// <summary>
/// Stochastic gradient descent with (heavy-ball) momentum and optional L2 weight decay. Per parameter
/// <c>θ</c> with gradient <c>g</c> and velocity <c>v</c> (zero at first):
/// <code>
/// g' = g + weightDecay·θ
/// v  = momentum·v + g'
/// θ  = θ − learningRate·v
/// </code>
/// (the formulation of PyTorch's <c>SGD</c> without dampening or Nesterov). With momentum 0 it is plain SGD.
/// </summary>
/// <typeparam name="T">The parameter type.</typeparam>
public sealed class SgdMomentum<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _learningRate;
    private T[]? _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size (finite, at least 0).</param>
    /// <param name="momentum">The velocity's decay per step, in <c>[0, 1)</c>; 0.9 is typical.</param>
    /// <param name="weightDecay">The L2 penalty coefficient added to each gradient (at least 0; default 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public SgdMomentum(T learningRate, T momentum, T weightDecay = default)
    {
        _learningRate = OptimizerArguments.RequireLearningRate(learningRate, nameof(learningRate));
        Momentum = OptimizerArguments.RequireFraction(momentum, nameof(momentum));
        if (!(weightDecay >= T.Zero) || T.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be finite and at least 0.");
        }

        WeightDecay = weightDecay;
    }

    /// <summary>The step size; may be changed between steps (for a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public T LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.RequireLearningRate(value, nameof(value));
    }

    /// <summary>The velocity's decay per step.</summary>
    public T Momentum { get; }

    /// <summary>The L2 penalty coefficient.</summary>
    public T WeightDecay { get; }

    /// <inheritdoc/>
    public int? ParameterCount => _velocity?.Length;

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        Span<T> velocity = OptimizerArguments.Bind(ref _velocity, buffersPerParameter: 1, parameters.Length, gradients.Length);
        int i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Update<Simd512<T>, Vector512<T>>(i, parameters, gradients, velocity);
        }

        if (Simd256<T>.IsSupported)
        {
            i = Update<Simd256<T>, Vector256<T>>(i, parameters, gradients, velocity);
        }

        if (Simd128<T>.IsSupported)
        {
            i = Update<Simd128<T>, Vector128<T>>(i, parameters, gradients, velocity);
        }

        Update<SimdScalar<T>, T>(i, parameters, gradients, velocity);
        StepCount++;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _velocity?.AsSpan().Clear();
        StepCount = 0;
    }

    private int Update<TW, TVec>(int start, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> velocity)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
    {
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref readonly T g = ref MemoryMarshal.GetReference(gradients);
        ref T v = ref MemoryMarshal.GetReference(velocity);
        TVec decay = TW.Broadcast(WeightDecay);
        TVec momentum = TW.Broadcast(Momentum);
        TVec negativeRate = TW.Broadcast(-_learningRate);
        int i = start;
        for (; i <= parameters.Length - TW.Count; i += TW.Count)
        {
            nuint at = (nuint)i;
            TVec theta = TW.Load(in p, at);
            TVec gradient = TW.MultiplyAdd(decay, theta, TW.Load(in g, at));
            TVec velocityNext = TW.MultiplyAdd(momentum, TW.Load(in v, at), gradient);
            TW.Store(velocityNext, ref v, at);
            TW.Store(TW.MultiplyAdd(negativeRate, velocityNext, theta), ref p, at);
        }

        return i;
    }
}
