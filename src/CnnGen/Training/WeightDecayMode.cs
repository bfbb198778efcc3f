namespace CnnGen;

/// <summary>How <see cref="Adam{T}"/> applies its weight decay <c>wd</c> to a parameter <c>θ</c>.</summary>
public enum WeightDecayMode
{
    /// <summary>
    /// L2 regularization: <c>wd·θ</c> is added to the gradient before the moment estimates take it (PyTorch's
    /// <c>Adam(weight_decay=wd)</c>). The decay then passes through Adam's per-parameter scaling, so parameters with
    /// large gradients decay less.
    /// </summary>
    L2,

    /// <summary>
    /// Decoupled weight decay (Loshchilov and Hutter's AdamW, PyTorch's <c>AdamW</c>): <c>θ ← θ − learningRate·wd·θ</c>
    /// each step, apart from the adaptive step, which sees the plain gradient.
    /// </summary>
    Decoupled,
}
