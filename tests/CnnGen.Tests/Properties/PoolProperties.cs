using System.Numerics.Tensors;
using CnnGen.Tests.Reference;

namespace CnnGen.Tests.Properties;

public class PoolProperties
{
    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void Forward_equals_the_notebook_loops(PoolMode mode) => Property.Check(Cases.Pool(), p =>
    {
        double[] a = mode == PoolMode.Max ? p.DrawTies() : p.DrawNormal();
        double[] y = Forward(p, a, mode);
        Tolerance.SameSums(NotebookLoops.PoolForward(a, p.In, p.F, p.Stride, mode), y, "A");
    }, iterations: 60, name: $"PoolForward{mode}");

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void Backward_equals_the_notebook_loops_even_with_ties(PoolMode mode) => Property.Check(Cases.Pool(), p =>
    {
        double[] a = p.DrawTies();
        double[] g = p.DrawOutputGradient();
        double[] dA = Backward(p, g, a, mode);
        Tolerance.SameSums(NotebookLoops.PoolBackward(g, a, p.In, p.F, p.Stride, mode), dA, "dA_prev");
    }, iterations: 60, name: $"PoolBackward{mode}");

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void Backward_conserves_the_gradient_sum(PoolMode mode) => Property.Check(Cases.Pool(), p =>
    {
        // Average pooling spreads each gradient over its window; max pooling sends it to exactly one
        // position (ties included). Either way nothing is lost or duplicated.
        double[] a = p.DrawTies();
        double[] g = p.DrawOutputGradient();
        double[] dA = Backward(p, g, a, mode);
        double scale = TensorPrimitives.SumOfMagnitudes<double>(g) + 1;
        Assert.Equal(TensorPrimitives.Sum<double>(g), TensorPrimitives.Sum<double>(dA), 1e-13 * scale);
    }, iterations: 60, name: $"PoolConserves{mode}");

    /// <summary>
    /// Central differences of <c>L = Σ G ∘ pool(A)</c>. For max pooling the inputs are a ladder of distinct values
    /// 0.1 apart and h = 1e-3, so no perturbation changes a window's maximum (the gradient is defined and exact);
    /// average pooling is linear.
    /// </summary>
    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void Backward_matches_finite_differences(PoolMode mode) => Property.Check(Cases.Pool(maxSide: 6, maxChannels: 6), p =>
    {
        double[] a = mode == PoolMode.Max ? p.DrawDistinct() : p.DrawNormal();
        double[] g = p.DrawOutputGradient();
        double[] dA = Backward(p, g, a, mode);
        var y = new double[g.Length];
        double Loss()
        {
            Run(p, a, y, mode);
            return TensorPrimitives.Dot<double>(y, g);
        }

        Gradients.CheckAgainstFiniteDifferences(a, dA, Loss, 1e-3, "dA_prev");
    }, iterations: 30, name: $"PoolGradient{mode}");

    [Theory]
    [InlineData(PoolMode.Max)]
    [InlineData(PoolMode.Average)]
    public void Tensor_api_equals_the_span_kernels(PoolMode mode) => Property.Check(Cases.Pool(), p =>
    {
        double[] a = p.DrawNormal();
        double[] g = p.DrawOutputGradient();
        var aPrev = Tensor.Create(a, [p.M, p.H, p.W, p.C]);
        Tensor<double> y = Cnn.PoolForward(aPrev, p.F, p.Stride, mode);
        Tensor<double> dA = Cnn.PoolBackward(Tensor.Create(g, y.Lengths), aPrev, p.F, p.Stride, mode);
        Assert.Equal(Forward(p, a, mode), Flat(y));
        Assert.Equal(Backward(p, g, a, mode), Flat(dA));
    }, name: $"PoolTensor{mode}");

    internal static double[] Forward(PoolProblem p, double[] a, PoolMode mode)
    {
        var y = new double[p.M * p.Geometry.OutputLength];
        Run(p, a, y, mode);
        return y;
    }

    private static void Run(PoolProblem p, double[] a, double[] y, PoolMode mode)
    {
        if (mode == PoolMode.Max)
        {
            MaxPool2DKernels.Forward(p.Geometry, a, y);
        }
        else
        {
            AvgPool2DKernels.Forward(p.Geometry, a, y);
        }
    }

    internal static double[] Backward(PoolProblem p, double[] g, double[] a, PoolMode mode)
    {
        var dA = new double[a.Length];
        if (mode == PoolMode.Max)
        {
            MaxPool2DKernels.Backward(p.Geometry, g, a, dA);
        }
        else
        {
            AvgPool2DKernels.Backward(p.Geometry, g, a, dA);
        }

        return dA;
    }

    private static double[] Flat(Tensor<double> t)
    {
        var values = new double[t.FlattenedLength];
        t.FlattenTo(values);
        return values;
    }
}
