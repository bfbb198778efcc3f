using System.ComponentModel;

namespace CnnGen.Generated;

// The shapes of the per-batch kernel bodies that generated layers hand to BatchShards. Each runs a whole number of
// consecutive examples (batch of them) starting at the refs it is given, so a shard is the same call on a slice; the
// generated methods convert to these as static method groups, whose delegates the compiler caches (no allocation per call).

/// <summary>
/// A kernel body mapping each of <paramref name="batch"/> consecutive examples of <paramref name="input"/> to the same
/// example of <paramref name="output"/> (pooling and zero-padding forward, the zero padding's crop backward).
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void BatchKernel<T>(ref T input, ref T output, int batch);

/// <summary>
/// A pooling backward body: overwrites <paramref name="batch"/> examples of <paramref name="inputGradient"/> from the same
/// examples of <paramref name="outputGradient"/> and <paramref name="input"/>.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void BatchGradientKernel<T>(ref T outputGradient, ref T input, ref T inputGradient, int batch);

/// <summary>A convolution's forward body: <paramref name="batch"/> examples of output from input and the shared weights and bias.</summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void ConvForwardKernel<T>(ref T input, ref T weights, ref T bias, ref T output, int batch);

/// <summary>
/// A convolution's backward body: overwrites <paramref name="batch"/> examples of the input gradient, and the weight and
/// bias gradients summed over those examples; <paramref name="flipped"/> is scratch of one weights' length it writes.
/// </summary>
/// <remarks>Not meant to be called by hand: the generator's output is its only client.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void ConvBackwardKernel<T>(
    ref T outputGradient, ref T input, ref T weights, ref T inputGradient, ref T weightsGradient, ref T biasGradient, ref T flipped, int batch);
