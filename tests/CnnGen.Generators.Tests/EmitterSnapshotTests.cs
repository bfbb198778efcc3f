using CnnGen.Generators.Emitting;
using CnnGen.Generators.Model;
using CnnGen.Generators.Tests.Infrastructure;

namespace CnnGen.Generators.Tests;

/// <summary>
/// Emitters driven straight from hand-built models, without parsing: the kernel bodies a whole-network emitter would
/// reuse, and shapes at the edges of the emitters' choices (unrolled versus looped taps, flattened stride-1 runs).
/// </summary>
public class EmitterSnapshotTests
{
    private static TargetTypeSpec Target(string name) =>
        new("Models", new[] { new TypeDeclarationPart("partial class", name) }.ToEquatableArray(), "Models." + name, IsStatic: false);

    [Fact]
    public void Max_pool_forward_kernel_alone()
    {
        var spec = new Pool2DSpec(Target("P"), Model.PoolMode.Max, new FeatureMapShape(4, 4, 16), 2, 2);
        var writer = new IndentedWriter();
        Pool2DEmitter.EmitForwardKernel(writer, spec, "MaxPool1Forward");
        Snapshot.VerifyText(writer.ToString(), "MaxPool1Forward");
    }

    [Fact]
    public void Average_pool_backward_kernel_with_looped_taps()
    {
        var spec = new Pool2DSpec(Target("P"), Model.PoolMode.Average, new FeatureMapShape(9, 9, 2), 5, 1);
        var writer = new IndentedWriter();
        Pool2DEmitter.EmitBackwardKernel(writer, spec, "AvgPool1Backward");
        Snapshot.VerifyText(writer.ToString(), "AvgPool1Backward");
    }

    [Fact]
    public void Zero_pad_kernels_alone()
    {
        var spec = new ZeroPad2DSpec(Target("Z"), new FeatureMapShape(3, 2, 5), 1);
        var writer = new IndentedWriter();
        ZeroPad2DEmitter.EmitForwardKernel(writer, spec, "Pad1Forward");
        writer.Line();
        ZeroPad2DEmitter.EmitBackwardKernel(writer, spec, "Pad1Backward");
        Snapshot.VerifyText(writer.ToString(), "Pad1Kernels");
    }

    [Fact]
    public void Whole_file_for_a_max_pool_of_one_channel_four_taps()
    {
        var spec = new Pool2DSpec(Target("Tiny"), Model.PoolMode.Max, new FeatureMapShape(2, 2, 1), 2, 1);
        Snapshot.VerifyText(LayerSourceEmitter.Emit(spec), "Models.Tiny.g");
    }

    [Fact]
    public void Models_are_equal_by_value()
    {
        var a = new Pool2DSpec(Target("Tiny"), Model.PoolMode.Max, new FeatureMapShape(2, 2, 1), 2, 1);
        var b = new Pool2DSpec(Target("Tiny"), Model.PoolMode.Max, new FeatureMapShape(2, 2, 1), 2, 1);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Stride = 2 });
    }
}
