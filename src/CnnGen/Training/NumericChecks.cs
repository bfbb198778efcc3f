using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>Cheap checks for NaN and infinity in training data: losses, gradients, parameters.</summary>
/// <remarks>
/// A generated network's <c>TrainStep</c> runs <see cref="AllFinite{T}(ReadOnlySpan{T})"/> on its gradients before
/// every update and applies none when the loss or a gradient is not finite; it then returns a value that is not finite,
/// so <c>float.IsFinite(loss)</c> (or <c>double.IsFinite</c>) after each step tells whether the step was applied.
/// </remarks>
public static class NumericChecks
{
    /// <summary>Whether every value is finite (neither NaN nor infinite); true for an empty span. Vectorized, allocates nothing.</summary>
    /// <param name="values">The values to check.</param>
    /// <returns><see langword="true"/> when no value is NaN or infinite.</returns>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
        // The largest magnitude is NaN when a value is NaN and infinite when a value is infinite.
        => values.IsEmpty || T.IsFinite(TensorPrimitives.MaxMagnitude(values));
}
