using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

public static partial class Cnn
{
    /// <summary>
    /// Pads the height and width of every image of a batch with <paramref name="pad"/> zeros on each side
    /// (the notebook's <c>zero_pad(X, pad)</c>).
    /// </summary>
    /// <param name="x">The batch, shape <c>(m, n_H, n_W, n_C)</c>.</param>
    /// <param name="pad">The zeros added on each side (≥ 0).</param>
    /// <returns>The padded batch, shape <c>(m, n_H + 2·pad, n_W + 2·pad, n_C)</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not a rank-4 batch with non-empty images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pad"/> is negative.</exception>
    public static Tensor<T> ZeroPad<T>(in ReadOnlyTensorSpan<T> x, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, height, width, channels) = TensorArguments.Activations(x, nameof(x));
        GeometryChecks.NotNegative(pad, nameof(pad));
        var geometry = new ZeroPad2DGeometry(height, width, channels, pad);
        var values = new T[GeometryChecks.Length("padded batch", nameof(x), m, geometry.OutputLength)];
        ZeroPad2DKernels.Forward(geometry, TensorArguments.Contiguous(x), values);
        return TensorArguments.Wrap(values, m, geometry.OutputHeight, geometry.OutputWidth, channels);
    }

    /// <inheritdoc cref="ZeroPad{T}(in ReadOnlyTensorSpan{T}, int)"/>
    public static Tensor<T> ZeroPad<T>(Tensor<T> x, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return ZeroPad(x.AsReadOnlyTensorSpan(), pad);
    }
}
