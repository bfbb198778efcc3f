using CnnGen.Generated.Tests.Layers;

namespace CnnGen.Generated.Tests.Conv;

/// <summary>The public contract of the emitted Forward and Backward: length checks, empty batches, overwrite semantics.</summary>
public class ContractTests
{
    private const int Weights = SeedConv.WeightsLength;
    private const int Bias = SeedConv.BiasLength;

    [Fact]
    public void Empty_batch_writes_nothing_forward_and_zeroes_weight_and_bias_gradients()
    {
        SeedConv.Forward(ReadOnlySpan<double>.Empty, new double[Weights], new double[Bias], Span<double>.Empty);

        var dW = Enumerable.Repeat(3.0, Weights).ToArray();
        var db = Enumerable.Repeat(3.0, Bias).ToArray();
        SeedConv.Backward(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty, new double[Weights], Span<double>.Empty, dW, db);
        Assert.All(dW, v => Assert.Equal(0.0, v));
        Assert.All(db, v => Assert.Equal(0.0, v));

        var dWf = Enumerable.Repeat(3f, Weights).ToArray();
        var dbf = Enumerable.Repeat(3f, Bias).ToArray();
        SeedConv.Backward(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, new float[Weights], Span<float>.Empty, dWf, dbf);
        Assert.All(dWf, v => Assert.Equal(0f, v));
        Assert.All(dbf, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData("input")]
    [InlineData("weights")]
    [InlineData("bias")]
    [InlineData("output")]
    public void Forward_rejects_a_wrong_length_naming_the_parameter(string wrong)
    {
        int m = 2;
        double[] input = new double[m * SeedConv.InputLength + (wrong == "input" ? 1 : 0)];
        double[] weights = new double[Weights + (wrong == "weights" ? 1 : 0)];
        double[] bias = new double[Bias - (wrong == "bias" ? 1 : 0)];
        double[] output = new double[m * SeedConv.OutputLength + (wrong == "output" ? SeedConv.OutputLength : 0)];
        var error = Assert.ThrowsAny<ArgumentException>(() => SeedConv.Forward(input, weights, bias, output));
        Assert.Equal(wrong, error.ParamName);

        var single = Assert.ThrowsAny<ArgumentException>(() => SeedConv.Forward(
            new float[input.Length], new float[weights.Length], new float[bias.Length], new float[output.Length]));
        Assert.Equal(wrong, single.ParamName);
    }

    [Theory]
    [InlineData("outputGradient")]
    [InlineData("input")]
    [InlineData("weights")]
    [InlineData("inputGradient")]
    [InlineData("weightsGradient")]
    [InlineData("biasGradient")]
    public void Backward_rejects_a_wrong_length_naming_the_parameter(string wrong)
    {
        int m = 2;
        int Extra(string name, int by) => wrong == name ? by : 0;
        double[] dz = new double[m * SeedConv.OutputLength + Extra("outputGradient", SeedConv.OutputLength)];
        double[] input = new double[m * SeedConv.InputLength + Extra("input", 3)];
        double[] weights = new double[Weights + Extra("weights", 1)];
        double[] dA = new double[m * SeedConv.InputLength - Extra("inputGradient", 1)];
        double[] dW = new double[Weights + Extra("weightsGradient", 2)];
        double[] db = new double[Bias + Extra("biasGradient", 1)];
        var error = Assert.ThrowsAny<ArgumentException>(() => SeedConv.Backward(dz, input, weights, dA, dW, db));
        Assert.Equal(wrong, error.ParamName);

        var single = Assert.ThrowsAny<ArgumentException>(() => SeedConv.Backward(
            new float[dz.Length], new float[input.Length], new float[weights.Length], new float[dA.Length], new float[dW.Length], new float[db.Length]));
        Assert.Equal(wrong, single.ParamName);
    }

    [Fact]
    public void Forward_and_backward_overwrite_rather_than_accumulate()
    {
        foreach (ConvLayerCase layer in DeclaredLayers.All.Where((_, i) => i % 5 == 0).Append(DeclaredLayers.All.Single(c => c.Name == "Pad3_f3_s3")))
        {
            ConvShape s = layer.Shape;
            const int batch = 2;
            var rng = new Random(7);
            double[] x = Enumerable.Range(0, batch * s.InputLength).Select(_ => rng.NextDouble()).ToArray();
            double[] w = Enumerable.Range(0, s.WeightsLength).Select(_ => rng.NextDouble()).ToArray();
            double[] b = Enumerable.Range(0, s.Filters).Select(_ => rng.NextDouble()).ToArray();
            double[] dz = Enumerable.Range(0, batch * s.OutputLength).Select(_ => rng.NextDouble()).ToArray();

            (double[] z, double[] dA, double[] dW, double[] db) Run(double garbage)
            {
                var z = Enumerable.Repeat(garbage, dz.Length).ToArray();
                var dA = Enumerable.Repeat(garbage, x.Length).ToArray();
                var dW = Enumerable.Repeat(garbage, w.Length).ToArray();
                var db = Enumerable.Repeat(garbage, b.Length).ToArray();
                layer.ForwardDouble(x, w, b, z);
                layer.BackwardDouble(dz, x, w, dA, dW, db);
                return (z, dA, dW, db);
            }

            var clean = Run(0);
            var dirty = Run(double.NaN);
            Assert.Equal(clean.z, dirty.z);
            Assert.Equal(clean.dA, dirty.dA);
            Assert.Equal(clean.dW, dirty.dW);
            Assert.Equal(clean.db, dirty.db);
        }
    }
}
