using System.Numerics.Tensors;
using CnnGen;

namespace Notebook.Exercises;

/// <summary>
/// The exercises through generated layers (<see cref="ExerciseConv"/> and its neighbours in NotebookLayers.cs):
/// each call picks the layer declared for its shapes and must print exactly what the generic pass prints.
/// A shape with no declared layer is refused rather than quietly sent elsewhere.
/// </summary>
internal sealed class GeneratedKernels : INotebookKernels
{
    public string Name => "generated layers (source generator, shapes fixed at compile time)";

    public Tensor<double> ZeroPad(Tensor<double> x, int pad)
    {
        Require(pad == ExercisePad.Pad && Fits(x, ExercisePad.InputLength), "zero_pad", x);
        var output = new double[Batch(x, ExercisePad.InputLength) * ExercisePad.OutputLength];
        ExercisePad.Forward(Flat(x), output);
        return Shaped(output, x.Lengths[0], ExercisePad.OutputHeight, ExercisePad.OutputWidth, ExercisePad.OutputChannels);
    }

    public double ConvSingleStep(Tensor<double> aSlicePrev, Tensor<double> w, double b)
    {
        Require(aSlicePrev.FlattenedLength == ExerciseSingleStep.InputLength, "conv_single_step", aSlicePrev);
        Span<double> z = stackalloc double[1];
        ExerciseSingleStep.Forward(Flat(aSlicePrev), Flat(w), [b], z);
        return z[0];
    }

    public Tensor<double> ConvForward(Tensor<double> aPrev, Tensor<double> w, Tensor<double> b, int stride, int pad)
    {
        int batch = (int)aPrev.Lengths[0];
        if (stride == ExerciseConv.Stride && pad == ExerciseConv.Pad && Fits(aPrev, ExerciseConv.InputLength))
        {
            var z = new double[batch * ExerciseConv.OutputLength];
            ExerciseConv.Forward(Flat(aPrev), Flat(w), Flat(b), z);
            return Shaped(z, batch, ExerciseConv.OutputHeight, ExerciseConv.OutputWidth, ExerciseConv.OutputChannels);
        }

        // conv_backward's exercise first runs conv_forward on its own layer.
        Require(stride == ExerciseConvBackward.Stride && pad == ExerciseConvBackward.Pad && Fits(aPrev, ExerciseConvBackward.InputLength), "conv_forward", aPrev);
        var zBackward = new double[batch * ExerciseConvBackward.OutputLength];
        ExerciseConvBackward.Forward(Flat(aPrev), Flat(w), Flat(b), zBackward);
        return Shaped(zBackward, batch, ExerciseConvBackward.OutputHeight, ExerciseConvBackward.OutputWidth, ExerciseConvBackward.OutputChannels);
    }

    public ConvGradients<double> ConvBackward(Tensor<double> dZ, Tensor<double> aPrev, Tensor<double> w, int stride, int pad)
    {
        Require(stride == ExerciseConvBackward.Stride && pad == ExerciseConvBackward.Pad && Fits(aPrev, ExerciseConvBackward.InputLength), "conv_backward", aPrev);
        var dA = new double[aPrev.FlattenedLength];
        var dW = new double[ExerciseConvBackward.WeightsLength];
        var db = new double[ExerciseConvBackward.BiasLength];
        ExerciseConvBackward.Backward(Flat(dZ), Flat(aPrev), Flat(w), dA, dW, db);
        return new ConvGradients<double>(
            Tensor.Create(dA, aPrev.Lengths),
            Tensor.Create(dW, w.Lengths),
            Shaped(db, 1, 1, 1, ExerciseConvBackward.BiasLength));
    }

