namespace CnnGen.Generated.Tests.Pooling;

/// <summary>The runtime-shaped (generic) pooling kernels of src/CnnGen/Kernels, called with a test case's shape: the oracle.</summary>
internal static class GenericPool
{
    public static Pool2DGeometry Geometry(PoolCase layer) => new(layer.H, layer.W, layer.C, layer.F, layer.S);

    public static void Forward<T>(PoolCase layer, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (layer.Kind == PoolKind.Max)
        {
            MaxPool2DKernels.Forward(Geometry(layer), input, output);
        }
        else
        {
            AvgPool2DKernels.Forward(Geometry(layer), input, output);
        }
    }

    public static void Backward<T>(PoolCase layer, ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> input, Span<T> inputGradient)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (layer.Kind == PoolKind.Max)
        {
            MaxPool2DKernels.Backward(Geometry(layer), outputGradient, input, inputGradient);
        }
        else
        {
            AvgPool2DKernels.Backward(Geometry(layer), outputGradient, input, inputGradient);
        }
    }
}
