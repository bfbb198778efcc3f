using System.Numerics;
using System.Numerics.Tensors;

namespace CnnGen;

/// <summary>
/// The element-wise sums of residual connections (<c>[Shortcut]</c> and <c>[AddShortcut]</c> in a network): the forward
/// merge <c>sum = main + shortcut</c>, and the backward one that adds a shortcut's gradient into the gradient of the
/// activation it started from.
/// </summary>
public static class ResidualKernels
{
    /// <summary>Writes <c>sum = main + shortcut</c> element by element (overwritten).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="sum"/> partly overlaps an input.</exception>
    public static void Add<T>(ReadOnlySpan<T> main, ReadOnlySpan<T> shortcut, Span<T> sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(shortcut.Length, main.Length, nameof(shortcut));
        SpanArguments.RequireLength(sum.Length, main.Length, nameof(sum));
        SpanArguments.RequireSameOrNoOverlap(sum, main, nameof(sum), nameof(main));
        SpanArguments.RequireSameOrNoOverlap(sum, shortcut, nameof(sum), nameof(shortcut));
        TensorPrimitives.Add(main, shortcut, sum);
    }

    /// <summary>Adds <paramref name="addend"/> into <paramref name="target"/> element by element.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or overlap.</exception>
    public static void AddInto<T>(Span<T> target, ReadOnlySpan<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SpanArguments.RequireLength(addend.Length, target.Length, nameof(addend));
        SpanArguments.RequireNoOverlap<T>(target, addend, nameof(target), nameof(addend));
        TensorPrimitives.Add(target, addend, target);
    }
}
