namespace CnnGen.Generated.Tests.Network;

[Dropout(0.25, InputHeight = 3, InputWidth = 4, InputChannels = 5)]
public partial class QuarterDropout { }

/// <summary>PyTorch's default rate, on a vector.</summary>
[Dropout(InputLength = 33)]
public partial class HalfDropout { }

/// <summary>Dropout before the classifier, in double, for the gradient check and the thread test.</summary>
[Network(InputHeight = 5, InputWidth = 5, InputChannels = 2, Precision = NetworkPrecision.Double)]
[Conv2D(f: 3, pad: 1, Filters = 4)]
[Tanh]
[Flatten]
[Dense(16)]
[Tanh]
[Dropout(0.4)]
[Dense(3)]
[SoftmaxCrossEntropy]
public partial class DropoutNet { }

public class DropoutLayerTests
{
    [Fact]
    public void Generated_layers_equal_the_kernels()
    {
        Assert.Equal(0.25, QuarterDropout.Rate);
        Assert.Equal(0.5, HalfDropout.Rate);
        float[] input = NetworkTestData.Inputs<float>(2 * QuarterDropout.InputLength, 1);
        float[] output = new float[input.Length], mask = new float[input.Length], expected = new float[input.Length], expectedMask = new float[input.Length];
        QuarterDropout.ForwardTraining(input, output, mask, seed: 9);
        DropoutKernels.ForwardTraining<float>(0.25, 9, input, expected, expectedMask);
        Assert.Equal(expected, output);
        Assert.Equal(expectedMask, mask);

        float[] gradient = NetworkTestData.Inputs<float>(input.Length, 2), inputGradient = new float[input.Length];
        QuarterDropout.Backward(gradient, mask, inputGradient);
        Assert.Equal(gradient.Select((g, i) => g * mask[i]), inputGradient);

        QuarterDropout.ForwardEvaluation(input, output);
        Assert.Equal(input, output);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => HalfDropout.ForwardTraining(new double[33], new double[33], new double[32], 0)).ParamName);
    }

    [Fact]
    public void A_network_with_dropout_has_the_gradient_of_finite_differences_for_its_current_masks()
    {
        using var net = new DropoutNet(4, seed: 3);
        double[] inputs = NetworkTestData.Inputs<double>(4 * DropoutNet.InputLength, 4);
        int[] labels = NetworkTestData.Labels(4, DropoutNet.ClassCount, 5);
        net.ComputeGradients(inputs, labels);
        double[] analytic = net.Gradients.ToArray();
        FiniteDifferences.Check("parameter", analytic, 3, i => net.Parameters[i], (i, value) => net.Parameters[i] = value, () => net.Forward(inputs, labels));
    }

    [Fact]
    public void Masks_change_with_each_training_step_and_not_in_evaluation()
    {
        using var net = new DropoutNet(4, seed: 6);
        double[] inputs = NetworkTestData.Inputs<double>(4 * DropoutNet.InputLength, 7);
        int[] labels = NetworkTestData.Labels(4, DropoutNet.ClassCount, 8);
        double[] first = net.Forward(inputs).ToArray();
        Assert.Equal(first, net.Forward(inputs).ToArray());

        net.TrainStep(inputs, labels, new SgdMomentum<double>(0, 0)); // a step that changes no parameter, only the masks
        Assert.Equal(1, net.DropoutStep);
        Assert.NotEqual(first, net.Forward(inputs).ToArray());

        net.Training = false;
        double[] evaluated = net.Forward(inputs).ToArray();
        net.DropoutStep = 5;
        Assert.Equal(evaluated, net.Forward(inputs).ToArray());
    }

    [Fact]
    public void Two_threads_draw_the_masks_one_thread_draws()
    {
        using var one = new DropoutNet(6, seed: 10);
        using var two = new DropoutNet(6, seed: 10, threads: 2);
        double[] inputs = NetworkTestData.Inputs<double>(6 * DropoutNet.InputLength, 11);
        int[] labels = NetworkTestData.Labels(6, DropoutNet.ClassCount, 12);
        double lossOne = one.ComputeGradients(inputs, labels);
        double lossTwo = two.ComputeGradients(inputs, labels);
        Assert.Equal(lossOne, lossTwo, 12);
        Assert.Equal(one.Probabilities.ToArray(), two.Probabilities.ToArray());
        double[] gradientsOne = one.Gradients.ToArray(), gradientsTwo = two.Gradients.ToArray();
        for (int i = 0; i < gradientsOne.Length; i++)
        {
            Assert.Equal(gradientsOne[i], gradientsTwo[i], 12);
        }
    }
}
