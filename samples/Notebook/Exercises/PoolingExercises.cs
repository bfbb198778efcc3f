using CnnGen;
using Notebook.Printing;

namespace Notebook.Exercises;

/// <summary>Section 4 of the notebook: pool_forward in both modes, with stride 1 and stride 2.</summary>
internal static class PoolingExercises
{
    public static void Run(INotebookKernels kernels, NotebookPrinter print)
    {
        var random = new NumpyLegacyRandom(1);

        print.Heading("Exercise 4 - pool_forward (stride 1, f 3)");
        var aPrev = random.Randn(2, 5, 5, 3);
        foreach (var mode in new[] { PoolMode.Max, PoolMode.Average })
        {
            var a = kernels.PoolForward(aPrev, f: 3, stride: 1, mode);
            print.Line($"mode = {Name(mode)}");
            print.Shape("A.shape", a);
            print.Array("A[1, 1]", a, 1, 1);
            print.Line();
        }

        print.Heading("Exercise 4 - pool_forward (stride 2, f 3)");
        random.Seed(1);
        aPrev = random.Randn(2, 5, 5, 3);
        var max = kernels.PoolForward(aPrev, f: 3, stride: 2, PoolMode.Max);
        print.Line("mode = max");
        print.Shape("A.shape", max);
        print.Array("A[0]", max, 0);
        print.Line();
        var average = kernels.PoolForward(aPrev, f: 3, stride: 2, PoolMode.Average);
        print.Line("mode = average");
        print.Shape("A.shape", average);
        print.Array("A[1]", average, 1);
    }

    public static string Name(PoolMode mode) => mode == PoolMode.Max ? "max" : "average";
}
