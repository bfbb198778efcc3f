using CnnGen.Tests.Reference;

namespace CnnGen.Tests.Properties;

/// <summary>
/// The float kernels against the double ones. The tolerance is the standard rounding-error bound for a sum of
/// <c>n</c> products in any order (Higham, Accuracy and Stability of Numerical Algorithms, §3.1):
/// <c>|fl(Σ xᵢyᵢ) − Σ xᵢyᵢ| ≤ γₙ Σ|xᵢyᵢ|</c> with <c>γₙ ≈ n·u</c>, <c>u = 2⁻²⁴</c>, plus <c>2u</c> for rounding the
/// inputs to float and <c>u</c> for the result: <c>(n + 3)·u·Σ|xᵢyᵢ|</c>, where <c>Σ|xᵢyᵢ|</c> is the same
/// computation run on absolute values (in double). Double's own error is ~2⁻²⁹ times smaller and ignored.
/// </summary>
public class FloatDoubleAgreement
{
    private const double U = 1.0 / (1 << 24);

    [Fact]
    public void Conv_forward_and_backward() => Property.Check(Cases.Conv(), p =>
    {
        var (a, w, b) = p.Draw();
        double[] g = p.DrawOutputGradient();
        var geometry = p.Geometry;

        var z = new double[g.Length];
        Conv2DKernels.Forward(geometry, a, w, b, z);
        var zf = new float[g.Length];
        Conv2DKernels.Forward(geometry, ToFloat(a), ToFloat(w), ToFloat(b), zf);
        double[] zMagnitude = NotebookLoops.ConvForward(Abs(a), p.In, Abs(w), p.F, p.Filters, Abs(b), p.Stride, p.Pad);
        Within(z, zf, zMagnitude, p.F * p.F * p.C + 1, "Z");

        var dA = new double[a.Length];
        var dW = new double[w.Length];
        var db = new double[b.Length];
        Conv2DKernels.Backward(geometry, g, a, w, dA, dW, db);
        var dAf = new float[a.Length];
        var dWf = new float[w.Length];
        var dbf = new float[b.Length];
        Conv2DKernels.Backward(geometry, ToFloat(g), ToFloat(a), ToFloat(w), dAf, dWf, dbf);
        var magnitude = NotebookLoops.ConvBackward(Abs(g), Abs(a), p.In, Abs(w), p.F, p.Filters, p.Stride, p.Pad);
        int windowsPerInput = (p.F + p.Stride - 1) / p.Stride;
        Within(dA, dAf, magnitude.DA, windowsPerInput * windowsPerInput * p.Filters, "dA");
        int outputs = p.M * geometry.OutputHeight * geometry.OutputWidth;
        Within(dW, dWf, magnitude.DW, outputs, "dW");
        Within(db, dbf, magnitude.Db, outputs, "db");
    }, iterations: 60);

    [Fact]
    public void Max_pool_is_exact_in_float() => Property.Check(Cases.Pool(), p =>
    {
        // Rounding to float is monotone, so the float maximum is the rounded double maximum, at the same position.
        double[] a = p.DrawNormal();
        double[] g = p.DrawOutputGradient();
        var y = PoolProperties.Forward(p, a, PoolMode.Max);
        var yf = new float[y.Length];
        MaxPool2DKernels.Forward(p.Geometry, ToFloat(a), yf);
        Assert.Equal(ToFloat(y), yf);

        // Backward: values that differ in double may tie in float, so the reference routes the float inputs; what
        // remains is the rounding of the sums where windows overlap (at most f·f terms per input).
        double[] gf = Array.ConvertAll(ToFloat(g), v => (double)v);
        double[] af = Array.ConvertAll(ToFloat(a), v => (double)v);
        var dAf = new float[a.Length];
        MaxPool2DKernels.Backward(p.Geometry, ToFloat(g), ToFloat(a), dAf);
        var reference = NotebookLoops.PoolBackward(gf, af, p.In, p.F, p.Stride, PoolMode.Max);
        Within(reference, dAf, NotebookLoops.PoolBackward(Abs(gf), af, p.In, p.F, p.Stride, PoolMode.Max), p.F * p.F, "dA_prev");
    });

    [Fact]
    public void Average_pool() => Property.Check(Cases.Pool(), p =>
    {
        double[] a = p.DrawNormal();
        var y = PoolProperties.Forward(p, a, PoolMode.Average);
        var yf = new float[y.Length];
        AvgPool2DKernels.Forward(p.Geometry, ToFloat(a), yf);
        Within(y, yf, NotebookLoops.PoolForward(Abs(a), p.In, p.F, p.Stride, PoolMode.Average), p.F * p.F + 1, "A");
    });

    private static void Within(double[] exact, float[] actual, double[] magnitude, int terms, string label)
    {
        double gamma = (terms + 3) * U;
        for (int i = 0; i < exact.Length; i++)
        {
            double limit = gamma * magnitude[i] + float.Epsilon;
            if (!(Math.Abs(exact[i] - actual[i]) <= limit))
            {
                Assert.Fail($"{label}[{i}]: double {exact[i]:R}, float {actual[i]:R}, limit {limit:E2} ({terms} terms).");
            }
        }
    }

    private static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);

    private static double[] Abs(double[] values) => Array.ConvertAll(values, Math.Abs);
}
