using System.Numerics.Tensors;
using CnnGen;

namespace Notebook.Exercises;

/// <summary>
/// The notebook's eight functions, as the exercises call them. <see cref="GenericKernels"/> runs them through
/// CnnGen's runtime-shaped API; a second implementation can route the same exercises through generated layers
/// (whose shapes are those of the exercises) and the output must not change.
/// </summary>
internal interface INotebookKernels
{
    /// <summary>A name for the heading of a pass.</summary>
    string Name { get; }

    Tensor<double> ZeroPad(Tensor<double> x, int pad);

    double ConvSingleStep(Tensor<double> aSlicePrev, Tensor<double> w, double b);

    Tensor<double> ConvForward(Tensor<double> aPrev, Tensor<double> w, Tensor<double> b, int stride, int pad);

    ConvGradients<double> ConvBackward(Tensor<double> dZ, Tensor<double> aPrev, Tensor<double> w, int stride, int pad);

    Tensor<double> PoolForward(Tensor<double> aPrev, int f, int stride, PoolMode mode);

    Tensor<double> CreateMaskFromWindow(Tensor<double> x);

    Tensor<double> DistributeValue(double dz, int height, int width);

    Tensor<double> PoolBackward(Tensor<double> dA, Tensor<double> aPrev, int f, int stride, PoolMode mode);
}

/// <summary>The exercises through <see cref="Cnn"/>, CnnGen's generic (runtime-shaped) kernels.</summary>
internal sealed class GenericKernels : INotebookKernels
{
    public string Name => "generic kernels (CnnGen.Cnn)";

    public Tensor<double> ZeroPad(Tensor<double> x, int pad) => Cnn.ZeroPad(x, pad);

    public double ConvSingleStep(Tensor<double> aSlicePrev, Tensor<double> w, double b) => Cnn.ConvSingleStep(aSlicePrev, w, b);

    public Tensor<double> ConvForward(Tensor<double> aPrev, Tensor<double> w, Tensor<double> b, int stride, int pad) => Cnn.ConvForward(aPrev, w, b, stride, pad);

    public ConvGradients<double> ConvBackward(Tensor<double> dZ, Tensor<double> aPrev, Tensor<double> w, int stride, int pad) => Cnn.ConvBackward(dZ, aPrev, w, stride, pad);

    public Tensor<double> PoolForward(Tensor<double> aPrev, int f, int stride, PoolMode mode) => Cnn.PoolForward(aPrev, f, stride, mode);

    public Tensor<double> CreateMaskFromWindow(Tensor<double> x) => Cnn.CreateMaskFromWindow(x);

    public Tensor<double> DistributeValue(double dz, int height, int width) => Cnn.DistributeValue(dz, height, width);

    public Tensor<double> PoolBackward(Tensor<double> dA, Tensor<double> aPrev, int f, int stride, PoolMode mode) => Cnn.PoolBackward(dA, aPrev, f, stride, mode);
}
