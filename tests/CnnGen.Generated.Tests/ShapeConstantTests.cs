using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests;

public class ShapeConstantTests
{
    [Fact]
    public void Notebook_conv_layer_has_the_notebook_output_shape()
    {
        Assert.Equal((3, 4, 8), (SeedConv.OutputHeight, SeedConv.OutputWidth, SeedConv.OutputChannels));
        Assert.Equal(5 * 7 * 4, SeedConv.InputLength);
        Assert.Equal(3 * 3 * 4 * 8, SeedConv.WeightsLength);
    }

    [Fact]
    public void Notebook_max_pool_has_the_notebook_output_shape()
    {
        Assert.Equal((2, 2, 3), (SeedMaxPool.OutputHeight, SeedMaxPool.OutputWidth, SeedMaxPool.OutputChannels));
    }
}
