namespace CnnGen.Tests.Network;

public class NumericChecksTests
{
    [Fact]
    public void Finite_values_and_an_empty_span_pass()
    {
        Assert.True(NumericChecks.AllFinite<float>([]));
        Assert.True(NumericChecks.AllFinite<double>([0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon]));
        Assert.True(NumericChecks.AllFinite<float>([float.MaxValue, -float.MaxValue, float.Epsilon]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(101)]
    public void A_single_NaN_or_infinity_anywhere_fails(int length)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, BitConverter.UInt64BitsToDouble(0xFFF0_0000_0000_0001) })
        {
            for (int position = 0; position < length; position++)
            {
                double[] doubles = Enumerable.Range(0, length).Select(i => i - 3.5).ToArray();
                doubles[position] = bad;
                Assert.False(NumericChecks.AllFinite<double>(doubles), $"{bad} at {position} of {length}");
                float[] floats = doubles.Select(v => (float)v).ToArray();
                Assert.False(NumericChecks.AllFinite<float>(floats), $"{bad} at {position} of {length} (float)");
            }
        }
    }
}
