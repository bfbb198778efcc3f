using System.Numerics.Tensors;
using CnnGen.Tests.Properties;
using CnnGen.Tests.Reference;

namespace CnnGen.Tests.Semantics;

/// <summary>The span contract the generated kernels share: overwrite, batch from length, empty batch.</summary>
public class ContractTests
{
    private static readonly ConvProblem Conv = new(2, 5, 6, 3, 5, F: 3, Stride: 2, Pad: 1, Seed: 3);

    [Fact]
    public void Conv_backward_overwrites_the_gradients_instead_of_accumulating()
    {
        var (a, w, _) = Conv.Draw();
        double[] g = Conv.DrawOutputGradient();
        var fresh = (new double[a.Length], new double[w.Length], new double[Conv.Filters]);
        Conv2DKernels.Backward(Conv.Geometry, g, a, w, fresh.Item1, fresh.Item2, fresh.Item3);

        var dirty = (Filled(a.Length, 1e6), Filled(w.Length, double.NaN), Filled(Conv.Filters, -3));
        Conv2DKernels.Backward(Conv.Geometry, g, a, w, dirty.Item1, dirty.Item2, dirty.Item3);
        Assert.Equal(fresh.Item1, dirty.Item1);
        Assert.Equal(fresh.Item2, dirty.Item2);
        Assert.Equal(fresh.Item3, dirty.Item3);
    }

    [Fact]
    public void Forward_passes_overwrite_their_output()
    {
        var (a, w, b) = Conv.Draw();
        var z = Filled(Conv.M * Conv.Geometry.OutputLength, double.NaN);
        Conv2DKernels.Forward(Conv.Geometry, a, w, b, z);
        Tolerance.SameSums(NotebookLoops.ConvForward(a, Conv.In, w, Conv.F, Conv.Filters, b, Conv.Stride, Conv.Pad), z, "Z");

        var pool = new PoolProblem(2, 5, 5, 3, 2, 1, Seed: 4);
        double[] x = pool.DrawNormal();
        foreach (PoolMode mode in new[] { PoolMode.Max, PoolMode.Average })
        {
            var y = Filled(pool.M * pool.Geometry.OutputLength, double.NaN);
            var dx = Filled(x.Length, double.NaN);
            double[] g = pool.DrawOutputGradient();
            if (mode == PoolMode.Max)
            {
                MaxPool2DKernels.Forward(pool.Geometry, x, y);
                MaxPool2DKernels.Backward(pool.Geometry, g, x, dx);
            }
            else
            {
                AvgPool2DKernels.Forward(pool.Geometry, x, y);
                AvgPool2DKernels.Backward(pool.Geometry, g, x, dx);
            }

            Tolerance.SameSums(NotebookLoops.PoolForward(x, pool.In, 2, 1, mode), y, $"{mode} A");
            Tolerance.SameSums(NotebookLoops.PoolBackward(g, x, pool.In, 2, 1, mode), dx, $"{mode} dA_prev");
        }
    }

    [Fact]
    public void Empty_batch_computes_nothing_and_zeroes_the_parameter_gradients()
    {
        var (_, w, b) = Conv.Draw();
        var dW = Filled(w.Length, 42);
        var db = Filled(b.Length, 42);
        Conv2DKernels.Forward<double>(Conv.Geometry, [], w, b, []);
        Conv2DKernels.Backward<double>(Conv.Geometry, [], [], w, [], dW, db);
        // Sums over no examples are zero: stale gradients must not survive into an optimizer step.
        Assert.All(dW, v => Assert.Equal(0, v));
        Assert.All(db, v => Assert.Equal(0, v));

        var pool = new Pool2DGeometry(4, 4, 2, 2, 2);
        MaxPool2DKernels.Forward<float>(pool, [], []);
        MaxPool2DKernels.Backward<float>(pool, [], [], []);
        AvgPool2DKernels.Forward<float>(pool, [], []);
        AvgPool2DKernels.Backward<float>(pool, [], [], []);
        ZeroPad2DKernels.Forward<float>(new ZeroPad2DGeometry(2, 2, 1, 1), [], []);
        ZeroPad2DKernels.Backward<float>(new ZeroPad2DGeometry(2, 2, 1, 1), [], []);
    }

    [Fact]
    public void Batch_size_comes_from_the_input_length()
    {
        // The same weights applied to a batch of 2 give the two single-example results side by side.
        var (a, w, b) = Conv.Draw();
        var geometry = Conv.Geometry;
        var both = new double[2 * geometry.OutputLength];
        Conv2DKernels.Forward(geometry, a, w, b, both);
        for (int n = 0; n < 2; n++)
        {
            var one = new double[geometry.OutputLength];
            Conv2DKernels.Forward(geometry, a.AsSpan(n * geometry.InputLength, geometry.InputLength), w, b, one);
            Assert.Equal(one, both.AsSpan(n * geometry.OutputLength, geometry.OutputLength).ToArray());
        }
    }

    [Fact]
    public void Many_channels_use_pooled_scratch_and_agree_with_the_reference()
    {
        // More channels than the kernels keep on the stack (128), to cover the rented-buffer path.
        var p = new PoolProblem(1, 3, 3, 300, 2, 1, Seed: 9);
        double[] a = p.DrawTies();
        double[] g = p.DrawOutputGradient();
        foreach (PoolMode mode in new[] { PoolMode.Max, PoolMode.Average })
        {
            Tolerance.SameSums(NotebookLoops.PoolBackward(g, a, p.In, 2, 1, mode), PoolProperties.Backward(p, g, a, mode), $"{mode}");
        }
    }

    [Fact]
    public void Half_precision_takes_the_scalar_path()
    {
        // Vector<Half> is unsupported; the kernels fall back to scalar loops rather than throw.
        var geometry = new Conv2DGeometry(3, 3, 2, 5, 2);
        var ones = Enumerable.Repeat(Half.One, 18).ToArray();
        var w = Enumerable.Repeat(Half.One, geometry.WeightsLength).ToArray();
        var b = new Half[5];
        var z = new Half[geometry.OutputLength];
        Conv2DKernels.Forward(geometry, ones, w, b, z);
        Assert.All(z, v => Assert.Equal((Half)8, v));
    }

    [Fact]
    public void Tensor_api_accepts_strided_views()
    {
        // A_prev as every other image of a larger batch: not dense, so it is packed before the kernels run.
        var p = new ConvProblem(4, 5, 5, 3, 4, F: 3, Stride: 1, Pad: 1, Seed: 21);
        var (a, w, b) = p.Draw();
        var view = new ReadOnlyTensorSpan<double>(a, [2, 5, 5, 3], [2 * 75, 15, 3, 1]);
        Assert.False(view.IsDense);
        Tensor<double> z = Cnn.ConvForward(view, Tensor.Create(w, [3, 3, 3, 4]), Tensor.Create(b, [4]), 1, 1);

        var packed = new double[2 * 75];
        a.AsSpan(0, 75).CopyTo(packed);
        a.AsSpan(150, 75).CopyTo(packed.AsSpan(75));
        var expected = NotebookLoops.ConvForward(packed, new Dims(2, 5, 5, 3), w, 3, 4, b, 1, 1);
        var flat = new double[z.FlattenedLength];
        z.FlattenTo(flat);
        Tolerance.SameSums(expected, flat, "Z");
    }

    private static double[] Filled(int length, double value)
    {
        var values = new double[length];
        values.AsSpan().Fill(value);
        return values;
    }
}
