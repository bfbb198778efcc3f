using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

public static partial class Cnn
{
    /// <summary>
    /// One step of convolution: the sum of the element-wise product of a slice and a filter, plus the bias
    /// (the notebook's <c>conv_single_step(a_slice_prev, W, b)</c>).
    /// </summary>
    /// <param name="aSlicePrev">The input slice, typically shape <c>(f, f, n_C_prev)</c>.</param>
    /// <param name="w">The filter, the same shape as <paramref name="aSlicePrev"/>.</param>
    /// <param name="b">The filter's bias.</param>
    /// <exception cref="ArgumentException">The two shapes differ.</exception>
    public static T ConvSingleStep<T>(in ReadOnlyTensorSpan<T> aSlicePrev, in ReadOnlyTensorSpan<T> w, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!aSlicePrev.Lengths.SequenceEqual(w.Lengths))
        {
            throw new ArgumentException(
                $"Expected w of the same shape as aSlicePrev, {TensorArguments.Shape(aSlicePrev.Lengths)}, but its shape is {TensorArguments.Shape(w.Lengths)}.",
                nameof(w));
        }

        return TensorPrimitives.Dot(TensorArguments.Contiguous(aSlicePrev), TensorArguments.Contiguous(w)) + b;
    }

    /// <inheritdoc cref="ConvSingleStep{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, T)"/>
    public static T ConvSingleStep<T>(Tensor<T> aSlicePrev, Tensor<T> w, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aSlicePrev);
        ArgumentNullException.ThrowIfNull(w);
        return ConvSingleStep(aSlicePrev.AsReadOnlyTensorSpan(), w.AsReadOnlyTensorSpan(), b);
    }

    /// <summary>
    /// The forward pass of a convolution layer (the notebook's <c>conv_forward(A_prev, W, b, hparameters)</c>).
    /// </summary>
    /// <param name="aPrev">The input batch, shape <c>(m, n_H_prev, n_W_prev, n_C_prev)</c>.</param>
    /// <param name="w">The filters, shape <c>(f, f, n_C_prev, n_C)</c>.</param>
    /// <param name="b">The biases, shape <c>(1, 1, 1, n_C)</c> (or any shape holding <c>n_C</c> values).</param>
    /// <param name="stride">The step between windows (≥ 1).</param>
    /// <param name="pad">The zero padding on each side (≥ 0).</param>
    /// <returns><c>Z</c>, shape <c>(m, n_H, n_W, n_C)</c>.</returns>
    /// <exception cref="ArgumentException">The shapes do not agree, or the filter does not fit the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is below 1 or <paramref name="pad"/> is negative.</exception>
    public static Tensor<T> ConvForward<T>(in ReadOnlyTensorSpan<T> aPrev, in ReadOnlyTensorSpan<T> w, in ReadOnlyTensorSpan<T> b, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, geometry) = ConvGeometry(aPrev, w, stride, pad);
        if (b.FlattenedLength != geometry.Filters)
        {
            throw new ArgumentException(
                $"Expected b of shape (1, 1, 1, {geometry.Filters}) (one bias per filter), but its shape is {TensorArguments.Shape(b.Lengths)}.",
                nameof(b));
        }

        var z = new T[GeometryChecks.Length("output batch", nameof(aPrev), m, geometry.OutputLength)];
        Conv2DKernels.Forward(geometry, TensorArguments.Contiguous(aPrev), TensorArguments.Contiguous(w), TensorArguments.Contiguous(b), z);
        return TensorArguments.Wrap(z, m, geometry.OutputHeight, geometry.OutputWidth, geometry.Filters);
    }

    /// <inheritdoc cref="ConvForward{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, int, int)"/>
    public static Tensor<T> ConvForward<T>(Tensor<T> aPrev, Tensor<T> w, Tensor<T> b, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aPrev);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        return ConvForward(aPrev.AsReadOnlyTensorSpan(), w.AsReadOnlyTensorSpan(), b.AsReadOnlyTensorSpan(), stride, pad);
    }

    /// <summary>
    /// The backward pass of a convolution layer (the notebook's <c>conv_backward(dZ, cache)</c>, with the cache's
    /// <c>A_prev</c>, <c>W</c> and hyperparameters passed directly). Unlike the notebook, works with <c>pad = 0</c>.
    /// </summary>
    /// <param name="dZ">The gradient of the cost with respect to the layer's output, shape <c>(m, n_H, n_W, n_C)</c>.</param>
    /// <param name="aPrev">The forward pass's input, shape <c>(m, n_H_prev, n_W_prev, n_C_prev)</c>.</param>
    /// <param name="w">The forward pass's filters, shape <c>(f, f, n_C_prev, n_C)</c>.</param>
    /// <param name="stride">The forward pass's stride (≥ 1).</param>
    /// <param name="pad">The forward pass's padding (≥ 0).</param>
    /// <returns><c>(dA_prev, dW, db)</c>; <c>dW</c> and <c>db</c> are summed over the batch.</returns>
    /// <exception cref="ArgumentException">The shapes do not agree, or the filter does not fit the padded input.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stride"/> is below 1 or <paramref name="pad"/> is negative.</exception>
    public static ConvGradients<T> ConvBackward<T>(in ReadOnlyTensorSpan<T> dZ, in ReadOnlyTensorSpan<T> aPrev, in ReadOnlyTensorSpan<T> w, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, geometry) = ConvGeometry(aPrev, w, stride, pad);
        TensorArguments.RequireShape(dZ, nameof(dZ), "the shape of conv_forward's output", m, geometry.OutputHeight, geometry.OutputWidth, geometry.Filters);

        int size = geometry.FilterSize;
        var dA = new T[m * geometry.InputLength];
        var dW = new T[geometry.WeightsLength];
        var db = new T[geometry.Filters];
        Conv2DKernels.Backward(geometry, TensorArguments.Contiguous(dZ), TensorArguments.Contiguous(aPrev), TensorArguments.Contiguous(w), dA, dW, db);
        return new ConvGradients<T>(
            TensorArguments.Wrap(dA, m, geometry.InputHeight, geometry.InputWidth, geometry.InputChannels),
            TensorArguments.Wrap(dW, size, size, geometry.InputChannels, geometry.Filters),
            TensorArguments.Wrap(db, 1, 1, 1, geometry.Filters));
    }

    /// <inheritdoc cref="ConvBackward{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, int, int)"/>
    public static ConvGradients<T> ConvBackward<T>(Tensor<T> dZ, Tensor<T> aPrev, Tensor<T> w, int stride, int pad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dZ);
        ArgumentNullException.ThrowIfNull(aPrev);
        ArgumentNullException.ThrowIfNull(w);
        return ConvBackward(dZ.AsReadOnlyTensorSpan(), aPrev.AsReadOnlyTensorSpan(), w.AsReadOnlyTensorSpan(), stride, pad);
    }

    private static (int Batch, Conv2DGeometry Geometry) ConvGeometry<T>(in ReadOnlyTensorSpan<T> aPrev, in ReadOnlyTensorSpan<T> w, int stride, int pad)
    {
        var (m, height, width, channels) = TensorArguments.Activations(aPrev, nameof(aPrev));
        ReadOnlySpan<nint> filter = w.Lengths;
        if (filter.Length != 4 || filter[0] != filter[1] || filter[0] < 1 || filter[3] < 1 || filter[0] > int.MaxValue || filter[3] > int.MaxValue)
        {
            throw new ArgumentException(
                $"Expected w of rank 4 with square, non-empty filters, shape (f, f, n_C_prev, n_C), but its shape is {TensorArguments.Shape(filter)}.",
                nameof(w));
        }

        if (filter[2] != channels)
        {
            throw new ArgumentException(
                $"Expected w's n_C_prev (axis 2) to equal aPrev's channel count {channels}, but w's shape is {TensorArguments.Shape(filter)}.",
                nameof(w));
        }

        int size = (int)filter[0];
        GeometryChecks.AtLeastOne(stride, nameof(stride));
        GeometryChecks.NotNegative(pad, nameof(pad));
        GeometryChecks.OutputSize(height, size, stride, pad, "height", nameof(w));
        GeometryChecks.OutputSize(width, size, stride, pad, "width", nameof(w));
        return (m, new Conv2DGeometry(height, width, channels, (int)filter[3], size, stride, pad));
    }
}
