namespace CnnGen.Generated.Tests.Pooling;

/// <summary>
/// The plainest possible pooling, written from the definitions (the notebook's loops) and nothing else, as the
/// oracle the generated kernels are compared with. Max: value and gradient of the first maximum in row-major window
/// order; a window holding NaN outputs NaN and passes no gradient.
/// </summary>
public static class ReferencePool
{
    public static void Forward(PoolCase layer, ReadOnlySpan<double> input, Span<double> output)
    {
        int m = input.Length / layer.InputLength;
        for (int n = 0; n < m; n++)
        {
            for (int oh = 0; oh < layer.OH; oh++)
            {
                for (int ow = 0; ow < layer.OW; ow++)
                {
                    for (int c = 0; c < layer.C; c++)
                    {
                        output[Index(n, oh, ow, c, layer.OH, layer.OW, layer.C)] = layer.Kind == PoolKind.Max
                            ? Max(layer, input, n, oh, ow, c)
                            : Mean(layer, input, n, oh, ow, c);
                    }
                }
            }
        }
    }

    public static void Backward(PoolCase layer, ReadOnlySpan<double> outputGradient, ReadOnlySpan<double> input, Span<double> inputGradient)
    {
        inputGradient.Clear();
        int m = input.Length / layer.InputLength;
        for (int n = 0; n < m; n++)
        {
            for (int oh = 0; oh < layer.OH; oh++)
            {
                for (int ow = 0; ow < layer.OW; ow++)
                {
                    for (int c = 0; c < layer.C; c++)
                    {
                        double g = outputGradient[Index(n, oh, ow, c, layer.OH, layer.OW, layer.C)];
                        if (layer.Kind == PoolKind.Max)
                        {
                            int at = First(layer, input, n, oh, ow, c, out _);
                            if (at >= 0)
                            {
                                inputGradient[at] += g;
                            }
                        }
                        else
                        {
                            double share = g / (layer.F * layer.F);
                            for (int kh = 0; kh < layer.F; kh++)
                            {
                                for (int kw = 0; kw < layer.F; kw++)
                                {
                                    inputGradient[Index(n, oh * layer.S + kh, ow * layer.S + kw, c, layer.H, layer.W, layer.C)] += share;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The index of the window's first maximum, or −1 (and NaN) when the window holds NaN.</summary>
    private static int First(PoolCase layer, ReadOnlySpan<double> input, int n, int oh, int ow, int c, out double max)
    {
        int best = -1;
        max = double.NegativeInfinity;
        for (int kh = 0; kh < layer.F; kh++)
        {
            for (int kw = 0; kw < layer.F; kw++)
            {
                int i = Index(n, oh * layer.S + kh, ow * layer.S + kw, c, layer.H, layer.W, layer.C);
                double v = input[i];
                if (double.IsNaN(v))
                {
                    max = double.NaN;
                    return -1;
                }

                if (best < 0 || v > max)
                {
                    best = i;
                    max = v;
                }
            }
        }

        return best;
    }

    private static double Max(PoolCase layer, ReadOnlySpan<double> input, int n, int oh, int ow, int c)
    {
        First(layer, input, n, oh, ow, c, out double max);
        return max;
    }

    private static double Mean(PoolCase layer, ReadOnlySpan<double> input, int n, int oh, int ow, int c)
    {
        double sum = 0;
        for (int kh = 0; kh < layer.F; kh++)
        {
            for (int kw = 0; kw < layer.F; kw++)
            {
                sum += input[Index(n, oh * layer.S + kh, ow * layer.S + kw, c, layer.H, layer.W, layer.C)];
            }
        }

        return sum / (layer.F * layer.F);
    }

    public static int Index(int n, int h, int w, int c, int height, int width, int channels) => ((n * height + h) * width + w) * channels + c;
}
