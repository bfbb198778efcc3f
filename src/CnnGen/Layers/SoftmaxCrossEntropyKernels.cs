using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>
/// The generic kernels of the fused softmax + cross-entropy loss head: for each example of <c>classes</c> logits
/// <c>z</c> and integer label <c>y</c>, <c>p = softmax(z)</c> and <c>loss = −log p[y]</c>, averaged over the batch.
/// </summary>
/// <remarks>
/// The computation is numerically stable: with <c>M = max(z)</c> and <c>S = Σ exp(z − M)</c> (so 1 ≤ S ≤ classes),
/// <c>p = exp(z − M) / S</c> and <c>loss = log S − (z[y] − M)</c>; no exponential of a large logit is ever formed.
/// Fusing the two layers makes the backward pass the simple <c>(p − onehot(y)) / m</c>.
/// A NaN or infinite logit gives NaN probabilities and loss for its example.
/// </remarks>
public static class SoftmaxCrossEntropyKernels
{
    /// <summary>
    /// Computes the softmax probabilities of each example and returns the mean cross-entropy loss over the batch.
    /// </summary>
    /// <param name="classes">The number of classes, the values per example (at least 1).</param>
    /// <param name="logits">The logits, <c>(m, classes)</c>.</param>
    /// <param name="labels">The class of each example, <c>(m)</c>, each in <c>[0, classes)</c>.</param>
    /// <param name="probabilities">Receives the probabilities, <c>(m, classes)</c>; may be the very span of <paramref name="logits"/>.</param>
    /// <returns>The mean loss; zero for an empty batch.</returns>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>[0, classes)</c>; nothing is written then.</exception>
    public static T Forward<T>(int classes, ReadOnlySpan<T> logits, ReadOnlySpan<int> labels, Span<T> probabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        int batch = SpanArguments.BatchSize(logits.Length, classes, nameof(logits));
        SpanArguments.RequireLength(labels.Length, batch, nameof(labels));
        SpanArguments.RequireBatchLength(probabilities.Length, batch, classes, nameof(probabilities));
        RequireLabels(labels, classes);
        if (batch == 0)
        {
            return T.Zero;
        }

        T total = T.Zero;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<T> z = logits.Slice(n * classes, classes);
            T label = z[labels[n]];
            Span<T> p = probabilities.Slice(n * classes, classes);
            (T max, T sum) = SoftmaxRow(z, p);
            total += T.Log(sum) - (label - max);
        }

        return total / T.CreateChecked(batch);
    }

    /// <summary>
    /// Computes the gradient of the mean loss with respect to the logits: <c>(p − onehot(labels)) / m</c>.
    /// </summary>
    /// <param name="classes">The number of classes (at least 1).</param>
    /// <param name="probabilities">The probabilities <see cref="Forward"/> wrote, <c>(m, classes)</c>.</param>
    /// <param name="labels">The class of each example, <c>(m)</c>.</param>
    /// <param name="logitsGradient">Receives the gradient (overwritten), <c>(m, classes)</c>; may be the very span of <paramref name="probabilities"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>[0, classes)</c>; nothing is written then.</exception>
    public static void Backward<T>(int classes, ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, Span<T> logitsGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        int batch = SpanArguments.BatchSize(probabilities.Length, classes, nameof(probabilities));
        SpanArguments.RequireLength(labels.Length, batch, nameof(labels));
        SpanArguments.RequireBatchLength(logitsGradient.Length, batch, classes, nameof(logitsGradient));
        RequireLabels(labels, classes);
        if (batch == 0)
        {
            return;
        }

        T scale = T.One / T.CreateChecked(batch);
        TensorPrimitives.Multiply(probabilities, scale, logitsGradient);
        for (int n = 0; n < batch; n++)
        {
            logitsGradient[n * classes + labels[n]] -= scale;
        }
    }

    /// <summary>Computes the softmax probabilities of each example (inference: no labels, no loss).</summary>
    /// <param name="classes">The number of classes (at least 1).</param>
    /// <param name="logits">The logits, <c>(m, classes)</c>.</param>
    /// <param name="probabilities">Receives the probabilities, <c>(m, classes)</c>; may be the very span of <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void Softmax<T>(int classes, ReadOnlySpan<T> logits, Span<T> probabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        int batch = SpanArguments.BatchSize(logits.Length, classes, nameof(logits));
        SpanArguments.RequireBatchLength(probabilities.Length, batch, classes, nameof(probabilities));
        for (int n = 0; n < batch; n++)
        {
            SoftmaxRow(logits.Slice(n * classes, classes), probabilities.Slice(n * classes, classes));
        }
    }

    /// <summary>
    /// Writes the index of the largest score of each example: the predicted class. Generated networks' <c>Predict</c>
    /// calls this, so both follow one rule:
    /// <list type="bullet">
    /// <item><description>the largest score wins, and of equal scores the first (−0 and +0 are equal);</description></item>
    /// <item><description>a NaN counts as larger than everything, so an example with a NaN score predicts the class of its
    /// first NaN (as max pooling sends a window's gradient to its first NaN), and one with all NaN predicts 0;</description></item>
    /// <item><description>infinities compare as themselves.</description></item>
    /// </list>
    /// Works on logits or probabilities alike, since softmax preserves order (where it rounds two logits to one
    /// probability, the probabilities tie and the first wins).
    /// </summary>
    /// <param name="classes">The number of classes (at least 1).</param>
    /// <param name="scores">The logits or probabilities, <c>(m, classes)</c>.</param>
    /// <param name="predictions">Receives the predicted class of each example, <c>(m)</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static void ArgMax<T>(int classes, ReadOnlySpan<T> scores, Span<int> predictions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        int batch = SpanArguments.BatchSize(scores.Length, classes, nameof(scores));
        SpanArguments.RequireLength(predictions.Length, batch, nameof(predictions));
        for (int n = 0; n < batch; n++)
        {
            predictions[n] = ArgMaxRow(scores.Slice(n * classes, classes));
        }
    }

    /// <summary>The rule of <see cref="ArgMax"/> for one example.</summary>
    private static int ArgMaxRow<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        T largest = row[0];
        if (T.IsNaN(largest))
        {
            return 0;
        }

        for (int c = 1; c < row.Length; c++)
        {
            T score = row[c];
            if (T.IsNaN(score))
            {
                return c;
            }

            if (score > largest)
            {
                best = c;
                largest = score;
            }
        }

        return best;
    }

    /// <summary>Softmax of one example; returns its maximum logit and the sum of the shifted exponentials.</summary>
    private static (T Max, T Sum) SoftmaxRow<T>(ReadOnlySpan<T> z, Span<T> p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = TensorPrimitives.Max(z);
        TensorPrimitives.Subtract(z, max, p);
        TensorPrimitives.Exp(p, p);
        T sum = TensorPrimitives.Sum<T>(p);
        TensorPrimitives.Divide(p, sum, p);
        return (max, sum);
    }

    private static void RequireLabels(ReadOnlySpan<int> labels, int classes)
    {
        for (int n = 0; n < labels.Length; n++)
        {
            if ((uint)labels[n] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), labels[n], $"The label of example {n} is {labels[n]}, outside the {classes} classes [0, {classes - 1}].");
            }
        }
    }
}
