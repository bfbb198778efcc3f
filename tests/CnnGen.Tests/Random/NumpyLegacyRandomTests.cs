using CnnGen.TestSupport;

namespace CnnGen.Tests.Random;

public class NumpyLegacyRandomTests
{
    [Fact]
    public void Seed1_reproduces_numpy_randn_bit_for_bit()
    {
        var random = new NumpyLegacyRandom(NotebookValues.Random.Seed);
        double[] expected = NotebookValues.Random.FirstRandn;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(random.NextStandardNormal()));
        }
    }

    [Fact]
    public void First_raw_output_for_seed_5489_is_the_reference_mt19937_value()
    {
        // 3499211612 is the first output of MT19937 seeded with init_genrand(5489), the reference implementation's default.
        Assert.Equal(3499211612u, new NumpyLegacyRandom(5489).NextUInt32());
    }

    [Fact]
    public void Reseeding_restarts_the_stream_and_drops_the_kept_normal()
    {
        var random = new NumpyLegacyRandom(1);
        random.NextStandardNormal(); // keeps the pair's second value
        random.Seed(1);
        Assert.Equal(NotebookValues.Random.FirstRandn[0], random.NextStandardNormal());
    }

    [Fact]
    public void Randn_draws_in_row_major_order_with_the_given_shape()
    {
        var tensor = new NumpyLegacyRandom(1).Randn(2, 3);
        Assert.Equal([2, 3], Nd.Shape(tensor.Lengths));
        double[] flat = new double[6];
        tensor.FlattenTo(flat);
        Assert.Equal(NotebookValues.Random.FirstRandn, flat);
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval()
    {
        var random = new NumpyLegacyRandom(42);
        for (int i = 0; i < 10_000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
        }
    }

    [Fact]
    public void Randn_rejects_a_negative_extent()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyLegacyRandom(1).Randn(2, -1));
        Assert.Equal("shape", e.ParamName);
    }
}
