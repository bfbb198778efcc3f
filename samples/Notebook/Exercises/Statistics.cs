using System.Numerics.Tensors;

namespace Notebook.Exercises;

internal static class Statistics
{
    /// <summary>
    /// <c>np.mean</c>. Printed in full float64 precision, a mean's last one or two digits can differ from the
    /// notebook's: the kernels sum each output's products in a different order than numpy, which moves the
    /// results by an ulp or so (the tests hold them to 1e-12 relative).
    /// </summary>
    public static double Mean(Tensor<double> tensor)
    {
        var values = new double[tensor.FlattenedLength];
        tensor.FlattenTo(values);
        return TensorPrimitives.Sum<double>(values) / values.Length;
    }
}
