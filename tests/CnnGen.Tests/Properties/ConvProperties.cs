using System.Numerics.Tensors;
using CnnGen.Tests.Reference;

namespace CnnGen.Tests.Properties;

public class ConvProperties
{
    [Fact]
    public void Forward_equals_the_seven_loop_definition() => Property.Check(Cases.Conv(), p =>
    {
        var (a, w, b) = p.Draw();
        var z = new double[p.M * p.Geometry.OutputLength];
        Conv2DKernels.Forward(p.Geometry, a, w, b, z);
        Tolerance.SameSums(NotebookLoops.ConvForward(a, p.In, w, p.F, p.Filters, b, p.Stride, p.Pad), z, "Z");
    }, iterations: 80);

    [Fact]
    public void Tensor_api_forward_equals_the_span_kernel() => Property.Check(Cases.Conv(), p =>
    {
        var (a, w, b) = p.Draw();
        var z = new double[p.M * p.Geometry.OutputLength];
        Conv2DKernels.Forward(p.Geometry, a, w, b, z);
        Tensor<double> zt = Cnn.ConvForward(
            Tensor.Create(a, [p.M, p.H, p.W, p.C]), Tensor.Create(w, [p.F, p.F, p.C, p.Filters]), Tensor.Create(b, [1, 1, 1, p.Filters]), p.Stride, p.Pad);
        Assert.Equal([p.M, p.Geometry.OutputHeight, p.Geometry.OutputWidth, p.Filters], zt.Lengths.ToArray());
        var flat = new double[zt.FlattenedLength];
        zt.FlattenTo(flat);
        Assert.Equal(z, flat);
    });

    [Fact]
    public void Backward_equals_the_notebook_loops() => Property.Check(Cases.Conv(), p =>
    {
        var (a, w, _) = p.Draw();
        double[] g = p.DrawOutputGradient();
        var dA = new double[a.Length];
        var dW = new double[w.Length];
        var db = new double[p.Filters];
        Conv2DKernels.Backward(p.Geometry, g, a, w, dA, dW, db);
        var expected = NotebookLoops.ConvBackward(g, a, p.In, w, p.F, p.Filters, p.Stride, p.Pad);
        Tolerance.SameSums(expected.DA, dA, "dA");
        Tolerance.SameSums(expected.DW, dW, "dW");
        Tolerance.SameSums(expected.Db, db, "db");
    }, iterations: 80);

    /// <summary>
    /// Central differences of <c>L = Σ G ∘ Z(A, W, b)</c>. L is linear in each variable, so the difference quotient
    /// has no truncation error and only rounding (≈ ε·|L|/h ≈ 1e-11 here) separates it from the analytic gradient.
    /// </summary>
    [Fact]
    public void Backward_matches_finite_differences() => Property.Check(Cases.Conv(maxSide: 5, maxChannels: 3, maxFilters: 5), p =>
    {
        var (a, w, b) = p.Draw();
        double[] g = p.DrawOutputGradient();
        var dA = new double[a.Length];
        var dW = new double[w.Length];
        var db = new double[b.Length];
        Conv2DKernels.Backward(p.Geometry, g, a, w, dA, dW, db);

        var z = new double[g.Length];
        double Loss()
        {
            Conv2DKernels.Forward(p.Geometry, a, w, b, z);
            return TensorPrimitives.Dot<double>(z, g);
        }

        Gradients.CheckAgainstFiniteDifferences(a, dA, Loss, 1e-3, "dA");
        Gradients.CheckAgainstFiniteDifferences(w, dW, Loss, 1e-3, "dW");
        Gradients.CheckAgainstFiniteDifferences(b, db, Loss, 1e-3, "db");
    }, iterations: 30);

    [Fact]
    public void Padding_at_least_the_filter_size_gives_bias_only_border_outputs()
    {
        // H = W = 2, f = 2, pad = 3, stride = 1: output 7×7; rows/columns 0, 1, 5, 6 see only padding.
        var geometry = new Conv2DGeometry(2, 2, 3, 4, filterSize: 2, stride: 1, pad: 3);
        var p = new ConvProblem(1, 2, 2, 3, 4, 2, 1, 3, Seed: 11);
        var (a, w, b) = p.Draw();
        var z = new double[geometry.OutputLength];
        Conv2DKernels.Forward(geometry, a, w, b, z);
        Assert.Equal(7, geometry.OutputHeight);
        for (int i = 0; i < 7; i++)
        {
            for (int j = 0; j < 7; j++)
            {
                if (i is < 2 or > 4 || j is < 2 or > 4)
                {
                    Assert.Equal(b, z.AsSpan(((i * 7) + j) * 4, 4).ToArray());
                }
            }
        }

        Tolerance.SameSums(NotebookLoops.ConvForward(a, p.In, w, 2, 4, b, 1, 3), z, "Z");
    }

    [Fact]
    public void Backward_with_zero_padding_works_where_the_notebook_crop_fails()
    {
        var p = new ConvProblem(2, 5, 4, 3, 6, F: 3, Stride: 1, Pad: 0, Seed: 5);
        var (a, w, _) = p.Draw();
        double[] g = p.DrawOutputGradient();
        var (dA, dW, db) = Cnn.ConvBackward(
            Tensor.Create(g, [2, 3, 2, 6]), Tensor.Create(a, [2, 5, 4, 3]), Tensor.Create(w, [3, 3, 3, 6]), stride: 1, pad: 0);
        var expected = NotebookLoops.ConvBackward(g, a, p.In, w, 3, 6, 1, 0);
        Assert.Equal([2, 5, 4, 3], dA.Lengths.ToArray());
        Tolerance.SameSums(expected.DA, Flat(dA), "dA");
        Tolerance.SameSums(expected.DW, Flat(dW), "dW");
        Tolerance.SameSums(expected.Db, Flat(db), "db");
    }

    private static double[] Flat(Tensor<double> t)
    {
        var values = new double[t.FlattenedLength];
        t.FlattenTo(values);
        return values;
    }
}
