using CnnGen.Generated.Tests.Layers;
using CnnGen.TestSupport;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>The generated kernels reproduce the seed notebook's conv_forward and conv_backward numbers.</summary>
public class NotebookConvTests
{
    [Fact]
    public void SeedConv_forward_matches_the_notebook()
    {
        var c = SeedInputs.ConvForward(); // seed 1: A_prev (2,5,7,4), W (3,3,4,8), b (1,1,1,8); stride 2, pad 1
        var z = new double[2 * SeedConv.OutputLength];

        SeedConv.Forward(c.APrev.Values, c.W.Values, c.B.Values, z);

        NotebookAssert.RelativelyClose(NotebookValues.ConvForward.ZMean, z.Average(), 1e-12, "mean(Z)");
        int at = (2 * SeedConv.OutputWidth + 1) * SeedConv.OutputChannels; // Z[0, 2, 1, :]
        NotebookAssert.Close(NotebookValues.ConvForward.Z021, z.AsSpan(at, 8), 1e-8);
    }

    [Fact]
    public void SeedConv_float_forward_matches_the_notebook_to_float_precision()
    {
        var c = SeedInputs.ConvForward();
        float[] Single(double[] values) => values.Select(v => (float)v).ToArray();
        var z = new float[2 * SeedConv.OutputLength];

        SeedConv.Forward(Single(c.APrev.Values), Single(c.W.Values), Single(c.B.Values), z);

        NotebookAssert.RelativelyClose(NotebookValues.ConvForward.ZMean, z.Average(v => (double)v), 1e-5, "mean(Z) in float");
    }

    [Fact]
    public void Backward_matches_the_notebook_conv_backward_case()
    {
        var c = SeedInputs.ConvBackward(); // seed 1: A_prev (10,4,4,3), W (2,2,3,8), b (1,1,1,8); stride 2, pad 2
        var z = new double[10 * NotebookBackwardConv.OutputLength];
        NotebookBackwardConv.Forward(c.APrev.Values, c.W.Values, c.B.Values, z);

        var dA = new double[c.APrev.Values.Length];
        var dW = new double[c.W.Values.Length];
        var db = new double[c.B.Values.Length];
        NotebookBackwardConv.Backward(z, c.APrev.Values, c.W.Values, dA, dW, db); // dZ = Z

        NotebookAssert.RelativelyClose(NotebookValues.ConvBackward.DAMean, dA.Average(), 1e-12, "mean(dA)");
        NotebookAssert.RelativelyClose(NotebookValues.ConvBackward.DWMean, dW.Average(), 1e-12, "mean(dW)");
        NotebookAssert.RelativelyClose(NotebookValues.ConvBackward.DbMean, db.Average(), 1e-12, "mean(db)");
    }
}

/// <summary>The notebook's conv_backward case: conv_forward(A_prev (10,4,4,3), W (2,2,3,8), pad 2, stride 2).</summary>
// The notebook pads by the whole filter size (CNN0009's case): intended here.
#pragma warning disable CNN0009
[Conv2D(f: 2, stride: 2, pad: 2, InputHeight = 4, InputWidth = 4, InputChannels = 3, Filters = 8)]
#pragma warning restore CNN0009
public partial class NotebookBackwardConv { }
