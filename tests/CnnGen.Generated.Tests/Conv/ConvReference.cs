namespace CnnGen.Generated.Tests.Conv;

/// <summary>
/// The convolution written as the plain seven nested loops of the notebook, in double, skipping taps in the padding.
/// Besides each result it returns Σ|terms| of that result, the scale against which rounding error is judged.
/// </summary>
internal static class ConvReference
{
    public static (double[] Value, double[] Magnitude) Forward(ConvShape s, int batch, ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b)
    {
        var y = new double[batch * s.OutputLength];
        var magnitude = new double[y.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int oy = 0; oy < s.OutputHeight; oy++)
            {
                for (int ox = 0; ox < s.OutputWidth; ox++)
                {
                    for (int k = 0; k < s.Filters; k++)
                    {
                        double sum = b[k], abs = Math.Abs(b[k]);
                        for (int dy = 0; dy < s.FilterSize; dy++)
                        {
                            for (int dx = 0; dx < s.FilterSize; dx++)
                            {
                                int iy = oy * s.Stride - s.Pad + dy, ix = ox * s.Stride - s.Pad + dx;
                                if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width)
                                {
                                    continue;
                                }

                                for (int c = 0; c < s.InputChannels; c++)
                                {
                                    double term = x[InputIndex(s, n, iy, ix, c)] * w[WeightIndex(s, dy, dx, c, k)];
                                    sum += term;
                                    abs += Math.Abs(term);
                                }
                            }
                        }

                        int at = OutputIndex(s, n, oy, ox, k);
                        y[at] = sum;
                        magnitude[at] = abs;
                    }
                }
            }
        }

        return (y, magnitude);
    }

    public sealed record Gradients(double[] Input, double[] InputMagnitude, double[] Weights, double[] WeightsMagnitude, double[] Bias, double[] BiasMagnitude);

    public static Gradients Backward(ConvShape s, int batch, ReadOnlySpan<double> dz, ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        var g = new Gradients(
            new double[batch * s.InputLength], new double[batch * s.InputLength],
            new double[s.WeightsLength], new double[s.WeightsLength],
            new double[s.Filters], new double[s.Filters]);
        for (int n = 0; n < batch; n++)
        {
            for (int oy = 0; oy < s.OutputHeight; oy++)
            {
                for (int ox = 0; ox < s.OutputWidth; ox++)
                {
                    for (int k = 0; k < s.Filters; k++)
                    {
                        double d = dz[OutputIndex(s, n, oy, ox, k)];
                        g.Bias[k] += d;
                        g.BiasMagnitude[k] += Math.Abs(d);
                        for (int dy = 0; dy < s.FilterSize; dy++)
                        {
                            for (int dx = 0; dx < s.FilterSize; dx++)
                            {
                                int iy = oy * s.Stride - s.Pad + dy, ix = ox * s.Stride - s.Pad + dx;
                                if (iy < 0 || iy >= s.Height || ix < 0 || ix >= s.Width)
                                {
                                    continue;
                                }

                                for (int c = 0; c < s.InputChannels; c++)
                                {
                                    int xi = InputIndex(s, n, iy, ix, c), wi = WeightIndex(s, dy, dx, c, k);
                                    g.Input[xi] += w[wi] * d;
                                    g.InputMagnitude[xi] += Math.Abs(w[wi] * d);
                                    g.Weights[wi] += x[xi] * d;
                                    g.WeightsMagnitude[wi] += Math.Abs(x[xi] * d);
                                }
                            }
                        }
                    }
                }
            }
        }

        return g;
    }

    public static int InputIndex(ConvShape s, int n, int y, int x, int c) => ((n * s.Height + y) * s.Width + x) * s.InputChannels + c;

    public static int OutputIndex(ConvShape s, int n, int y, int x, int k) => ((n * s.OutputHeight + y) * s.OutputWidth + x) * s.Filters + k;

    public static int WeightIndex(ConvShape s, int dy, int dx, int c, int k) => ((dy * s.FilterSize + dx) * s.InputChannels + c) * s.Filters + k;
}
