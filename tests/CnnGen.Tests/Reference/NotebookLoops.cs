namespace CnnGen.Tests.Reference;

/// <summary>The extents of an NHWC array, with the row-major index.</summary>
internal readonly record struct Dims(int M, int H, int W, int C)
{
    public int Length => M * H * W * C;

    public int this[int n, int i, int j, int c] => ((n * H + i) * W + j) * C + c;
}

/// <summary>
/// A literal transcription of the notebook's loops, in double, on flat arrays: the definition the optimized
/// kernels are checked against. Deliberately naive (padded copies, seven nested loops); the only departures
/// from the notebook are its two bugs: the crop works for <c>pad = 0</c>, and the max mask is one-hot at the
/// first maximum.
/// </summary>
internal static class NotebookLoops
{
    public static double[] ZeroPad(double[] x, Dims d, int pad)
    {
        var p = new Dims(d.M, d.H + 2 * pad, d.W + 2 * pad, d.C);
        var y = new double[p.Length];
        for (int n = 0; n < d.M; n++)
        {
            for (int i = 0; i < d.H; i++)
            {
                for (int j = 0; j < d.W; j++)
                {
                    for (int c = 0; c < d.C; c++)
                    {
                        y[p[n, i + pad, j + pad, c]] = x[d[n, i, j, c]];
                    }
                }
            }
        }

        return y;
    }

    public static int OutputSize(int input, int f, int stride, int pad) => (input + 2 * pad - f) / stride + 1;

    /// <summary>conv_forward: for i, h, w, c: Z[i, h, w, c] = sum(a_slice_prev * W[..., c]) + b[c].</summary>
    public static double[] ConvForward(double[] aPrev, Dims d, double[] w, int f, int filters, double[] b, int stride, int pad)
    {
        double[] aPad = ZeroPad(aPrev, d, pad);
        var p = new Dims(d.M, d.H + 2 * pad, d.W + 2 * pad, d.C);
        var o = new Dims(d.M, OutputSize(d.H, f, stride, pad), OutputSize(d.W, f, stride, pad), filters);
        var z = new double[o.Length];
        for (int n = 0; n < o.M; n++)
        {
            for (int h = 0; h < o.H; h++)
            {
                for (int wo = 0; wo < o.W; wo++)
                {
                    for (int c = 0; c < filters; c++)
                    {
                        double s = 0;
                        for (int dy = 0; dy < f; dy++)
                        {
                            for (int dx = 0; dx < f; dx++)
                            {
                                for (int k = 0; k < d.C; k++)
                                {
                                    s += aPad[p[n, h * stride + dy, wo * stride + dx, k]] * w[((dy * f + dx) * d.C + k) * filters + c];
                                }
                            }
                        }

                        z[o[n, h, wo, c]] = s + b[c];
                    }
                }
            }
        }

        return z;
    }

    /// <summary>conv_backward, with the crop written so that it also works for pad = 0.</summary>
    public static (double[] DA, double[] DW, double[] Db) ConvBackward(double[] dZ, double[] aPrev, Dims d, double[] w, int f, int filters, int stride, int pad)
    {
        double[] aPad = ZeroPad(aPrev, d, pad);
        var p = new Dims(d.M, d.H + 2 * pad, d.W + 2 * pad, d.C);
        var o = new Dims(d.M, OutputSize(d.H, f, stride, pad), OutputSize(d.W, f, stride, pad), filters);
        var daPad = new double[p.Length];
        var dW = new double[w.Length];
        var db = new double[filters];
        for (int n = 0; n < o.M; n++)
        {
            for (int h = 0; h < o.H; h++)
            {
                for (int wo = 0; wo < o.W; wo++)
                {
                    for (int c = 0; c < filters; c++)
                    {
                        double g = dZ[o[n, h, wo, c]];
                        for (int dy = 0; dy < f; dy++)
                        {
                            for (int dx = 0; dx < f; dx++)
                            {
                                for (int k = 0; k < d.C; k++)
                                {
                                    int wi = ((dy * f + dx) * d.C + k) * filters + c;
                                    int ai = p[n, h * stride + dy, wo * stride + dx, k];
                                    daPad[ai] += w[wi] * g;
                                    dW[wi] += aPad[ai] * g;
                                }
                            }
                        }

                        db[c] += g;
                    }
                }
            }
        }

        var dA = new double[d.Length];
        for (int n = 0; n < d.M; n++)
        {
            for (int i = 0; i < d.H; i++)
            {
                for (int j = 0; j < d.W; j++)
                {
                    for (int k = 0; k < d.C; k++)
                    {
                        dA[d[n, i, j, k]] = daPad[p[n, i + pad, j + pad, k]];
                    }
                }
            }
        }

        return (dA, dW, db);
    }

    public static double[] PoolForward(double[] aPrev, Dims d, int f, int stride, PoolMode mode)
    {
        var o = new Dims(d.M, OutputSize(d.H, f, stride, 0), OutputSize(d.W, f, stride, 0), d.C);
        var a = new double[o.Length];
        for (int n = 0; n < o.M; n++)
        {
            for (int h = 0; h < o.H; h++)
            {
                for (int wo = 0; wo < o.W; wo++)
                {
                    for (int c = 0; c < d.C; c++)
                    {
                        var window = Window(aPrev, d, n, h * stride, wo * stride, c, f);
                        a[o[n, h, wo, c]] = mode == PoolMode.Max ? window[FirstMax(window)] : window.Sum() / window.Length;
                    }
                }
            }
        }

        return a;
    }

    public static double[] PoolBackward(double[] dA, double[] aPrev, Dims d, int f, int stride, PoolMode mode)
    {
        var o = new Dims(d.M, OutputSize(d.H, f, stride, 0), OutputSize(d.W, f, stride, 0), d.C);
        var dAPrev = new double[d.Length];
        for (int n = 0; n < o.M; n++)
        {
            for (int h = 0; h < o.H; h++)
            {
                for (int wo = 0; wo < o.W; wo++)
                {
                    for (int c = 0; c < d.C; c++)
                    {
                        double g = dA[o[n, h, wo, c]];
                        var window = Window(aPrev, d, n, h * stride, wo * stride, c, f);
                        int best = FirstMax(window);
                        for (int dy = 0; dy < f; dy++)
                        {
                            for (int dx = 0; dx < f; dx++)
                            {
                                double share = mode == PoolMode.Max ? (dy * f + dx == best ? g : 0) : g / (f * f);
                                dAPrev[d[n, h * stride + dy, wo * stride + dx, c]] += share;
                            }
                        }
                    }
                }
            }
        }

        return dAPrev;
    }

    private static double[] Window(double[] x, Dims d, int n, int top, int left, int c, int f)
    {
        var window = new double[f * f];
        for (int dy = 0; dy < f; dy++)
        {
            for (int dx = 0; dx < f; dx++)
            {
                window[dy * f + dx] = x[d[n, top + dy, left + dx, c]];
            }
        }

        return window;
    }

    /// <summary>The first maximum in row-major order; the first NaN if there is one.</summary>
    private static int FirstMax(double[] window)
    {
        int nan = Array.FindIndex(window, double.IsNaN);
        if (nan >= 0)
        {
            return nan;
        }

        int best = 0;
        for (int i = 1; i < window.Length; i++)
        {
            if (window[i] > window[best])
            {
                best = i;
            }
        }

        return best;
    }
}
