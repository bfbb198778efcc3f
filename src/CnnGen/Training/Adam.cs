using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CnnGen;

/// <summary>
/// The Adam optimizer (Kingma and Ba, 2015), with optional weight decay <c>wd</c>. Per parameter <c>θ</c> with
/// gradient <c>g</c>, at step <c>t</c> (counting from 1), with moment estimates <c>m</c> and <c>v</c> zero at first:
/// <code>
/// g = g + wd·θ                  (only with WeightDecayMode.L2)
/// m = β1·m + (1 − β1)·g
/// v = β2·v + (1 − β2)·g²
/// θ = θ − learningRate·wd·θ     (only with WeightDecayMode.Decoupled, AdamW)
/// θ = θ − learningRate · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
/// </code>
/// The bias corrections <c>1 − β^t</c> and the decoupled factor <c>1 − learningRate·wd</c> are computed in double
/// precision. With <c>wd</c> = 0 (the default) neither decay line runs.
/// </summary>
/// <typeparam name="T">The parameter type.</typeparam>
public sealed class Adam<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _learningRate;
    private T[]? _moments; // the first-moment estimates, then the second-moment estimates

    /// <summary>Creates the optimizer with the paper's defaults β1 = 0.9, β2 = 0.999, ε = 1e−8.</summary>
    /// <param name="learningRate">The step size (finite, at least 0); 0.001 is the paper's default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is out of range.</exception>
    public Adam(T learningRate)
        : this(learningRate, T.CreateChecked(0.9), T.CreateChecked(0.999), T.CreateChecked(1e-8))
    {
    }

    /// <summary>Creates the optimizer without weight decay.</summary>
    /// <param name="learningRate">The step size (finite, at least 0).</param>
    /// <param name="beta1">The decay of the first-moment estimate, in <c>[0, 1)</c>.</param>
    /// <param name="beta2">The decay of the second-moment estimate, in <c>[0, 1)</c>.</param>
    /// <param name="epsilon">The denominator's guard (finite, above 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range.</exception>
    public Adam(T learningRate, T beta1, T beta2, T epsilon)
        : this(learningRate, beta1, beta2, epsilon, T.Zero)
    {
    }

    /// <summary>Creates the optimizer with weight decay.</summary>
    /// <param name="learningRate">The step size (finite, at least 0).</param>
    /// <param name="beta1">The decay of the first-moment estimate, in <c>[0, 1)</c>.</param>
    /// <param name="beta2">The decay of the second-moment estimate, in <c>[0, 1)</c>.</param>
    /// <param name="epsilon">The denominator's guard (finite, above 0).</param>
    /// <param name="weightDecay">
    /// The weight decay coefficient (finite, at least 0); 0 turns it off. PyTorch's <c>AdamW</c> defaults to 0.01.
    /// </param>
    /// <param name="weightDecayMode">
    /// How the decay is applied: <see cref="WeightDecayMode.L2"/> (the default, PyTorch's <c>Adam</c>) or
    /// <see cref="WeightDecayMode.Decoupled"/> (AdamW).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range, or the mode is not a defined value.</exception>
    public Adam(T learningRate, T beta1, T beta2, T epsilon, T weightDecay, WeightDecayMode weightDecayMode = WeightDecayMode.L2)
    {
        _learningRate = OptimizerArguments.RequireLearningRate(learningRate, nameof(learningRate));
        Beta1 = OptimizerArguments.RequireFraction(beta1, nameof(beta1));
        Beta2 = OptimizerArguments.RequireFraction(beta2, nameof(beta2));
        if (!(epsilon > T.Zero) || T.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be finite and above 0.");
        }

        Epsilon = epsilon;
        if (!(weightDecay >= T.Zero) || T.IsInfinity(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "The weight decay must be finite and at least 0.");
        }

        if (!Enum.IsDefined(weightDecayMode))
        {
            throw new ArgumentOutOfRangeException(
                nameof(weightDecayMode), weightDecayMode, $"Expected {WeightDecayMode.L2} or {WeightDecayMode.Decoupled}.");
        }

        WeightDecay = weightDecay;
        WeightDecayMode = weightDecayMode;
    }

    /// <summary>The step size; may be changed between steps (for a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public T LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.RequireLearningRate(value, nameof(value));
    }

    /// <summary>The decay of the first-moment estimate.</summary>
    public T Beta1 { get; }

    /// <summary>The decay of the second-moment estimate.</summary>
    public T Beta2 { get; }

    /// <summary>The denominator's guard.</summary>
    public T Epsilon { get; }

    /// <summary>The weight decay coefficient; 0 when there is none.</summary>
    public T WeightDecay { get; }

    /// <summary>How <see cref="WeightDecay"/> is applied.</summary>
    public WeightDecayMode WeightDecayMode { get; }

    /// <inheritdoc/>
    public int? ParameterCount => _moments?.Length / 2;

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        Span<T> moments = OptimizerArguments.Bind(ref _moments, buffersPerParameter: 2, parameters.Length, gradients.Length);
        long t = StepCount + 1;
        double correction1 = 1.0 - Math.Pow(double.CreateChecked(Beta1), t);
        double correction2 = 1.0 - Math.Pow(double.CreateChecked(Beta2), t);
        var constants = new Constants(
            Beta1: Beta1,
            OneMinusBeta1: T.One - Beta1,
            Beta2: Beta2,
            OneMinusBeta2: T.One - Beta2,
            InverseCorrection2: T.CreateChecked(1.0 / correction2),
            NegativeStep: T.CreateChecked(-double.CreateChecked(_learningRate) / correction1),
            Epsilon: Epsilon,
            WeightDecay: WeightDecay,
            DecoupledKeep: T.CreateChecked(1.0 - (double.CreateChecked(_learningRate) * double.CreateChecked(WeightDecay))));

        Span<T> m = moments[..parameters.Length];
        Span<T> v = moments[parameters.Length..];
        if (WeightDecay == T.Zero)
        {
            UpdateAll<NoDecay>(constants, parameters, gradients, m, v);
        }
        else if (WeightDecayMode == WeightDecayMode.L2)
        {
            UpdateAll<L2Decay>(constants, parameters, gradients, m, v);
        }
        else
        {
            UpdateAll<DecoupledDecay>(constants, parameters, gradients, m, v);
        }

        StepCount = t;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _moments?.AsSpan().Clear();
        StepCount = 0;
    }

    private static void UpdateAll<TDecay>(in Constants c, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> m, Span<T> v)
        where TDecay : struct, IDecay
    {
        int i = 0;
        if (Simd512<T>.IsSupported)
        {
            i = Update<Simd512<T>, Vector512<T>, TDecay>(i, c, parameters, gradients, m, v);
        }

        if (Simd256<T>.IsSupported)
        {
            i = Update<Simd256<T>, Vector256<T>, TDecay>(i, c, parameters, gradients, m, v);
        }

        if (Simd128<T>.IsSupported)
        {
            i = Update<Simd128<T>, Vector128<T>, TDecay>(i, c, parameters, gradients, m, v);
        }

        Update<SimdScalar<T>, T, TDecay>(i, c, parameters, gradients, m, v);
    }

    private static int Update<TW, TVec, TDecay>(
        int start, in Constants c, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> firstMoment, Span<T> secondMoment)
        where TW : struct, ISimd<TVec, T>
        where TVec : struct
        where TDecay : struct, IDecay
    {
        ref T p = ref MemoryMarshal.GetReference(parameters);
        ref readonly T g = ref MemoryMarshal.GetReference(gradients);
        ref T mRef = ref MemoryMarshal.GetReference(firstMoment);
        ref T vRef = ref MemoryMarshal.GetReference(secondMoment);
        TVec beta1 = TW.Broadcast(c.Beta1);
        TVec oneMinusBeta1 = TW.Broadcast(c.OneMinusBeta1);
        TVec beta2 = TW.Broadcast(c.Beta2);
        TVec oneMinusBeta2 = TW.Broadcast(c.OneMinusBeta2);
        TVec inverseCorrection2 = TW.Broadcast(c.InverseCorrection2);
        TVec negativeStep = TW.Broadcast(c.NegativeStep);
        TVec epsilon = TW.Broadcast(c.Epsilon);
        TVec weightDecay = TW.Broadcast(c.WeightDecay);
        TVec decoupledKeep = TW.Broadcast(c.DecoupledKeep);
        int i = start;
        for (; i <= parameters.Length - TW.Count; i += TW.Count)
        {
            nuint at = (nuint)i;
            TVec theta = TW.Load(in p, at);
            TVec gradient = TW.Load(in g, at);
            if (TDecay.L2)
            {
                gradient = TW.MultiplyAdd(weightDecay, theta, gradient);
            }

            if (TDecay.Decoupled)
            {
                theta = TW.Multiply(theta, decoupledKeep);
            }

            TVec m = TW.MultiplyAdd(beta1, TW.Load(in mRef, at), TW.Multiply(oneMinusBeta1, gradient));
            TVec v = TW.MultiplyAdd(beta2, TW.Load(in vRef, at), TW.Multiply(oneMinusBeta2, TW.Multiply(gradient, gradient)));
            TW.Store(m, ref mRef, at);
            TW.Store(v, ref vRef, at);
            TVec denominator = TW.Add(TW.Sqrt(TW.Multiply(v, inverseCorrection2)), epsilon);
            TW.Store(TW.MultiplyAdd(TW.Divide(m, denominator), negativeStep, theta), ref p, at);
        }

        return i;
    }

    private readonly record struct Constants(
        T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T InverseCorrection2, T NegativeStep, T Epsilon, T WeightDecay, T DecoupledKeep);

    // Which decay lines a step runs; constants per instantiation, so the JIT drops the lines a mode does not use
    // and the loop without decay is the plain Adam loop.
    private interface IDecay
    {
        static abstract bool L2 { get; }

        static abstract bool Decoupled { get; }
    }

    private readonly struct NoDecay : IDecay
    {
        public static bool L2 => false;

        public static bool Decoupled => false;
    }

    private readonly struct L2Decay : IDecay
    {
        public static bool L2 => true;

        public static bool Decoupled => false;
    }

    private readonly struct DecoupledDecay : IDecay
    {
        public static bool L2 => false;

        public static bool Decoupled => true;
    }
}
