using CnnGen.TestSupport;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>
/// Every generated layer agrees with the generic runtime kernels (Conv2DKernels) and with a plain seven-loop reference
/// (which also supplies Σ|terms| per value, the scale for the tolerance), forward and backward, in double and float.
/// </summary>
public class DifferentialTests
{
    public static TheoryData<ConvLayerCase> Cases()
    {
        var data = new TheoryData<ConvLayerCase>();
        foreach (ConvLayerCase layer in DeclaredLayers.All.Concat(BenchmarkLayers.All))
        {
            data.Add(layer);
        }

        return data;
    }

    private static double[] Random(Random rng, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = rng.NextDouble() * 2 - 1;
        }

        return values;
    }

    private static float[] ToSingle(double[] values) => values.Select(v => (float)v).ToArray();

    private static double[] Rounded(double[] values) => values.Select(v => (double)(float)v).ToArray();

    private static int BatchFor(ConvShape s) => s.InputLength > 10_000 ? 1 : 3;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Double_forward_and_backward_match_the_reference(ConvLayerCase layer)
    {
        ConvShape s = layer.Shape;
        int batch = BatchFor(s);
        var rng = new Random(StableSeed.Of(s.ToString()));
        double[] x = Random(rng, batch * s.InputLength), w = Random(rng, s.WeightsLength), b = Random(rng, s.Filters);
        double[] dz = Random(rng, batch * s.OutputLength);

        var y = new double[batch * s.OutputLength];
        layer.ForwardDouble(x, w, b, y);
        (double[] expected, double[] magnitude) = ConvReference.Forward(s, batch, x, w, b);
        Tolerance.AssertClose("Z", expected, magnitude, y, Tolerance.DoubleRelative);

        var dA = new double[x.Length];
        var dW = new double[w.Length];
        var db = new double[b.Length];
        layer.BackwardDouble(dz, x, w, dA, dW, db);
        ConvReference.Gradients g = ConvReference.Backward(s, batch, dz, x, w);
        Tolerance.AssertClose("dA", g.Input, g.InputMagnitude, dA, Tolerance.DoubleRelative);
        Tolerance.AssertClose("dW", g.Weights, g.WeightsMagnitude, dW, Tolerance.DoubleRelative);
        Tolerance.AssertClose("db", g.Bias, g.BiasMagnitude, db, Tolerance.DoubleRelative);

        // And against the generic kernels the rest of the library uses.
        var geometry = new Conv2DGeometry(s.Height, s.Width, s.InputChannels, s.Filters, s.FilterSize, s.Stride, s.Pad);
        var genericZ = new double[y.Length];
        Conv2DKernels.Forward(geometry, x, w, b, genericZ);
        Tolerance.AssertClose("Z vs generic", genericZ, magnitude, y, 2 * Tolerance.DoubleRelative);
        var genericDA = new double[x.Length];
        var genericDW = new double[w.Length];
        var genericDb = new double[b.Length];
        Conv2DKernels.Backward(geometry, dz, x, w, genericDA, genericDW, genericDb);
        Tolerance.AssertClose("dA vs generic", genericDA, g.InputMagnitude, dA, 2 * Tolerance.DoubleRelative);
        Tolerance.AssertClose("dW vs generic", genericDW, g.WeightsMagnitude, dW, 2 * Tolerance.DoubleRelative);
        Tolerance.AssertClose("db vs generic", genericDb, g.BiasMagnitude, db, 2 * Tolerance.DoubleRelative);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float_forward_and_backward_match_the_reference_within_the_float_summation_bound(ConvLayerCase layer)
    {
        ConvShape s = layer.Shape;
        int batch = BatchFor(s);
        var rng = new Random(StableSeed.Of(s.ToString()) + 1);
        double[] x = Rounded(Random(rng, batch * s.InputLength)), w = Rounded(Random(rng, s.WeightsLength)), b = Rounded(Random(rng, s.Filters));
        double[] dz = Rounded(Random(rng, batch * s.OutputLength));

        var y = new float[batch * s.OutputLength];
        layer.ForwardSingle(ToSingle(x), ToSingle(w), ToSingle(b), y);
        (double[] expected, double[] magnitude) = ConvReference.Forward(s, batch, x, w, b);
        int taps = s.FilterSize * s.FilterSize;
        Tolerance.AssertClose("Z", expected, magnitude, y, Tolerance.SingleRelative(taps * s.InputChannels + 1));

        var dA = new float[x.Length];
        var dW = new float[w.Length];
        var db = new float[b.Length];
        layer.BackwardSingle(ToSingle(dz), ToSingle(x), ToSingle(w), dA, dW, db);
        ConvReference.Gradients g = ConvReference.Backward(s, batch, dz, x, w);
        int pixels = batch * s.OutputHeight * s.OutputWidth;
        Tolerance.AssertClose("dA", g.Input, g.InputMagnitude, dA, Tolerance.SingleRelative(taps * s.Filters));
        Tolerance.AssertClose("dW", g.Weights, g.WeightsMagnitude, dW, Tolerance.SingleRelative(pixels));
        Tolerance.AssertClose("db", g.Bias, g.BiasMagnitude, db, Tolerance.SingleRelative(pixels));
    }
}
