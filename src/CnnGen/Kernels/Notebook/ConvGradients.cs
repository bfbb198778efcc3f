using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>The three gradients <see cref="Cnn.ConvBackward{T}(in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, in ReadOnlyTensorSpan{T}, int, int)"/> returns (deconstructs to <c>(dA_prev, dW, db)</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="InputGradient"><c>dA_prev</c>, shape <c>(m, n_H_prev, n_W_prev, n_C_prev)</c>.</param>
/// <param name="WeightsGradient"><c>dW</c>, shape <c>(f, f, n_C_prev, n_C)</c>, summed over the batch.</param>
/// <param name="BiasGradient"><c>db</c>, shape <c>(1, 1, 1, n_C)</c>, summed over the batch.</param>
public sealed record ConvGradients<T>(Tensor<T> InputGradient, Tensor<T> WeightsGradient, Tensor<T> BiasGradient);
