using System.Numerics.Tensors;

namespace Notebook.Printing;

/// <summary>Prints labelled values like the notebook's <c>print(...)</c> calls.</summary>
internal sealed class NotebookPrinter(TextWriter writer)
{
    /// <summary>A section heading, e.g. the exercise's name.</summary>
    public void Heading(string title)
    {
        writer.WriteLine();
        writer.WriteLine($"== {title} ==");
    }

    /// <summary>A plain line, e.g. <c>mode = max</c>.</summary>
    public void Line(string text = "") => writer.WriteLine(text);

    /// <summary><c>print("label =", scalar)</c>.</summary>
    public void Scalar(string label, double value) => writer.WriteLine($"{label} = {NumpyFormat.Scalar(value)}");

    /// <summary><c>print("label = " + str(a.shape))</c>.</summary>
    public void Shape(string label, Tensor<double> tensor) => writer.WriteLine($"{label} = {NumpyFormat.Shape(tensor.Lengths)}");

    /// <summary><c>print("label =\n", array)</c>: the array on the next line, after print's separating space.</summary>
    public void Array(string label, Tensor<double> tensor) => writer.WriteLine($"{label} =\n {NumpyFormat.Array(tensor)}");

    /// <summary><c>print("label =\n", a[index])</c> for a sub-array at a leading index.</summary>
    public void Array(string label, Tensor<double> tensor, params int[] leadingIndex)
        => writer.WriteLine($"{label} =\n {NumpyFormat.Array(Sub(tensor, leadingIndex))}");

    /// <summary>The sub-array <c>a[i, j, …]</c> as its own tensor.</summary>
    public static Tensor<double> Sub(Tensor<double> tensor, params int[] leadingIndex)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(leadingIndex);
        var start = new nint[tensor.Rank];
        for (int i = 0; i < leadingIndex.Length; i++)
        {
            start[i] = leadingIndex[i];
        }

        ReadOnlySpan<nint> lengths = tensor.Lengths[leadingIndex.Length..];
        int count = 1;
        foreach (nint length in lengths)
        {
            count *= (int)length;
        }

        var values = tensor.AsReadOnlyTensorSpan().GetSpan(start, count).ToArray();
        return Tensor.Create(values, lengths);
    }
}