    public Tensor<double> PoolForward(Tensor<double> aPrev, int f, int stride, PoolMode mode)
    {
        return (mode, f, stride) switch
        {
            (PoolMode.Max, ExerciseMaxPoolStride1.FilterSize, ExerciseMaxPoolStride1.Stride) when Fits(aPrev, ExerciseMaxPoolStride1.InputLength) =>
                Pool(aPrev, ExerciseMaxPoolStride1.Forward, ExerciseMaxPoolStride1.OutputHeight, ExerciseMaxPoolStride1.OutputWidth, ExerciseMaxPoolStride1.OutputChannels),
            (PoolMode.Average, ExerciseAvgPoolStride1.FilterSize, ExerciseAvgPoolStride1.Stride) when Fits(aPrev, ExerciseAvgPoolStride1.InputLength) =>
                Pool(aPrev, ExerciseAvgPoolStride1.Forward, ExerciseAvgPoolStride1.OutputHeight, ExerciseAvgPoolStride1.OutputWidth, ExerciseAvgPoolStride1.OutputChannels),
            (PoolMode.Max, ExerciseMaxPoolStride2.FilterSize, ExerciseMaxPoolStride2.Stride) when Fits(aPrev, ExerciseMaxPoolStride2.InputLength) =>
                Pool(aPrev, ExerciseMaxPoolStride2.Forward, ExerciseMaxPoolStride2.OutputHeight, ExerciseMaxPoolStride2.OutputWidth, ExerciseMaxPoolStride2.OutputChannels),
            (PoolMode.Average, ExerciseAvgPoolStride2.FilterSize, ExerciseAvgPoolStride2.Stride) when Fits(aPrev, ExerciseAvgPoolStride2.InputLength) =>
                Pool(aPrev, ExerciseAvgPoolStride2.Forward, ExerciseAvgPoolStride2.OutputHeight, ExerciseAvgPoolStride2.OutputWidth, ExerciseAvgPoolStride2.OutputChannels),
            (PoolMode.Max, ExerciseMaxPoolBackward.FilterSize, ExerciseMaxPoolBackward.Stride) when Fits(aPrev, ExerciseMaxPoolBackward.InputLength) =>
                Pool(aPrev, ExerciseMaxPoolBackward.Forward, ExerciseMaxPoolBackward.OutputHeight, ExerciseMaxPoolBackward.OutputWidth, ExerciseMaxPoolBackward.OutputChannels),
            _ => throw Unsupported("pool_forward", aPrev),
        };
    }

    /// <summary>Runs one generated pool's forward pass over the batch and shapes the result (m, height, width, channels).</summary>
    private static Tensor<double> Pool(Tensor<double> aPrev, PoolPass forward, int height, int width, int channels)
    {
        int batch = (int)aPrev.Lengths[0];
        var a = new double[batch * height * width * channels];
        forward(Flat(aPrev), a);
        return Shaped(a, batch, height, width, channels);
    }

    private delegate void PoolPass(ReadOnlySpan<double> input, Span<double> output);

    public Tensor<double> CreateMaskFromWindow(Tensor<double> x)
    {
        if (x.FlattenedLength != ExerciseMaskWindow.InputLength)
        {
            // A generated pooling window is square; the notebook's first example is a 2×3 window, which only the
            // runtime-shaped function takes.
            return Cnn.CreateMaskFromWindow(x);
        }

        var mask = new double[ExerciseMaskWindow.InputLength];
        ExerciseMaskWindow.Backward([1.0], Flat(x), mask);
        return Tensor.Create(mask, x.Lengths);
    }

    public Tensor<double> DistributeValue(double dz, int height, int width)
    {
        if (height != ExerciseDistributeWindow.InputHeight || width != ExerciseDistributeWindow.InputWidth)
        {
            throw new NotSupportedException($"No generated layer is declared for distribute_value over ({height}, {width}).");
        }

        var a = new double[ExerciseDistributeWindow.InputLength];
        ExerciseDistributeWindow.Backward([dz], new double[ExerciseDistributeWindow.InputLength], a);
        return Shaped(a, height, width);
    }

    public Tensor<double> PoolBackward(Tensor<double> dA, Tensor<double> aPrev, int f, int stride, PoolMode mode)
    {
        Require(f == ExerciseMaxPoolBackward.FilterSize && stride == ExerciseMaxPoolBackward.Stride && Fits(aPrev, ExerciseMaxPoolBackward.InputLength), "pool_backward", aPrev);
        var dAPrev = new double[aPrev.FlattenedLength];
        if (mode == PoolMode.Max)
        {
            ExerciseMaxPoolBackward.Backward(Flat(dA), Flat(aPrev), dAPrev);
        }
        else
        {
            ExerciseAvgPoolBackward.Backward(Flat(dA), Flat(aPrev), dAPrev);
        }

        return Tensor.Create(dAPrev, aPrev.Lengths);
    }

    private static bool Fits(Tensor<double> x, int exampleLength) =>
        x.Rank == 4 && x.Lengths[0] > 0 && x.FlattenedLength == x.Lengths[0] * exampleLength;

    private static int Batch(Tensor<double> x, int exampleLength) => (int)(x.FlattenedLength / exampleLength);

    private static void Require(bool declared, string exercise, Tensor<double> x)
    {
        if (!declared)
        {
            throw Unsupported(exercise, x);
        }
    }

    private static NotSupportedException Unsupported(string exercise, Tensor<double> x) =>
        new($"No generated layer is declared for {exercise} on an input of shape ({string.Join(", ", x.Lengths.ToArray())}).");

    private static double[] Flat(Tensor<double> x)
    {
        var values = new double[x.FlattenedLength];
        x.FlattenTo(values);
        return values;
    }

    private static Tensor<double> Shaped(double[] values, params nint[] lengths) => Tensor.Create(values, lengths);
}
