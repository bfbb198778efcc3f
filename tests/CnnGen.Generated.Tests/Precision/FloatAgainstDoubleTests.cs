using CnnGen.Generated.Tests.Conv;
using CnnGen.Generated.Tests.Pooling;
using Xunit.Abstractions;

namespace CnnGen.Generated.Tests.Precision;

/// <summary>
/// The speed issue's precision requirement, tested as written: "float results within 1e-4 relative of the double
/// reference on every benchmark shape". Every shape the benchmarks measure runs at its benchmark batch size through
/// the generated float kernels and the generated double kernels, on the same float-representable inputs (seeded), and
/// every value of the forward output and of each backward gradient is held to
/// <list type="bullet">
/// <item>|float − double| ≤ 1e-4 · Σ|terms| of that value: relative to the magnitude of what was summed, so that
/// cancellation in one value cannot make the bound meaningless (<see cref="ConvReference"/> supplies Σ|terms| for
/// convolutions; for pools the generic kernels applied to absolute values do, see below);</item>
/// <item>and, per tensor, max|float − double| ≤ 1e-4 · max|double|.</item>
/// </list>
/// Max pooling only selects, so its forward pass must be exact; its gradient is exact wherever an input receives at most
/// one output's gradient, and within the bound where it adds several. Each test writes its margins (largest error /
/// allowed error, per value and normwise, per tensor) to the test output.
/// </summary>
public class FloatAgainstDoubleTests(ITestOutputHelper output)
{
    public static TheoryData<string> Convolutions() => new(BenchmarkShapes.Convolutions.Select(c => c.Name));

    public static TheoryData<string> MaxPools() => new(BenchmarkShapes.Pools.Where(c => c.Layer.Kind == PoolKind.Max).Select(c => c.Name));

