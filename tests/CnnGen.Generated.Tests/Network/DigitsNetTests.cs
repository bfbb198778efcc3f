using Digits;

namespace CnnGen.Generated.Tests.Network;

public class DigitsNetTests
{
    private const int Batch = 5;

    [Fact]
    public void Constants_describe_the_shapes_and_the_parameter_layout()
    {
        Assert.Equal(64, DigitsNet.InputLength);
        Assert.Equal(10, DigitsNet.ClassCount);
        Assert.Equal(9, DigitsNet.LayerCount);
        Assert.Equal((8, 8, 16), (DigitsNet.Layer1OutputHeight, DigitsNet.Layer1OutputWidth, DigitsNet.Layer1OutputChannels));
        Assert.Equal((4, 4, 16), (DigitsNet.Layer3OutputHeight, DigitsNet.Layer3OutputWidth, DigitsNet.Layer3OutputChannels));
        Assert.Equal((2, 2, 32), (DigitsNet.Layer6OutputHeight, DigitsNet.Layer6OutputWidth, DigitsNet.Layer6OutputChannels));
        Assert.Equal(128, DigitsNet.Layer7OutputLength);
        Assert.Equal(10, DigitsNet.Layer8OutputLength);

        // One flat buffer, in layer order: weights then bias of each layer with parameters; the generic twin uses the same.
        Assert.Equal(GenericDigitsNet<float>.Conv1Weights, DigitsNet.Layer1WeightsOffset);
        Assert.Equal(GenericDigitsNet<float>.Conv1Bias, DigitsNet.Layer1BiasOffset);
        Assert.Equal(GenericDigitsNet<float>.Conv2Weights, DigitsNet.Layer4WeightsOffset);
        Assert.Equal(GenericDigitsNet<float>.Conv2Bias, DigitsNet.Layer4BiasOffset);
        Assert.Equal(GenericDigitsNet<float>.DenseWeights, DigitsNet.Layer8WeightsOffset);
        Assert.Equal(GenericDigitsNet<float>.DenseBias, DigitsNet.Layer8BiasOffset);
        Assert.Equal(144 + 16 + 4608 + 32 + 1280 + 10, DigitsNet.ParameterCount);
        Assert.Equal(GenericDigitsNet<float>.ParameterCount, DigitsNet.ParameterCount);
        Assert.Equal(
            "cnngen-network v1 | in 8x8x1 | conv2d f3 s1 p1 -> 8x8x16 | relu -> 8x8x16 | maxpool2d f2 s2 -> 4x4x16 | conv2d f3 s1 p1 -> 4x4x32 | relu -> 4x4x32 | maxpool2d f2 s2 -> 2x2x32 | flatten -> 1x1x128 | dense -> 1x1x10 | softmax-ce -> 1x1x10",
            DigitsNet.Architecture);
        Assert.Equal(DigitsNet.Architecture, DigitsNetDouble.Architecture);
    }

    [Fact]
    public void Initialization_is_he_normal_from_the_seed_with_zero_biases_like_the_generic_twin()
    {
        var net = new DigitsNet(1, seed: 7);
        var twin = new GenericDigitsNet<float>(1, seed: 7);
        Assert.True(net.Parameters.SequenceEqual(twin.Parameters));
        Assert.True(net.Parameters.Slice(DigitsNet.Layer1BiasOffset, DigitsNet.Layer1BiasLength).IndexOfAnyExcept(0f) < 0);
        Assert.False(net.Parameters.SequenceEqual(new DigitsNet(1, seed: 8).Parameters));
    }

