namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>Copies between CnnGen's layouts (NHWC, weights f·f·C_in·C_out) and ONNX's (NCHW, weights C_out·C_in·f·f).</summary>
public static class Layouts
{
    public static float[] NhwcToNchw(ReadOnlySpan<float> source, int batch, int height, int width, int channels)
    {
        var target = new float[source.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        target[((n * channels + c) * height + y) * width + x] = source[((n * height + y) * width + x) * channels + c];
                    }
                }
            }
        }

        return target;
    }

    public static float[] NchwToNhwc(ReadOnlySpan<float> source, int batch, int height, int width, int channels)
    {
        var target = new float[source.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        target[((n * height + y) * width + x) * channels + c] = source[((n * channels + c) * height + y) * width + x];
                    }
                }
            }
        }

        return target;
    }

    /// <summary>Weights (f, f, C_in, C_out) to ONNX's (C_out, C_in, f, f).</summary>
    public static float[] HwioToOihw(ReadOnlySpan<float> source, int filterSize, int inputChannels, int filters)
    {
        var target = new float[source.Length];
        for (int ky = 0; ky < filterSize; ky++)
        {
            for (int kx = 0; kx < filterSize; kx++)
            {
                for (int ci = 0; ci < inputChannels; ci++)
                {
                    for (int co = 0; co < filters; co++)
                    {
                        target[((co * inputChannels + ci) * filterSize + ky) * filterSize + kx] =
                            source[((ky * filterSize + kx) * inputChannels + ci) * filters + co];
                    }
                }
            }
        }

        return target;
    }
}