    public static TheoryData<string> AveragePools() => new(BenchmarkShapes.Pools.Where(c => c.Layer.Kind == PoolKind.Average).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Convolution_float_is_within_1e_4_of_double_forward_and_backward(string shape)
    {
        ConvBenchmarkCase c = BenchmarkShapes.Convolution(shape);
        ConvShape s = c.Layer.Shape;
        int batch = c.Batch;
        var random = new Random(c.Seed);
        float[] x = FloatAgainstDouble.RandomFloats(random, batch * s.InputLength);
        float[] w = FloatAgainstDouble.RandomFloats(random, s.WeightsLength);
        float[] b = FloatAgainstDouble.RandomFloats(random, s.Filters);
        float[] dz = FloatAgainstDouble.RandomFloats(random, batch * s.OutputLength);
        double[] xd = FloatAgainstDouble.Widen(x), wd = FloatAgainstDouble.Widen(w), bd = FloatAgainstDouble.Widen(b), dzd = FloatAgainstDouble.Widen(dz);
        int[] inputShape = [batch, s.Height, s.Width, s.InputChannels];
        int[] outputShape = [batch, s.OutputHeight, s.OutputWidth, s.Filters];
        int[] weightsShape = [s.FilterSize, s.FilterSize, s.InputChannels, s.Filters];

        float[] z = FloatAgainstDouble.Unwritten<float>(batch * s.OutputLength);
        double[] zd = FloatAgainstDouble.Unwritten<double>(z.Length);
        c.Layer.ForwardSingle(x, w, b, z);
        c.Layer.ForwardDouble(xd, wd, bd, zd);
        (_, double[] zMagnitude) = ConvReference.Forward(s, batch, xd, wd, bd);
        Report(shape, FloatAgainstDouble.Check("Z", outputShape, zd, z, zMagnitude));

        float[] dA = FloatAgainstDouble.Unwritten<float>(x.Length), dW = FloatAgainstDouble.Unwritten<float>(w.Length), db = FloatAgainstDouble.Unwritten<float>(b.Length);
        double[] dAd = FloatAgainstDouble.Unwritten<double>(x.Length), dWd = FloatAgainstDouble.Unwritten<double>(w.Length), dbd = FloatAgainstDouble.Unwritten<double>(b.Length);
        c.Layer.BackwardSingle(dz, x, w, dA, dW, db);
        c.Layer.BackwardDouble(dzd, xd, wd, dAd, dWd, dbd);
        ConvReference.Gradients g = ConvReference.Backward(s, batch, dzd, xd, wd);
        Report(shape, FloatAgainstDouble.Check("dA", inputShape, dAd, dA, g.InputMagnitude));
        Report(shape, FloatAgainstDouble.Check("dW", weightsShape, dWd, dW, g.WeightsMagnitude));
        Report(shape, FloatAgainstDouble.Check("db", [s.Filters], dbd, db, g.BiasMagnitude));
    }

    /// <summary>
    /// The forward pass selects, so float equals double exactly. The backward pass routes each output's gradient to its
    /// window's maximum, which the float and double passes find alike (same inputs); an input that receives one share
    /// holds it exactly, one that receives several holds their sum, within 1e-4 · Σ|shares|. The generic kernel run
    /// in double with |dz| routes the same shares by the same inputs and so sums |shares|; run with ones it counts them.
    /// </summary>
    [Theory]
    [MemberData(nameof(MaxPools))]
    public void Max_pool_float_equals_double_forward_and_backward(string shape)
    {
        PoolBenchmarkCase c = BenchmarkShapes.Pool(shape);
        (PoolCase layer, int batch, float[] x, float[] dz, double[] xd, double[] dzd) = Inputs(c);

        float[] a = FloatAgainstDouble.Unwritten<float>(batch * layer.OutputLength);
        double[] ad = FloatAgainstDouble.Unwritten<double>(a.Length);
        layer.ForwardFloat(x, a);
        layer.ForwardDouble(xd, ad);
        Report(shape, FloatAgainstDouble.Exact("A", [batch, layer.OH, layer.OW, layer.C], ad, a));

        float[] dA = FloatAgainstDouble.Unwritten<float>(x.Length);
        double[] dAd = FloatAgainstDouble.Unwritten<double>(x.Length);
        layer.BackwardFloat(dz, x, dA);
        layer.BackwardDouble(dzd, xd, dAd);
        var magnitude = new double[x.Length];
        GenericPool.Backward<double>(layer, FloatAgainstDouble.Absolute(dzd), xd, magnitude);
        var shares = new double[x.Length];
        GenericPool.Backward<double>(layer, Enumerable.Repeat(1.0, dzd.Length).ToArray(), xd, shares);
        Assert.Contains(shares, count => count > 1); // the windows overlap: some inputs do add several shares
        double[] allowed = shares.Select((count, i) => count > 1 ? FloatAgainstDouble.Relative * magnitude[i] : 0).ToArray();
        Report(shape, FloatAgainstDouble.Check("dA", [batch, layer.H, layer.W, layer.C], dAd, dA, allowed, "exact for one share, else 1e-4 · Σ|shares|"));
    }

    /// <summary>
    /// Both passes are sums with the positive weight 1/f² (forward: a window's inputs; backward: the output gradients
    /// whose windows cover an input), so the generic kernel run in double on absolute values gives Σ|terms| of each value.
    /// </summary>
    [Theory]
    [MemberData(nameof(AveragePools))]
    public void Average_pool_float_is_within_1e_4_of_double_forward_and_backward(string shape)
    {
        PoolBenchmarkCase c = BenchmarkShapes.Pool(shape);
        (PoolCase layer, int batch, float[] x, float[] dz, double[] xd, double[] dzd) = Inputs(c);

        float[] a = FloatAgainstDouble.Unwritten<float>(batch * layer.OutputLength);
        double[] ad = FloatAgainstDouble.Unwritten<double>(a.Length);
        layer.ForwardFloat(x, a);
        layer.ForwardDouble(xd, ad);
        var aMagnitude = new double[a.Length];
        GenericPool.Forward<double>(layer, FloatAgainstDouble.Absolute(xd), aMagnitude);
        Report(shape, FloatAgainstDouble.Check("A", [batch, layer.OH, layer.OW, layer.C], ad, a, aMagnitude));

        float[] dA = FloatAgainstDouble.Unwritten<float>(x.Length);
        double[] dAd = FloatAgainstDouble.Unwritten<double>(x.Length);
        layer.BackwardFloat(dz, x, dA);
        layer.BackwardDouble(dzd, xd, dAd);
        var dAMagnitude = new double[x.Length];
        GenericPool.Backward<double>(layer, FloatAgainstDouble.Absolute(dzd), xd, dAMagnitude);
        Report(shape, FloatAgainstDouble.Check("dA", [batch, layer.H, layer.W, layer.C], dAd, dA, dAMagnitude));
    }

    private static (PoolCase Layer, int Batch, float[] X, float[] Dz, double[] Xd, double[] Dzd) Inputs(PoolBenchmarkCase c)
    {
        var random = new Random(c.Seed);
        float[] x = FloatAgainstDouble.RandomFloats(random, c.Batch * c.Layer.InputLength);
        float[] dz = FloatAgainstDouble.RandomFloats(random, c.Batch * c.Layer.OutputLength);
        return (c.Layer, c.Batch, x, dz, FloatAgainstDouble.Widen(x), FloatAgainstDouble.Widen(dz));
    }

    private void Report(string shape, Margin margin) => output.WriteLine($"{shape} {margin}");
}
