using System.Numerics.Tensors;

namespace CnnGen.Tests.Semantics;

/// <summary>Where the notebook is silent: ties and NaNs in max pooling.</summary>
public class MaxPoolTieAndNaNTests
{
    [Fact]
    public void CreateMaskFromWindow_marks_only_the_first_of_tied_maxima()
    {
        Tensor<double> mask = Cnn.CreateMaskFromWindow(Tensor.Create(new double[] { 1, 4, 4, 4 }, [2, 2]));
        Assert.Equal([0.0, 1, 0, 0], Flat(mask));
    }

    [Fact]
    public void CreateMaskFromWindow_marks_the_first_NaN()
    {
        Tensor<float> mask = Cnn.CreateMaskFromWindow(Tensor.Create(new float[] { 9, 1, float.NaN, float.NaN, 100, 2 }, [2, 3]));
        Assert.Equal([0f, 0, 1, 0, 0, 0], Flat(mask));
    }

    [Theory]
    [InlineData(1)] // scalar tail
    [InlineData(4)] // exactly one Vector<double> on AVX2
    [InlineData(11)] // two vectors and a tail
    public void Tied_window_sends_the_whole_gradient_to_the_first_maximum(int channels)
    {
        // One 2×2 window, every value tied: the gradient goes to (0, 0) for every channel.
        var geometry = new Pool2DGeometry(2, 2, channels, filterSize: 2, stride: 1);
        var x = Enumerable.Repeat(3.0, 4 * channels).ToArray();
        var g = Enumerable.Range(1, channels).Select(i => (double)i).ToArray();
        var dx = new double[x.Length];
        MaxPool2DKernels.Backward(geometry, g, x, dx);
        Assert.Equal(g, dx.AsSpan(0, channels).ToArray());
        Assert.All(dx.AsSpan(channels).ToArray(), v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(11)]
    public void NaN_in_a_window_makes_the_output_NaN_and_takes_the_gradient(int channels)
    {
        // Window values per channel: 5, NaN, 7, NaN (row-major). Output NaN; gradient to the first NaN, (0, 1).
        var geometry = new Pool2DGeometry(2, 2, channels, filterSize: 2, stride: 2);
        double[] pattern = [5, double.NaN, 7, double.NaN];
        var x = new double[4 * channels];
        for (int pos = 0; pos < 4; pos++)
        {
            x.AsSpan(pos * channels, channels).Fill(pattern[pos]);
        }

        var y = new double[channels];
        MaxPool2DKernels.Forward(geometry, x, y);
        Assert.All(y, v => Assert.True(double.IsNaN(v)));

        var g = Enumerable.Repeat(2.5, channels).ToArray();
        var dx = new double[x.Length];
        MaxPool2DKernels.Backward(geometry, g, x, dx);
        for (int pos = 0; pos < 4; pos++)
        {
            Assert.All(dx.AsSpan(pos * channels, channels).ToArray(), v => Assert.Equal(pos == 1 ? 2.5 : 0, v));
        }
    }

    [Fact]
    public void NaN_first_in_the_window_stays_the_output()
    {
        // A 3×3 window whose first value is NaN and whose others are larger numbers: still NaN.
        var window = new Pool2DGeometry(3, 3, 6, filterSize: 3, stride: 1);
        var x = Enumerable.Range(0, 54).Select(i => (double)i).ToArray();
        x.AsSpan(0, 6).Fill(double.NaN);
        var y = new double[6];
        MaxPool2DKernels.Forward(window, x, y);
        Assert.All(y, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Tensor_api_pool_backward_routes_ties_to_the_first_maximum()
    {
        var aPrev = Tensor.Create(new double[] { 2, 2, 2, 2 }, [1, 2, 2, 1]);
        var dA = Tensor.Create(new double[] { 6 }, [1, 1, 1, 1]);
        Assert.Equal([6.0, 0, 0, 0], Flat(Cnn.PoolBackward(dA, aPrev, 2, 1, PoolMode.Max)));
        Assert.Equal([1.5, 1.5, 1.5, 1.5], Flat(Cnn.PoolBackward(dA, aPrev, 2, 1, PoolMode.Average)));
    }

    private static T[] Flat<T>(Tensor<T> t)
    {
        var values = new T[t.FlattenedLength];
        t.FlattenTo(values);
        return values;
    }
}
