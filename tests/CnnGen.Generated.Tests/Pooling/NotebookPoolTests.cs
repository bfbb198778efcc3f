using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests.Pooling;

/// <summary>The notebook's pool_forward cells, reproduced by the generated layers value for value.</summary>
public class NotebookPoolTests
{
    private static readonly double[] APrev = TemporaryNotebookPoolValues.APrev();

    [Fact]
    public void Max_pool_stride_1_matches_the_notebook()
    {
        var a = new double[2 * 3 * 3 * 3];
        SeedMaxPoolStride1.Forward(APrev, a);
        AssertPrinted(TemporaryNotebookPoolValues.MaxStride1A11, a.AsSpan((((1 * 3) + 1) * 3) * 3, 9));
    }

    [Fact]
    public void Average_pool_stride_1_matches_the_notebook()
    {
        var a = new double[2 * 3 * 3 * 3];
        SeedAvgPoolStride1.Forward(APrev, a);
        AssertPrinted(TemporaryNotebookPoolValues.AverageStride1A11, a.AsSpan((((1 * 3) + 1) * 3) * 3, 9));
    }

    [Fact]
    public void Max_pool_stride_2_matches_the_notebook()
    {
        var a = new double[2 * 2 * 2 * 3];
        SeedMaxPool.Forward(APrev, a);
        AssertPrinted(TemporaryNotebookPoolValues.MaxStride2A0, a.AsSpan(0, 12));
    }

    [Fact]
    public void Average_pool_stride_2_matches_the_notebook()
    {
        var a = new double[2 * 2 * 2 * 3];
        SeedAvgPool.Forward(APrev, a);
        AssertPrinted(TemporaryNotebookPoolValues.AverageStride2A1, a.AsSpan(12, 12));
    }

    [Fact]
    public void Notebook_pools_have_the_notebook_shapes()
    {
        Assert.Equal((3, 3, 3), (SeedMaxPoolStride1.OutputHeight, SeedMaxPoolStride1.OutputWidth, SeedMaxPoolStride1.OutputChannels));
        Assert.Equal((2, 2, 3), (SeedAvgPool.OutputHeight, SeedAvgPool.OutputWidth, SeedAvgPool.OutputChannels));
        Assert.Equal((75, 12, 3, 2), (SeedAvgPool.InputLength, SeedAvgPool.OutputLength, SeedAvgPool.FilterSize, SeedAvgPool.Stride));
    }

    private static void AssertPrinted(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= TemporaryNotebookPoolValues.PrintedTolerance,
                $"value {i}: expected {expected[i]}, got {actual[i]:R}");
        }
    }
}
