namespace CnnGen.Generated.Tests.Contract;

/// <summary>
/// A network with a layer of every kind. Its nested layer classes are private, so the checks that call them through
/// their interfaces live in this second declaration of the class: the generated network itself exposes nothing for them.
/// </summary>
[Network(InputHeight = 6, InputWidth = 6, InputChannels = 2)]
[ZeroPad2D(1)]
[Conv2D(f: 3, Filters = 3)]
[ReLU]
[MaxPool2D(f: 2, stride: 2)]
[AvgPool2D(f: 2)]
[Flatten]
[Dense(4)]
[SoftmaxCrossEntropy]
public partial class InterfaceNet
{
    /// <summary>
    /// Runs <see cref="LayerInterfaceChecks"/> on every nested layer for float, the network's element type (its layers are
    /// emitted for that type alone); returns the number of checks run.
    /// </summary>
    internal static int CheckNestedLayers(BatchParallel parallel)
    {
        LayerShape layer1ZeroPad2D = new(
            Layer1ZeroPad2D.InputHeight, Layer1ZeroPad2D.InputWidth, Layer1ZeroPad2D.InputChannels, Layer1ZeroPad2D.OutputHeight,
            Layer1ZeroPad2D.OutputWidth, Layer1ZeroPad2D.OutputChannels, Layer1ZeroPad2D.InputLength, Layer1ZeroPad2D.OutputLength);
        LayerInterfaceChecks.ParallelReshaping<Layer1ZeroPad2D, float>(
            layer1ZeroPad2D, Layer1ZeroPad2D.Forward, Layer1ZeroPad2D.Backward, Layer1ZeroPad2D.Forward, Layer1ZeroPad2D.Backward,
            parallel);

        LayerShape layer2Conv2D = new(
            Layer2Conv2D.InputHeight, Layer2Conv2D.InputWidth, Layer2Conv2D.InputChannels, Layer2Conv2D.OutputHeight,
            Layer2Conv2D.OutputWidth, Layer2Conv2D.OutputChannels, Layer2Conv2D.InputLength, Layer2Conv2D.OutputLength);
        LayerInterfaceChecks.ParallelWeighted<Layer2Conv2D, float>(
            layer2Conv2D, Layer2Conv2D.WeightsLength, Layer2Conv2D.BiasLength, Layer2Conv2D.Forward, Layer2Conv2D.Backward,
            Layer2Conv2D.Forward, Layer2Conv2D.Backward, parallel);

        LayerShape layer3ReLU = new(
            Layer3ReLU.InputHeight, Layer3ReLU.InputWidth, Layer3ReLU.InputChannels, Layer3ReLU.OutputHeight,
            Layer3ReLU.OutputWidth, Layer3ReLU.OutputChannels, Layer3ReLU.InputLength, Layer3ReLU.OutputLength);
        LayerInterfaceChecks.Unweighted<Layer3ReLU, float>(layer3ReLU, Layer3ReLU.Forward, Layer3ReLU.Backward);

        LayerShape layer4MaxPool2D = new(
            Layer4MaxPool2D.InputHeight, Layer4MaxPool2D.InputWidth, Layer4MaxPool2D.InputChannels, Layer4MaxPool2D.OutputHeight,
            Layer4MaxPool2D.OutputWidth, Layer4MaxPool2D.OutputChannels, Layer4MaxPool2D.InputLength, Layer4MaxPool2D.OutputLength);
        LayerInterfaceChecks.ParallelUnweighted<Layer4MaxPool2D, float>(
            layer4MaxPool2D, Layer4MaxPool2D.Forward, Layer4MaxPool2D.Backward, Layer4MaxPool2D.Forward, Layer4MaxPool2D.Backward,
            parallel);

        LayerShape layer5AvgPool2D = new(
            Layer5AvgPool2D.InputHeight, Layer5AvgPool2D.InputWidth, Layer5AvgPool2D.InputChannels, Layer5AvgPool2D.OutputHeight,
            Layer5AvgPool2D.OutputWidth, Layer5AvgPool2D.OutputChannels, Layer5AvgPool2D.InputLength, Layer5AvgPool2D.OutputLength);
        LayerInterfaceChecks.ParallelUnweighted<Layer5AvgPool2D, float>(
            layer5AvgPool2D, Layer5AvgPool2D.Forward, Layer5AvgPool2D.Backward, Layer5AvgPool2D.Forward, Layer5AvgPool2D.Backward,
            parallel);

        LayerShape layer6Flatten = new(
            Layer6Flatten.InputHeight, Layer6Flatten.InputWidth, Layer6Flatten.InputChannels, Layer6Flatten.OutputHeight,
            Layer6Flatten.OutputWidth, Layer6Flatten.OutputChannels, Layer6Flatten.InputLength, Layer6Flatten.OutputLength);
        LayerInterfaceChecks.Reshaping<Layer6Flatten, float>(layer6Flatten, Layer6Flatten.Forward, Layer6Flatten.Backward);

        LayerShape layer7Dense = new(
            Layer7Dense.InputHeight, Layer7Dense.InputWidth, Layer7Dense.InputChannels, Layer7Dense.OutputHeight,
            Layer7Dense.OutputWidth, Layer7Dense.OutputChannels, Layer7Dense.InputLength, Layer7Dense.OutputLength);
        LayerInterfaceChecks.Weighted<Layer7Dense, float>(
            layer7Dense, Layer7Dense.WeightsLength, Layer7Dense.BiasLength, Layer7Dense.Forward, Layer7Dense.Backward);

        LayerShape layer8SoftmaxCrossEntropy = new(
            Layer8SoftmaxCrossEntropy.InputHeight, Layer8SoftmaxCrossEntropy.InputWidth, Layer8SoftmaxCrossEntropy.InputChannels, Layer8SoftmaxCrossEntropy.OutputHeight,
            Layer8SoftmaxCrossEntropy.OutputWidth, Layer8SoftmaxCrossEntropy.OutputChannels, Layer8SoftmaxCrossEntropy.InputLength, Layer8SoftmaxCrossEntropy.OutputLength);
        LayerInterfaceChecks.Loss<Layer8SoftmaxCrossEntropy, float>(
            layer8SoftmaxCrossEntropy, Layer8SoftmaxCrossEntropy.Softmax, Layer8SoftmaxCrossEntropy.Forward,
            Layer8SoftmaxCrossEntropy.Backward);

        return 8;
    }
}
