using CnnGen.Generators.Parsing;

namespace CnnGen.Generators.Tests;

/// <summary>The names CNN0012 reserves: a network's fixed and per-layer member names, and the layer members.</summary>
public class DeclarationValidatorTests
{
    [Theory]
    [InlineData("Forward")]
    [InlineData("Predict")]
    [InlineData("TrainStep")]
    [InlineData("Save")]
    [InlineData("Load")]
    [InlineData("Parameters")]
    [InlineData("ParameterCount")]
    [InlineData("Architecture")]
    [InlineData("Dispose")]
    [InlineData("EnterCall")]
    [InlineData("_disposed")]
    [InlineData("Layer1OutputLength")]
    [InlineData("Layer12FanIn")]
    [InlineData("Layer3Dense")]
    [InlineData("Layer10SoftmaxCrossEntropy")]
    [InlineData("_activationGradient2")]
    public void Network_member_names_are_reserved_for_networks(string name)
    {
        Assert.True(DeclarationValidator.IsReserved(name, DeclarationKind.Network));
    }

    [Theory]
    [InlineData("DigitsNet")]
    [InlineData("Layer")]
    [InlineData("Layer1")]
    [InlineData("LayerOutputLength")]
    [InlineData("Layer1Bogus")]
    [InlineData("Stride")]
    [InlineData("Units")]
    [InlineData("_activation")]
    public void Other_names_are_free_for_networks(string name)
    {
        Assert.False(DeclarationValidator.IsReserved(name, DeclarationKind.Network));
    }

    [Theory]
    [InlineData("Stride", true)]
    [InlineData("Units", true)]
    [InlineData("Softmax", true)]
    [InlineData("Forward", true)]
    [InlineData("Predict", false)]
    [InlineData("Layer1OutputLength", false)]
    public void Layer_member_names_are_reserved_for_layers(string name, bool reserved)
    {
        Assert.Equal(reserved, DeclarationValidator.IsReserved(name, DeclarationKind.Layer));
    }
}
