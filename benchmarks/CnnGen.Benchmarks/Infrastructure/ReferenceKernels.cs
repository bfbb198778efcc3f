using System.Numerics;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// Plain loops, written straight from the notebook's formulas: the oracle that the benchmark setup checks the
/// generic kernels against, so that the baseline itself is known right before it is measured, and, timed as the
/// conv suites' PlainLoops rows, what a user would write without a kernel library (runtime shapes, scalar code).
/// Layouts: activations NHWC, weights (f, f, C_in, C_out). The gradients are overwritten, not accumulated.
/// </summary>
public static class ReferenceKernels
{
    public static void ConvForward<T>(in ConvShape s, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, Span<T> output)
        where T : IFloatingPointIeee754<T>
    {
        int ho = s.OutputHeight, wo = s.OutputWidth, cin = s.InputChannels, cout = s.Filters, f = s.FilterSize;
        for (int n = 0; n < s.Batch; n++)
        {
            for (int oy = 0; oy < ho; oy++)
            {
                for (int ox = 0; ox < wo; ox++)
                {
                    for (int co = 0; co < cout; co++)
                    {
                        T sum = bias[co];
                        for (int ky = 0; ky < f; ky++)
                        {
                            int iy = oy * s.Stride - s.Pad + ky;
                            if ((uint)iy >= (uint)s.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < f; kx++)
                            {
                                int ix = ox * s.Stride - s.Pad + kx;
                                if ((uint)ix >= (uint)s.Width)
                                {
                                    continue;
                                }

                                int inBase = ((n * s.Height + iy) * s.Width + ix) * cin;
                                int wBase = (ky * f + kx) * cin * cout + co;
                                for (int ci = 0; ci < cin; ci++)
                                {
                                    sum += input[inBase + ci] * weights[wBase + ci * cout];
                                }
                            }
                        }

                        output[((n * ho + oy) * wo + ox) * cout + co] = sum;
                    }
                }
            }
        }
    }

    public static void ConvBackward<T>(
        in ConvShape s, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> weights,
        Span<T> inputGradient, Span<T> weightsGradient, Span<T> biasGradient)
        where T : IFloatingPointIeee754<T>
    {
        inputGradient.Clear();
        weightsGradient.Clear();
        biasGradient.Clear();
        int ho = s.OutputHeight, wo = s.OutputWidth, cin = s.InputChannels, cout = s.Filters, f = s.FilterSize;
        for (int n = 0; n < s.Batch; n++)
        {
            for (int oy = 0; oy < ho; oy++)
            {
                for (int ox = 0; ox < wo; ox++)
                {
                    for (int co = 0; co < cout; co++)
                    {
                        T g = outputGradient[((n * ho + oy) * wo + ox) * cout + co];
                        biasGradient[co] += g;
                        for (int ky = 0; ky < f; ky++)
                        {
                            int iy = oy * s.Stride - s.Pad + ky;
                            if ((uint)iy >= (uint)s.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < f; kx++)
                            {
                                int ix = ox * s.Stride - s.Pad + kx;
                                if ((uint)ix >= (uint)s.Width)
                                {
                                    continue;
                                }

                                int inBase = ((n * s.Height + iy) * s.Width + ix) * cin;
                                int wBase = (ky * f + kx) * cin * cout + co;
                                for (int ci = 0; ci < cin; ci++)
                                {
                                    inputGradient[inBase + ci] += weights[wBase + ci * cout] * g;
                                    weightsGradient[wBase + ci * cout] += input[inBase + ci] * g;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public static void PoolForward<T>(in PoolShape s, ReadOnlySpan<T> input, Span<T> output)
        where T : IFloatingPointIeee754<T>
    {
        T area = T.CreateChecked(s.FilterSize * s.FilterSize);
        for (int n = 0; n < s.Batch; n++)
        {
            for (int oy = 0; oy < s.OutputHeight; oy++)
            {
                for (int ox = 0; ox < s.OutputWidth; ox++)
                {
                    for (int c = 0; c < s.Channels; c++)
                    {
                        int at = FirstMaxOrSum(s, input, n, oy, ox, c, out T sum);
                        output[((n * s.OutputHeight + oy) * s.OutputWidth + ox) * s.Channels + c] =
                            s.Kind == PoolKind.Max ? input[at] : sum / area;
                    }
                }
            }
        }
    }

    public static void PoolBackward<T>(in PoolShape s, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : IFloatingPointIeee754<T>
    {
        inputGradient.Clear();
        T area = T.CreateChecked(s.FilterSize * s.FilterSize);
        for (int n = 0; n < s.Batch; n++)
        {
            for (int oy = 0; oy < s.OutputHeight; oy++)
            {
                for (int ox = 0; ox < s.OutputWidth; ox++)
                {
                    for (int c = 0; c < s.Channels; c++)
                    {
                        T g = outputGradient[((n * s.OutputHeight + oy) * s.OutputWidth + ox) * s.Channels + c];
                        if (s.Kind == PoolKind.Max)
                        {
                            inputGradient[FirstMaxOrSum(s, input, n, oy, ox, c, out _)] += g;
                            continue;
                        }

                        for (int ky = 0; ky < s.FilterSize; ky++)
                        {
                            for (int kx = 0; kx < s.FilterSize; kx++)
                            {
                                inputGradient[InputIndex(s, n, oy * s.Stride + ky, ox * s.Stride + kx, c)] += g / area;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The index of the window's first maximum in row-major order, and the window's sum.</summary>
    private static int FirstMaxOrSum<T>(in PoolShape s, ReadOnlySpan<T> input, int n, int oy, int ox, int c, out T sum)
        where T : IFloatingPointIeee754<T>
    {
        sum = T.Zero;
        int best = -1;
        for (int ky = 0; ky < s.FilterSize; ky++)
        {
            for (int kx = 0; kx < s.FilterSize; kx++)
            {
                int at = InputIndex(s, n, oy * s.Stride + ky, ox * s.Stride + kx, c);
                sum += input[at];
                if (best < 0 || input[at] > input[best])
                {
                    best = at;
                }
            }
        }

        return best;
    }

    private static int InputIndex(in PoolShape s, int n, int y, int x, int c) => ((n * s.Height + y) * s.Width + x) * s.Channels + c;
}