    [Fact]
    public void Forward_and_backward_equal_the_composition_of_the_generic_layers_in_double()
    {
        var net = new DigitsNetDouble(Batch, seed: 3);
        var twin = new GenericDigitsNet<double>(Batch, seed: 3);
        double[] inputs = NetworkTestData.Inputs<double>(Batch * 64, 11);
        int[] labels = NetworkTestData.Labels(Batch, 10, 12);

        double loss = net.ComputeGradients(inputs, labels);
        double twinLoss = twin.Forward(inputs, labels);
        twin.Backward(labels);

        Assert.Equal(twinLoss, loss, 1e-12);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.Probabilities, twin.Probabilities) < 1e-12);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.Gradients, twin.Gradients) < 1e-11);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.InputGradient, twin.InputGradient) < 1e-11);
    }

    [Fact]
    public void Forward_and_backward_equal_the_composition_of_the_generic_layers_in_float()
    {
        var net = new DigitsNet(Batch, seed: 3);
        var twin = new GenericDigitsNet<float>(Batch, seed: 3);
        float[] inputs = NetworkTestData.Inputs<float>(Batch * 64, 11);
        int[] labels = NetworkTestData.Labels(Batch, 10, 12);

        float loss = net.ComputeGradients(inputs, labels);
        float twinLoss = twin.Forward(inputs, labels);
        twin.Backward(labels);

        Assert.Equal(twinLoss, loss, 1e-5f);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.Probabilities, twin.Probabilities) < 1e-5);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.Gradients, twin.Gradients) < 1e-4);
        Assert.True(NetworkTestData.MaxRelativeDifference(net.InputGradient, twin.InputGradient) < 1e-4);

        ReadOnlySpan<float> probabilities = net.Forward(inputs);
        for (int n = 0; n < Batch; n++)
        {
            float sum = 0;
            foreach (float p in probabilities.Slice(n * 10, 10))
            {
                sum += p;
            }

            Assert.Equal(1f, sum, 1e-5f);
        }
    }

    [Fact]
    public void Gradients_match_finite_differences_for_parameters_of_every_layer()
    {
        var net = new DigitsNetDouble(3, seed: 5);
        double[] inputs = NetworkTestData.Inputs<double>(3 * 64, 21);
        int[] labels = NetworkTestData.Labels(3, 10, 22);
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();

        var indices = new List<int>();
        foreach ((int offset, int length) in new[]
        {
            (DigitsNetDouble.Layer1WeightsOffset, DigitsNetDouble.Layer1WeightsLength),
            (DigitsNetDouble.Layer1BiasOffset, DigitsNetDouble.Layer1BiasLength),
            (DigitsNetDouble.Layer4WeightsOffset, DigitsNetDouble.Layer4WeightsLength),
            (DigitsNetDouble.Layer4BiasOffset, DigitsNetDouble.Layer4BiasLength),
            (DigitsNetDouble.Layer8WeightsOffset, DigitsNetDouble.Layer8WeightsLength),
            (DigitsNetDouble.Layer8BiasOffset, DigitsNetDouble.Layer8BiasLength),
        })
        {
            indices.Add(offset);
            indices.Add(offset + length / 3);
            indices.Add(offset + length - 1);
        }

        const double h = 1e-6;
        foreach (int i in indices)
        {
            double saved = net.Parameters[i];
            net.Parameters[i] = saved + h;
            double plus = net.Forward(inputs, labels);
            net.Parameters[i] = saved - h;
            double minus = net.Forward(inputs, labels);
            net.Parameters[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= 1e-6 + 1e-4 * Math.Abs(numeric),
                $"parameter {i}: analytic {analytic[i]:R}, numeric {numeric:R}");
        }

        // And the input gradient of one input value.
        net.ComputeGradients(inputs, labels);
        double inputAnalytic = net.InputGradient[37];
        double[] shifted = (double[])inputs.Clone();
        shifted[37] += h;
        double up = net.Forward(shifted, labels);
        shifted[37] -= 2 * h;
        double down = net.Forward(shifted, labels);
        Assert.True(Math.Abs((up - down) / (2 * h) - inputAnalytic) <= 1e-6 + 1e-4 * Math.Abs(inputAnalytic));
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        float[] first = TrainBriefly(seed: 9, steps: 6);
        float[] second = TrainBriefly(seed: 9, steps: 6);
        Assert.True(first.AsSpan().SequenceEqual(second));
        Assert.False(first.AsSpan().SequenceEqual(TrainBriefly(seed: 10, steps: 6)));
    }

    [Fact]
    public void A_short_training_run_lowers_the_loss_on_the_digits()
    {
        ImageDataSet<float> digits = NetworkTestData.Digits<float>();
        const int batch = 32;
        var net = new DigitsNet(batch, seed: 1);
        var optimizer = new Adam<float>(0.005f);
        ReadOnlySpan<float> images = digits.Images.Slice(0, 256 * 64);
        ReadOnlySpan<int> labels = digits.Labels.Slice(0, 256);
        float before = MeanLoss(net, images, labels);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            for (int start = 0; start < 256; start += batch)
            {
                net.TrainStep(images.Slice(start * 64, batch * 64), labels.Slice(start, batch), optimizer);
            }
        }

        float after = MeanLoss(net, images, labels);
        Assert.True(after < before * 0.5f, $"loss before {before}, after {after}");
    }

    [Fact]
    public void TrainStep_allocates_nothing_after_the_first_steps()
    {
        const int batch = 16;
        var net = new DigitsNet(batch, seed: 2);
        var optimizer = new SgdMomentum<float>(0.01f, 0.9f);
        float[] inputs = NetworkTestData.Inputs<float>(batch * 64, 3);
        int[] labels = NetworkTestData.Labels(batch, 10, 4);
        int[] predictions = new int[batch];
        net.TrainStep(inputs, labels, optimizer);
        net.TrainStep(inputs, labels, optimizer);
        net.Predict(inputs, predictions);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            net.TrainStep(inputs, labels, optimizer);
            net.Predict(inputs, predictions);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Forward_refuses_batches_it_has_no_room_for_and_partial_examples()
    {
        var net = new DigitsNet(2);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.Forward(new float[3 * 64])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.Forward(new float[65])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.Forward(Array.Empty<float>())).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => net.Forward(new float[2 * 64], new int[1])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Forward(new float[64], new[] { 10 }));
        Assert.Throws<InvalidOperationException>(() => new DigitsNet(1).Backward(new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DigitsNet(0));
    }

    [Fact]
    public void Predict_takes_more_examples_than_the_batch_size_in_chunks()
    {
        var small = new DigitsNet(3, seed: 4);
        var large = new DigitsNet(10, seed: 4);
        float[] inputs = NetworkTestData.Inputs<float>(10 * 64, 5);
        int[] a = new int[10], b = new int[10];
        small.Predict(inputs, a);
        large.Predict(inputs, b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Save_and_load_round_trip_the_parameters()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cnngen-digits-{Guid.NewGuid():N}.cnng");
        try
        {
            var trained = new DigitsNet(1, seed: 1);
            trained.Parameters[17] = 1.25f;
            trained.Save(path);
            var fresh = new DigitsNet(1, seed: 2);
            fresh.Load(path);
            Assert.True(fresh.Parameters.SequenceEqual(trained.Parameters));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_a_mismatched_truncated_or_corrupt_file_throws_and_keeps_the_parameters()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cnngen-digits-{Guid.NewGuid():N}.cnng");
        var net = new DigitsNet(1, seed: 3);
        float[] original = net.Parameters.ToArray();
        try
        {
            // Another architecture (same parameter count, different signature).
            ParameterFile.Save<float>(path, "cnngen-network v1 | in 8x8x1 | something else", new float[DigitsNet.ParameterCount]);
            InvalidDataException other = Assert.Throws<InvalidDataException>(() => net.Load(path));
            Assert.Contains("architecture", other.Message, StringComparison.OrdinalIgnoreCase);
            Assert.True(net.Parameters.SequenceEqual(original));

            // The same architecture in double.
            new DigitsNetDouble(1, seed: 4).Save(path);
            Assert.Throws<InvalidDataException>(() => net.Load(path));
            Assert.True(net.Parameters.SequenceEqual(original));

            // Truncated.
            new DigitsNet(1, seed: 5).Save(path);
            byte[] bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 100).ToArray());
            Assert.Throws<InvalidDataException>(() => net.Load(path));
            Assert.True(net.Parameters.SequenceEqual(original));

            // Corrupt: one value's bits flipped.
            bytes[bytes.Length - 40] ^= 0x55;
            File.WriteAllBytes(path, bytes);
            Assert.Throws<InvalidDataException>(() => net.Load(path));
            Assert.True(net.Parameters.SequenceEqual(original));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[] TrainBriefly(ulong seed, int steps)
    {
        const int batch = 8;
        var net = new DigitsNet(batch, seed);
        var optimizer = new Adam<float>(0.01f);
        for (int step = 0; step < steps; step++)
        {
            float[] inputs = NetworkTestData.Inputs<float>(batch * 64, 100 + (ulong)step);
            int[] labels = NetworkTestData.Labels(batch, 10, 200 + (ulong)step);
            net.TrainStep(inputs, labels, optimizer);
        }

        return net.Parameters.ToArray();
    }

    private static float MeanLoss(DigitsNet net, ReadOnlySpan<float> images, ReadOnlySpan<int> labels)
    {
        double sum = 0;
        int count = labels.Length;
        for (int start = 0; start < count; start += net.MaxBatchSize)
        {
            int m = Math.Min(net.MaxBatchSize, count - start);
            sum += net.Forward(images.Slice(start * 64, m * 64), labels.Slice(start, m)) * m;
        }

        return (float)(sum / count);
    }
}
