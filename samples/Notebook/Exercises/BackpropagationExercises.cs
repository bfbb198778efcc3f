using System.Numerics.Tensors;
using CnnGen;
using Notebook.Printing;

namespace Notebook.Exercises;

/// <summary>Section 5 of the notebook: conv_backward, create_mask_from_window, distribute_value, pool_backward.</summary>
internal static class BackpropagationExercises
{
    public static void Run(INotebookKernels kernels, NotebookPrinter print)
    {
        print.Heading("Exercise 5 - conv_backward");
        var random = new NumpyLegacyRandom(1);
        var aPrev = random.Randn(10, 4, 4, 3);
        var w = random.Randn(2, 2, 3, 8);
        var b = random.Randn(1, 1, 1, 8);
        var z = kernels.ConvForward(aPrev, w, b, stride: 2, pad: 2);
        var (dA, dW, db) = kernels.ConvBackward(z, aPrev, w, stride: 2, pad: 2);
        print.Scalar("dA_mean", Statistics.Mean(dA));
        print.Scalar("dW_mean", Statistics.Mean(dW));
        print.Scalar("db_mean", Statistics.Mean(db));

        print.Heading("Exercise 6 - create_mask_from_window");
        random.Seed(1);
        var x = random.Randn(2, 3);
        print.Line($"x =  {NumpyFormat.Array(x)}");
        print.Line($"mask =  {Mask(kernels.CreateMaskFromWindow(x))}");
        var example = Tensor.Create(new double[] { 1, 3, 4, 2 }, [2, 2]);
        print.Line($"X = {NumpyFormat.Array(example)} -> M = {Mask(kernels.CreateMaskFromWindow(example))}");

        print.Heading("Exercise 7 - distribute_value");
        print.Line($"distributed value = {NumpyFormat.Array(kernels.DistributeValue(2, 2, 2))}");

        print.Heading("Exercise 8 - pool_backward");
        random.Seed(1);
        aPrev = random.Randn(5, 5, 3, 2);
        var a = kernels.PoolForward(aPrev, f: 2, stride: 1, PoolMode.Max);
        print.Line(NumpyFormat.Shape(a.Lengths));
        print.Line(NumpyFormat.Shape(aPrev.Lengths));
        var dAOut = random.Randn(5, 4, 2, 2);
        foreach (var (mode, index) in new[] { (PoolMode.Max, 1), (PoolMode.Average, 2) })
        {
            var dAPrev = kernels.PoolBackward(dAOut, aPrev, f: 2, stride: 1, mode);
            print.Line($"mode = {PoolingExercises.Name(mode)}");
            print.Line($"mean of dA =  {NumpyFormat.Scalar(Statistics.Mean(dAOut))}");
            print.Line($"dA_prev{index}[1,1] =  {NumpyFormat.Array(NotebookPrinter.Sub(dAPrev, 1, 1))}");
            print.Line();
        }
    }

    private static string Mask(Tensor<double> mask)
    {
        var values = new double[mask.FlattenedLength];
        mask.FlattenTo(values);
        var shape = new int[mask.Rank];
        for (int i = 0; i < shape.Length; i++)
        {
            shape[i] = (int)mask.Lengths[i];
        }

        return NumpyFormat.Mask(values.Select(v => v != 0).ToArray(), shape);
    }
}
