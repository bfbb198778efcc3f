using System.Reflection;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>The geometry of one convolution layer at one batch size, read from its <see cref="Conv2DAttribute"/>.</summary>
public readonly record struct ConvShape(int Batch, int Height, int Width, int InputChannels, int FilterSize, int Stride, int Pad, int Filters)
{
    public int OutputHeight => (Height + 2 * Pad - FilterSize) / Stride + 1;

    public int OutputWidth => (Width + 2 * Pad - FilterSize) / Stride + 1;

    public int InputLength => Batch * Height * Width * InputChannels;

    public int OutputLength => Batch * OutputHeight * OutputWidth * Filters;

    public int WeightsLength => FilterSize * FilterSize * InputChannels * Filters;

    public int BiasLength => Filters;

    /// <summary>
    /// Floating-point operations of one forward pass: one multiply and one add per weight per output position,
    /// 2·m·Ho·Wo·Cout·f²·Cin (the bias add is not counted).
    /// </summary>
    public double ForwardFlops => 2.0 * Batch * OutputHeight * OutputWidth * Filters * FilterSize * FilterSize * InputChannels;

    /// <summary>
    /// Floating-point operations of one backward pass, counted as the input gradient plus the weights gradient,
    /// each as large as the forward pass: 2 × <see cref="ForwardFlops"/> (the bias gradient is not counted).
    /// </summary>
    public double BackwardFlops => 2.0 * ForwardFlops;

    public static ConvShape Of(Type layer, int batch)
    {
        Conv2DAttribute a = layer.GetCustomAttribute<Conv2DAttribute>()
            ?? throw new InvalidOperationException($"{layer.Name} carries no [Conv2D].");
        return new ConvShape(batch, a.InputHeight, a.InputWidth, a.InputChannels, a.FilterSize, a.Stride, a.Pad, a.Filters);
    }

    public override string ToString() =>
        $"m {Batch}, {Height}×{Width}×{InputChannels} → {OutputHeight}×{OutputWidth}×{Filters}, f {FilterSize}, stride {Stride}, pad {Pad}";
}

/// <summary>Maximum or average pooling.</summary>
public enum PoolKind
{
    Max,
    Average,
}

/// <summary>The geometry of one pooling layer at one batch size, read from its pooling attribute.</summary>
public readonly record struct PoolShape(PoolKind Kind, int Batch, int Height, int Width, int Channels, int FilterSize, int Stride)
{
    public int OutputHeight => (Height - FilterSize) / Stride + 1;

    public int OutputWidth => (Width - FilterSize) / Stride + 1;

    public int InputLength => Batch * Height * Width * Channels;

    public int OutputLength => Batch * OutputHeight * OutputWidth * Channels;

    public static PoolShape Of(Type layer, int batch)
    {
        if (layer.GetCustomAttribute<MaxPool2DAttribute>() is { } max)
        {
            return new PoolShape(PoolKind.Max, batch, max.InputHeight, max.InputWidth, max.InputChannels, max.FilterSize, max.Stride);
        }

        if (layer.GetCustomAttribute<AvgPool2DAttribute>() is { } avg)
        {
            return new PoolShape(PoolKind.Average, batch, avg.InputHeight, avg.InputWidth, avg.InputChannels, avg.FilterSize, avg.Stride);
        }

        throw new InvalidOperationException($"{layer.Name} carries no [MaxPool2D] or [AvgPool2D].");
    }

    public override string ToString() =>
        $"{Kind} m {Batch}, {Height}×{Width}×{Channels} → {OutputHeight}×{OutputWidth}×{Channels}, f {FilterSize}, stride {Stride}";
}
