using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>
/// The functions of the notebook "Convolutional Neural Networks: Step by Step" with runtime shapes, on
/// <see cref="Tensor{T}"/>s: <c>zero_pad</c>, <c>conv_single_step</c>, <c>conv_forward</c>, <c>pool_forward</c>,
/// <c>conv_backward</c>, <c>create_mask_from_window</c>, <c>distribute_value</c>, <c>pool_backward</c>.
/// </summary>
/// <remarks>
/// <para>Shapes follow the notebook: activations NHWC <c>(m, n_H, n_W, n_C)</c>, weights <c>(f, f, n_C_prev, n_C)</c>,
/// biases <c>(1, 1, 1, n_C)</c>; <c>n_H = floor((n_H_prev + 2·pad − f) / stride) + 1</c>; pooling has no padding.</para>
/// <para>Why <see cref="Tensor{T}"/>: in System.Numerics.Tensors 10.0 the tensor types are stable (no
/// <c>[Experimental]</c> diagnostic to suppress), so shapes travel with the data without a home-made tensor type.
/// Dense tensors are used in place; strided views are packed once. The arithmetic runs in the span kernels
/// (<see cref="Conv2DKernels"/>, <see cref="MaxPool2DKernels"/>, <see cref="AvgPool2DKernels"/>,
/// <see cref="ZeroPad2DKernels"/>), which is where to go to avoid the allocation of each result.</para>
/// <para>Each method takes <see cref="ReadOnlyTensorSpan{T}"/>s; overloads taking <see cref="Tensor{T}"/> exist
/// because C# does not infer <c>T</c> through the implicit conversion.</para>
/// <para>Where the notebook is wrong or silent: <see cref="ConvBackward{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, int, int)"/>
/// works with <c>pad = 0</c>; max pooling sends a window's gradient to its first maximum in row-major order
/// (ties included) and a NaN in a window gives NaN.</para>
/// </remarks>
public static partial class Cnn
{
}
