using System.Numerics;

namespace CnnGen;

/// <summary>Initial values for trainable parameters.</summary>
public static class ParameterInitialization
{
    /// <summary>
    /// Fills <paramref name="destination"/> with He (Kaiming) normal values: independent draws from
    /// <c>N(0, 2 / fanIn)</c>, the scale that keeps activation variance steady through ReLU layers.
    /// </summary>
    /// <param name="destination">The weights to fill.</param>
    /// <param name="fanIn">The inputs feeding each output: <c>f·f·C_in</c> for a convolution, the input length for a dense layer.</param>
    /// <param name="random">The generator to draw from; the values depend only on its state, so a seeded generator reproduces them exactly.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is below 1.</exception>
    public static void HeNormal<T>(Span<T> destination, int fanIn, DeterministicRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        ArgumentNullException.ThrowIfNull(random);
        random.FillNormal(destination, 0.0, Math.Sqrt(2.0 / fanIn));
    }

    /// <summary>Fills <paramref name="destination"/> with He normal values drawn from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="destination">The weights to fill.</param>
    /// <param name="fanIn">The inputs feeding each output (at least 1).</param>
    /// <param name="seed">The seed; the same seed gives the same values on every run and platform.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is below 1.</exception>
    public static void HeNormal<T>(Span<T> destination, int fanIn, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
        => HeNormal(destination, fanIn, new DeterministicRandom(seed));
}
