using System.Numerics.Tensors;

namespace CnnGen.TestSupport;

/// <summary>
/// One array the seed notebook draws: its name in the notebook, its shape and its values in row-major (C) order.
/// Build it with <see cref="SeedInputs"/>; each call draws afresh, so tests may mutate what they get.
/// </summary>
public sealed class SeedArray
{
    /// <summary>Wraps values drawn for the named notebook array.</summary>
    public SeedArray(string name, int[] shape, double[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (Nd.Count(shape) != values.Length)
        {
            throw new ArgumentException($"Shape {Nd.Format(shape)} holds {Nd.Count(shape)} values, but {values.Length} were given.", nameof(values));
        }

        Name = name;
        Shape = shape;
        Values = values;
    }

    /// <summary>The array's name in the notebook (e.g. <c>A_prev</c>).</summary>
    public string Name { get; }

    /// <summary>The numpy shape.</summary>
    public int[] Shape { get; }

    /// <summary>The values in row-major order, as float64.</summary>
    public double[] Values { get; }

    /// <summary>The number of values.</summary>
    public int Length => Values.Length;

    /// <summary>The values rounded to float32 (for the <c>float</c> kernels).</summary>
    public float[] ToSingle() => Array.ConvertAll(Values, v => (float)v);

    /// <summary>A copy of the values as a tensor of <see cref="Shape"/>.</summary>
    public Tensor<double> ToTensor() => Tensor.Create((double[])Values.Clone(), Nd.Lengths(Shape));

    /// <summary>The values rounded to float32, as a tensor of <see cref="Shape"/>.</summary>
    public Tensor<float> ToSingleTensor() => Tensor.Create(ToSingle(), Nd.Lengths(Shape));

    /// <summary>The sub-array at a leading index, like numpy's <c>a[i, j]</c>.</summary>
    public ReadOnlySpan<double> At(params ReadOnlySpan<int> leadingIndex) => Nd.At((ReadOnlySpan<double>)Values, Shape, leadingIndex);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}{Nd.Format(Shape)}";
}
