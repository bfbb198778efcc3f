using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

public static partial class Cnn
{
    /// <summary>
    /// The forward pass of a pooling layer (the notebook's <c>pool_forward(A_prev, hparameters, mode)</c>).
    /// </summary>
    /// <param name="aPrev">The input batch, shape <c>(m, n_H_prev, n_W_prev, n_C_prev)</c>.</param>
    /// <param name="filterSize">The window's height and width, the notebook's <c>f</c> (≥ 1, at most the input's extents).</param>
    /// <param name="stride">The step between windows (≥ 1).</param>
    /// <param name="mode">Max or average pooling.</param>
    /// <returns><c>A</c>, shape <c>(m, n_H, n_W, n_C_prev)</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="aPrev"/> is not a rank-4 batch, or the window does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="filterSize"/> or <paramref name="stride"/> is below 1, or <paramref name="mode"/> is undefined.</exception>
    public static Tensor<T> PoolForward<T>(in ReadOnlyTensorSpan<T> aPrev, int filterSize, int stride, PoolMode mode = PoolMode.Max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, geometry) = PoolGeometry(aPrev, filterSize, stride, mode);
        var a = new T[GeometryChecks.Length("output batch", nameof(aPrev), m, geometry.OutputLength)];
        if (mode == PoolMode.Max)
        {
            MaxPool2DKernels.Forward(geometry, TensorArguments.Contiguous(aPrev), a);
        }
        else
        {
            AvgPool2DKernels.Forward(geometry, TensorArguments.Contiguous(aPrev), a);
        }

        return TensorArguments.Wrap(a, m, geometry.OutputHeight, geometry.OutputWidth, geometry.Channels);
    }

    /// <inheritdoc cref="PoolForward{T}(in ReadOnlyTensorSpan{T}, int, int, PoolMode)"/>
    public static Tensor<T> PoolForward<T>(Tensor<T> aPrev, int filterSize, int stride, PoolMode mode = PoolMode.Max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(aPrev);
        return PoolForward(aPrev.AsReadOnlyTensorSpan(), filterSize, stride, mode);
    }

    /// <summary>
    /// The backward pass of a pooling layer (the notebook's <c>pool_backward(dA, cache, mode)</c>, with the cache's
    /// <c>A_prev</c> and hyperparameters passed directly).
    /// </summary>
    /// <param name="dA">The gradient of the cost with respect to the pooling output, shape <c>(m, n_H, n_W, n_C)</c>.</param>
    /// <param name="aPrev">The forward pass's input, shape <c>(m, n_H_prev, n_W_prev, n_C)</c>.</param>
    /// <param name="filterSize">The forward pass's window size <c>f</c>.</param>
    /// <param name="stride">The forward pass's stride.</param>
    /// <param name="mode">Max (gradient to each window's first maximum) or average (spread evenly).</param>
    /// <returns><c>dA_prev</c>, the shape of <paramref name="aPrev"/>.</returns>
    /// <exception cref="ArgumentException">The shapes do not agree, or the window does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="filterSize"/> or <paramref name="stride"/> is below 1, or <paramref name="mode"/> is undefined.</exception>
    public static Tensor<T> PoolBackward<T>(in ReadOnlyTensorSpan<T> dA, in ReadOnlyTensorSpan<T> aPrev, int filterSize, int stride, PoolMode mode = PoolMode.Max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, geometry) = PoolGeometry(aPrev, filterSize, stride, mode);
        TensorArguments.RequireShape(dA, nameof(dA), "the shape of pool_forward's output", m, geometry.OutputHeight, geometry.OutputWidth, geometry.Channels);
        var dAPrev = new T[m * geometry.InputLength];
        if (mode == PoolMode.Max)
        {
            MaxPool2DKernels.Backward(geometry, TensorArguments.Contiguous(dA), TensorArguments.Contiguous(aPrev), dAPrev);
        }
        else
        {
            AvgPool2DKernels.Backward(geometry, TensorArguments.Contiguous(dA), TensorArguments.Contiguous(aPrev), dAPrev);
        }

        return TensorArguments.Wrap(dAPrev, m, geometry.InputHeight, geometry.InputWidth, geometry.Channels);
    }

    /// <inheritdoc cref="PoolBackward{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, int, int, PoolMode)"/>
    public static Tensor<T> PoolBackward<T>(Tensor<T> dA, Tensor<T> aPrev, int filterSize, int stride, PoolMode mode = PoolMode.Max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dA);
        ArgumentNullException.ThrowIfNull(aPrev);
        return PoolBackward(dA.AsReadOnlyTensorSpan(), aPrev.AsReadOnlyTensorSpan(), filterSize, stride, mode);
    }

    /// <summary>
    /// The max-pool mask of one window (the notebook's <c>create_mask_from_window(x)</c>): 1 at the window's first
    /// maximum in row-major order and 0 elsewhere. Unlike the notebook's <c>x == max(x)</c>, a tie marks only the
    /// first maximum, so multiplying by the mask routes the gradient exactly once; if the window holds a NaN, the
    /// first NaN is marked (the pooled value is NaN).
    /// </summary>
    /// <param name="x">The window, typically shape <c>(f, f)</c>; any non-empty shape.</param>
    /// <returns>A one-hot tensor of the same shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty.</exception>
    public static Tensor<T> CreateMaskFromWindow<T>(in ReadOnlyTensorSpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.FlattenedLength == 0)
        {
            throw new ArgumentException($"Expected a non-empty window, but x's shape is {TensorArguments.Shape(x.Lengths)}.", nameof(x));
        }

        ReadOnlySpan<T> values = TensorArguments.Contiguous(x);
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (RowOps.TakesOver(values[i], values[best]))
            {
                best = i;
            }
        }

        var mask = new T[values.Length];
        mask[best] = T.One;
        return Tensor.Create(mask, x.Lengths);
    }

    /// <inheritdoc cref="CreateMaskFromWindow{T}(in ReadOnlyTensorSpan{T})"/>
    public static Tensor<T> CreateMaskFromWindow<T>(Tensor<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return CreateMaskFromWindow(x.AsReadOnlyTensorSpan());
    }

    /// <summary>
    /// Spreads a value evenly over a matrix (the notebook's <c>distribute_value(dz, (n_H, n_W))</c>): every entry
    /// is <c>dz / (n_H·n_W)</c>. This is one window's share in average-pool backward.
    /// </summary>
    /// <param name="dz">The value to spread.</param>
    /// <param name="height">The matrix's height <c>n_H</c> (≥ 1).</param>
    /// <param name="width">The matrix's width <c>n_W</c> (≥ 1).</param>
    /// <returns>A tensor of shape <c>(n_H, n_W)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="height"/> or <paramref name="width"/> is below 1.</exception>
    public static Tensor<T> DistributeValue<T>(T dz, int height, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GeometryChecks.AtLeastOne(height, nameof(height));
        GeometryChecks.AtLeastOne(width, nameof(width));
        int count = GeometryChecks.Length("matrix", nameof(width), height, width);
        var values = new T[count];
        Array.Fill(values, dz / T.CreateChecked(count));
        return TensorArguments.Wrap(values, height, width);
    }

    private static (int Batch, Pool2DGeometry Geometry) PoolGeometry<T>(in ReadOnlyTensorSpan<T> aPrev, int filterSize, int stride, PoolMode mode)
    {
        var (m, height, width, channels) = TensorArguments.Activations(aPrev, nameof(aPrev));
        TensorArguments.RequireDefined(mode, nameof(mode));
        return (m, new Pool2DGeometry(height, width, channels, filterSize, stride));
    }
}
