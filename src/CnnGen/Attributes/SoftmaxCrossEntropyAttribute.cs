namespace CnnGen;

/// <summary>
/// Declares the fused softmax + cross-entropy loss head on a partial class: it turns each example's logits into
/// class probabilities and, given integer labels, the mean loss <c>−log p[label]</c> over the batch.
/// </summary>
/// <remarks>
/// It must be the last layer. Its backward pass gives the logits' gradient <c>(p − onehot(label)) / m</c>.
/// The generic kernels are <see cref="SoftmaxCrossEntropyKernels"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxCrossEntropyAttribute : Attribute
{
    /// <summary>
    /// The number of classes (logits per example), for the head used on its own; inside a
    /// <see cref="NetworkAttribute"/> network it follows from the previous layer and is left unset.
    /// </summary>
    public int Classes { get; set; }
}
