namespace CnnGen.Generated.Tests.Pooling;

/// <summary>Flat NHWC indexing for the tests.</summary>
internal static class Nhwc
{
    public static int Index(int n, int h, int w, int c, int height, int width, int channels) => ((n * height + h) * width + w) * channels + c;
}
