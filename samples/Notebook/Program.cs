// Runs every exercise of the notebook "Convolutional Neural Networks: Step by Step" on the notebook's own inputs
// (numpy's legacy random stream, reproduced by CnnGen.NumpyLegacyRandom) and prints what the notebook prints.
//
// Each pass takes an INotebookKernels; today there is one, through the generic (runtime-shaped) kernels. A pass
// through generated layers plugs in the same way, and must print the same values.
using Notebook.Exercises;
using Notebook.Printing;

var print = new NotebookPrinter(Console.Out);
INotebookKernels[] passes = [new GenericKernels()];
foreach (var kernels in passes)
{
    print.Line($"# Convolutional Neural Networks: Step by Step — {kernels.Name}");
    ConvolutionExercises.Run(kernels, print);
    PoolingExercises.Run(kernels, print);
    BackpropagationExercises.Run(kernels, print);
}
