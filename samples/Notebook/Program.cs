// Runs every exercise of the notebook "Convolutional Neural Networks: Step by Step" on the notebook's own inputs
// (numpy's legacy random stream, reproduced by CnnGen.NumpyLegacyRandom) and prints what the notebook prints.
//
// It runs twice: through the generic (runtime-shaped) kernels, then through layers the source generator specialized
// to the exercises' shapes (Exercises/NotebookLayers.cs). Both passes print the same values.
using Notebook.Exercises;
using Notebook.Printing;

var print = new NotebookPrinter(Console.Out);
INotebookKernels[] passes = [new GenericKernels(), new GeneratedKernels()];
foreach (var kernels in passes)
{
    if (!ReferenceEquals(kernels, passes[0]))
    {
        print.Line();
    }

    print.Line($"# Convolutional Neural Networks: Step by Step — {kernels.Name}");
    ConvolutionExercises.Run(kernels, print);
    PoolingExercises.Run(kernels, print);
    BackpropagationExercises.Run(kernels, print);
}
