using CnnGen;
using Notebook.Printing;

namespace Notebook.Exercises;

/// <summary>Section 3 of the notebook: zero_pad, conv_single_step, conv_forward.</summary>
internal static class ConvolutionExercises
{
    public static void Run(INotebookKernels kernels, NotebookPrinter print)
    {
        print.Heading("Exercise 1 - zero_pad");
        var random = new NumpyLegacyRandom(1);
        var x = random.Randn(4, 3, 3, 2);
        var xPad = kernels.ZeroPad(x, 3);
        print.Line($"x.shape =\n {NumpyFormat.Shape(x.Lengths)}");
        print.Line($"x_pad.shape =\n {NumpyFormat.Shape(xPad.Lengths)}");
        print.Array("x[1,1]", x, 1, 1);
        print.Array("x_pad[1,1]", xPad, 1, 1);

        print.Heading("Exercise 2 - conv_single_step");
        random.Seed(1);
        var aSlicePrev = random.Randn(4, 4, 3);
        var w = random.Randn(4, 4, 3);
        var b = random.Randn(1, 1, 1);
        print.Scalar("Z", kernels.ConvSingleStep(aSlicePrev, w, b[0, 0, 0]));

        print.Heading("Exercise 3 - conv_forward");
        random.Seed(1);
        var aPrev = random.Randn(2, 5, 7, 4);
        w = random.Randn(3, 3, 4, 8);
        b = random.Randn(1, 1, 1, 8);
        var z = kernels.ConvForward(aPrev, w, b, stride: 2, pad: 1);
        print.Line($"Z's mean =\n {NumpyFormat.Scalar(Statistics.Mean(z))}");
        print.Array("Z[0,2,1]", z, 0, 2, 1);
        print.Array("cache_conv[0][1][2][3]", aPrev, 1, 2, 3);
    }
}
