using CnnGen.Generated.Tests.Layers;
using CnnGen.Generated.Tests.Network;
using CnnGen.Generated.Tests.Pooling;
using CnnGen.Generated.Tests.Threading;
using static CnnGen.Generated.Tests.Contract.LayerInterfaceChecks;

namespace CnnGen.Generated.Tests.Contract;

/// <summary>
/// Layers declared across this project, several of every kind, and the layers nested in a network, called only through
/// their layer-contract interfaces (as generic code calls them, for float and double, with and without a batch runner
/// where the layer has one) give the same bits as the same layers called directly (see <see cref="LayerInterfaceChecks"/>).
/// </summary>
public class LayerInterfaceTests
{
    [Fact]
    public void Convolutions_give_the_same_results_through_IParallelWeightedLayer()
    {
        using var parallel = new BatchParallel(2);
        LayerShape seedConv = new(
            SeedConv.InputHeight, SeedConv.InputWidth, SeedConv.InputChannels, SeedConv.OutputHeight,
            SeedConv.OutputWidth, SeedConv.OutputChannels, SeedConv.InputLength, SeedConv.OutputLength);
        ParallelWeighted<SeedConv, float>(
            seedConv, SeedConv.WeightsLength, SeedConv.BiasLength, SeedConv.Forward, SeedConv.Backward, SeedConv.Forward, SeedConv.Backward,
            parallel);
        ParallelWeighted<SeedConv, double>(
            seedConv, SeedConv.WeightsLength, SeedConv.BiasLength, SeedConv.Forward, SeedConv.Backward, SeedConv.Forward, SeedConv.Backward,
            parallel);

        LayerShape overlapConv = new(
            OverlapConv.InputHeight, OverlapConv.InputWidth, OverlapConv.InputChannels, OverlapConv.OutputHeight,
            OverlapConv.OutputWidth, OverlapConv.OutputChannels, OverlapConv.InputLength, OverlapConv.OutputLength);
        ParallelWeighted<OverlapConv, float>(
            overlapConv, OverlapConv.WeightsLength, OverlapConv.BiasLength, OverlapConv.Forward, OverlapConv.Backward, OverlapConv.Forward,
            OverlapConv.Backward, parallel);
        ParallelWeighted<OverlapConv, double>(
            overlapConv, OverlapConv.WeightsLength, OverlapConv.BiasLength, OverlapConv.Forward, OverlapConv.Backward, OverlapConv.Forward,
            OverlapConv.Backward, parallel);

        LayerShape shardedStridedConv = new(
            ShardedStridedConv.InputHeight, ShardedStridedConv.InputWidth, ShardedStridedConv.InputChannels, ShardedStridedConv.OutputHeight,
            ShardedStridedConv.OutputWidth, ShardedStridedConv.OutputChannels, ShardedStridedConv.InputLength, ShardedStridedConv.OutputLength);
        ParallelWeighted<ShardedStridedConv, float>(
            shardedStridedConv, ShardedStridedConv.WeightsLength, ShardedStridedConv.BiasLength, ShardedStridedConv.Forward,
            ShardedStridedConv.Backward, ShardedStridedConv.Forward, ShardedStridedConv.Backward, parallel);
        ParallelWeighted<ShardedStridedConv, double>(
            shardedStridedConv, ShardedStridedConv.WeightsLength, ShardedStridedConv.BiasLength, ShardedStridedConv.Forward,
            ShardedStridedConv.Backward, ShardedStridedConv.Forward, ShardedStridedConv.Backward, parallel);
    }

    [Fact]
    public void Max_pools_give_the_same_results_through_IParallelUnweightedLayer()
    {
        using var parallel = new BatchParallel(2);
        LayerShape seedMaxPool = new(
            SeedMaxPool.InputHeight, SeedMaxPool.InputWidth, SeedMaxPool.InputChannels, SeedMaxPool.OutputHeight,
            SeedMaxPool.OutputWidth, SeedMaxPool.OutputChannels, SeedMaxPool.InputLength, SeedMaxPool.OutputLength);
        ParallelUnweighted<SeedMaxPool, float>(
            seedMaxPool, SeedMaxPool.Forward, SeedMaxPool.Backward, SeedMaxPool.Forward, SeedMaxPool.Backward, parallel);
        ParallelUnweighted<SeedMaxPool, double>(
            seedMaxPool, SeedMaxPool.Forward, SeedMaxPool.Backward, SeedMaxPool.Forward, SeedMaxPool.Backward, parallel);

        LayerShape overlapMaxPool = new(
            OverlapMaxPool.InputHeight, OverlapMaxPool.InputWidth, OverlapMaxPool.InputChannels, OverlapMaxPool.OutputHeight,
            OverlapMaxPool.OutputWidth, OverlapMaxPool.OutputChannels, OverlapMaxPool.InputLength, OverlapMaxPool.OutputLength);
        ParallelUnweighted<OverlapMaxPool, float>(
            overlapMaxPool, OverlapMaxPool.Forward, OverlapMaxPool.Backward, OverlapMaxPool.Forward, OverlapMaxPool.Backward, parallel);
        ParallelUnweighted<OverlapMaxPool, double>(
            overlapMaxPool, OverlapMaxPool.Forward, OverlapMaxPool.Backward, OverlapMaxPool.Forward, OverlapMaxPool.Backward, parallel);

        LayerShape shardedMaxPool = new(
            ShardedMaxPool.InputHeight, ShardedMaxPool.InputWidth, ShardedMaxPool.InputChannels, ShardedMaxPool.OutputHeight,
            ShardedMaxPool.OutputWidth, ShardedMaxPool.OutputChannels, ShardedMaxPool.InputLength, ShardedMaxPool.OutputLength);
        ParallelUnweighted<ShardedMaxPool, float>(
            shardedMaxPool, ShardedMaxPool.Forward, ShardedMaxPool.Backward, ShardedMaxPool.Forward, ShardedMaxPool.Backward, parallel);
        ParallelUnweighted<ShardedMaxPool, double>(
            shardedMaxPool, ShardedMaxPool.Forward, ShardedMaxPool.Backward, ShardedMaxPool.Forward, ShardedMaxPool.Backward, parallel);
    }

    [Fact]
    public void Average_pools_give_the_same_results_through_IParallelUnweightedLayer()
    {
        using var parallel = new BatchParallel(2);
        LayerShape seedAvgPool = new(
            SeedAvgPool.InputHeight, SeedAvgPool.InputWidth, SeedAvgPool.InputChannels, SeedAvgPool.OutputHeight,
            SeedAvgPool.OutputWidth, SeedAvgPool.OutputChannels, SeedAvgPool.InputLength, SeedAvgPool.OutputLength);
        ParallelUnweighted<SeedAvgPool, float>(
            seedAvgPool, SeedAvgPool.Forward, SeedAvgPool.Backward, SeedAvgPool.Forward, SeedAvgPool.Backward, parallel);
        ParallelUnweighted<SeedAvgPool, double>(
            seedAvgPool, SeedAvgPool.Forward, SeedAvgPool.Backward, SeedAvgPool.Forward, SeedAvgPool.Backward, parallel);

        LayerShape overlapAvgPool = new(
            OverlapAvgPool.InputHeight, OverlapAvgPool.InputWidth, OverlapAvgPool.InputChannels, OverlapAvgPool.OutputHeight,
            OverlapAvgPool.OutputWidth, OverlapAvgPool.OutputChannels, OverlapAvgPool.InputLength, OverlapAvgPool.OutputLength);
        ParallelUnweighted<OverlapAvgPool, float>(
            overlapAvgPool, OverlapAvgPool.Forward, OverlapAvgPool.Backward, OverlapAvgPool.Forward, OverlapAvgPool.Backward, parallel);
        ParallelUnweighted<OverlapAvgPool, double>(
            overlapAvgPool, OverlapAvgPool.Forward, OverlapAvgPool.Backward, OverlapAvgPool.Forward, OverlapAvgPool.Backward, parallel);

        LayerShape shardedAvgPool = new(
            ShardedAvgPool.InputHeight, ShardedAvgPool.InputWidth, ShardedAvgPool.InputChannels, ShardedAvgPool.OutputHeight,
            ShardedAvgPool.OutputWidth, ShardedAvgPool.OutputChannels, ShardedAvgPool.InputLength, ShardedAvgPool.OutputLength);
        ParallelUnweighted<ShardedAvgPool, float>(
            shardedAvgPool, ShardedAvgPool.Forward, ShardedAvgPool.Backward, ShardedAvgPool.Forward, ShardedAvgPool.Backward, parallel);
        ParallelUnweighted<ShardedAvgPool, double>(
            shardedAvgPool, ShardedAvgPool.Forward, ShardedAvgPool.Backward, ShardedAvgPool.Forward, ShardedAvgPool.Backward, parallel);
    }

    [Fact]
    public void Zero_paddings_give_the_same_results_through_IParallelReshapingLayer()
    {
        using var parallel = new BatchParallel(2);
        LayerShape seedZeroPad = new(
            SeedZeroPad.InputHeight, SeedZeroPad.InputWidth, SeedZeroPad.InputChannels, SeedZeroPad.OutputHeight,
            SeedZeroPad.OutputWidth, SeedZeroPad.OutputChannels, SeedZeroPad.InputLength, SeedZeroPad.OutputLength);
        ParallelReshaping<SeedZeroPad, float>(
            seedZeroPad, SeedZeroPad.Forward, SeedZeroPad.Backward, SeedZeroPad.Forward, SeedZeroPad.Backward, parallel);
        ParallelReshaping<SeedZeroPad, double>(
            seedZeroPad, SeedZeroPad.Forward, SeedZeroPad.Backward, SeedZeroPad.Forward, SeedZeroPad.Backward, parallel);

        LayerShape overlapZeroPad = new(
            OverlapZeroPad.InputHeight, OverlapZeroPad.InputWidth, OverlapZeroPad.InputChannels, OverlapZeroPad.OutputHeight,
            OverlapZeroPad.OutputWidth, OverlapZeroPad.OutputChannels, OverlapZeroPad.InputLength, OverlapZeroPad.OutputLength);
        ParallelReshaping<OverlapZeroPad, float>(
            overlapZeroPad, OverlapZeroPad.Forward, OverlapZeroPad.Backward, OverlapZeroPad.Forward, OverlapZeroPad.Backward, parallel);
        ParallelReshaping<OverlapZeroPad, double>(
            overlapZeroPad, OverlapZeroPad.Forward, OverlapZeroPad.Backward, OverlapZeroPad.Forward, OverlapZeroPad.Backward, parallel);

        LayerShape shardedZeroPad = new(
            ShardedZeroPad.InputHeight, ShardedZeroPad.InputWidth, ShardedZeroPad.InputChannels, ShardedZeroPad.OutputHeight,
            ShardedZeroPad.OutputWidth, ShardedZeroPad.OutputChannels, ShardedZeroPad.InputLength, ShardedZeroPad.OutputLength);
        ParallelReshaping<ShardedZeroPad, float>(
            shardedZeroPad, ShardedZeroPad.Forward, ShardedZeroPad.Backward, ShardedZeroPad.Forward, ShardedZeroPad.Backward, parallel);
        ParallelReshaping<ShardedZeroPad, double>(
            shardedZeroPad, ShardedZeroPad.Forward, ShardedZeroPad.Backward, ShardedZeroPad.Forward, ShardedZeroPad.Backward, parallel);
    }

    [Fact]
    public void ReLUs_give_the_same_results_through_IUnweightedLayer()
    {
        LayerShape overlapReLU = new(
            OverlapReLU.InputHeight, OverlapReLU.InputWidth, OverlapReLU.InputChannels, OverlapReLU.OutputHeight,
            OverlapReLU.OutputWidth, OverlapReLU.OutputChannels, OverlapReLU.InputLength, OverlapReLU.OutputLength);
        Unweighted<OverlapReLU, float>(overlapReLU, OverlapReLU.Forward, OverlapReLU.Backward);
        Unweighted<OverlapReLU, double>(overlapReLU, OverlapReLU.Forward, OverlapReLU.Backward);

        LayerShape oddReLU = new(
            OddReLU.InputHeight, OddReLU.InputWidth, OddReLU.InputChannels, OddReLU.OutputHeight,
            OddReLU.OutputWidth, OddReLU.OutputChannels, OddReLU.InputLength, OddReLU.OutputLength);
        Unweighted<OddReLU, float>(oddReLU, OddReLU.Forward, OddReLU.Backward);
        Unweighted<OddReLU, double>(oddReLU, OddReLU.Forward, OddReLU.Backward);
    }

    [Fact]
    public void Flattens_give_the_same_results_through_IReshapingLayer()
    {
        LayerShape overlapFlatten = new(
            OverlapFlatten.InputHeight, OverlapFlatten.InputWidth, OverlapFlatten.InputChannels, OverlapFlatten.OutputHeight,
            OverlapFlatten.OutputWidth, OverlapFlatten.OutputChannels, OverlapFlatten.InputLength, OverlapFlatten.OutputLength);
        Reshaping<OverlapFlatten, float>(overlapFlatten, OverlapFlatten.Forward, OverlapFlatten.Backward);
        Reshaping<OverlapFlatten, double>(overlapFlatten, OverlapFlatten.Forward, OverlapFlatten.Backward);

        LayerShape smallFlatten = new(
            SmallFlatten.InputHeight, SmallFlatten.InputWidth, SmallFlatten.InputChannels, SmallFlatten.OutputHeight,
            SmallFlatten.OutputWidth, SmallFlatten.OutputChannels, SmallFlatten.InputLength, SmallFlatten.OutputLength);
        Reshaping<SmallFlatten, float>(smallFlatten, SmallFlatten.Forward, SmallFlatten.Backward);
        Reshaping<SmallFlatten, double>(smallFlatten, SmallFlatten.Forward, SmallFlatten.Backward);
    }

    [Fact]
    public void Dense_layers_give_the_same_results_through_IWeightedLayer()
    {
        LayerShape overlapDense = new(
            OverlapDense.InputHeight, OverlapDense.InputWidth, OverlapDense.InputChannels, OverlapDense.OutputHeight,
            OverlapDense.OutputWidth, OverlapDense.OutputChannels, OverlapDense.InputLength, OverlapDense.OutputLength);
        Weighted<OverlapDense, float>(
            overlapDense, OverlapDense.WeightsLength, OverlapDense.BiasLength, OverlapDense.Forward, OverlapDense.Backward);
        Weighted<OverlapDense, double>(
            overlapDense, OverlapDense.WeightsLength, OverlapDense.BiasLength, OverlapDense.Forward, OverlapDense.Backward);

        LayerShape tenUnitDense = new(
            TenUnitDense.InputHeight, TenUnitDense.InputWidth, TenUnitDense.InputChannels, TenUnitDense.OutputHeight,
            TenUnitDense.OutputWidth, TenUnitDense.OutputChannels, TenUnitDense.InputLength, TenUnitDense.OutputLength);
        Weighted<TenUnitDense, float>(
            tenUnitDense, TenUnitDense.WeightsLength, TenUnitDense.BiasLength, TenUnitDense.Forward, TenUnitDense.Backward);
        Weighted<TenUnitDense, double>(
            tenUnitDense, TenUnitDense.WeightsLength, TenUnitDense.BiasLength, TenUnitDense.Forward, TenUnitDense.Backward);

        LayerShape widerDense = new(
            WiderDense.InputHeight, WiderDense.InputWidth, WiderDense.InputChannels, WiderDense.OutputHeight,
            WiderDense.OutputWidth, WiderDense.OutputChannels, WiderDense.InputLength, WiderDense.OutputLength);
        Weighted<WiderDense, float>(widerDense, WiderDense.WeightsLength, WiderDense.BiasLength, WiderDense.Forward, WiderDense.Backward);
        Weighted<WiderDense, double>(widerDense, WiderDense.WeightsLength, WiderDense.BiasLength, WiderDense.Forward, WiderDense.Backward);
    }

    [Fact]
    public void Losses_give_the_same_results_through_ILossLayer()
    {
        LayerShape overlapLoss = new(
            OverlapLoss.InputHeight, OverlapLoss.InputWidth, OverlapLoss.InputChannels, OverlapLoss.OutputHeight,
            OverlapLoss.OutputWidth, OverlapLoss.OutputChannels, OverlapLoss.InputLength, OverlapLoss.OutputLength);
        Loss<OverlapLoss, float>(overlapLoss, OverlapLoss.Softmax, OverlapLoss.Forward, OverlapLoss.Backward);
        Loss<OverlapLoss, double>(overlapLoss, OverlapLoss.Softmax, OverlapLoss.Forward, OverlapLoss.Backward);

        LayerShape tenClassLoss = new(
            TenClassLoss.InputHeight, TenClassLoss.InputWidth, TenClassLoss.InputChannels, TenClassLoss.OutputHeight,
            TenClassLoss.OutputWidth, TenClassLoss.OutputChannels, TenClassLoss.InputLength, TenClassLoss.OutputLength);
        Loss<TenClassLoss, float>(tenClassLoss, TenClassLoss.Softmax, TenClassLoss.Forward, TenClassLoss.Backward);
        Loss<TenClassLoss, double>(tenClassLoss, TenClassLoss.Softmax, TenClassLoss.Forward, TenClassLoss.Backward);
    }

    [Fact]
    public void A_networks_nested_layers_give_the_same_results_through_their_interfaces()
    {
        using var parallel = new BatchParallel(2);
        Assert.Equal(InterfaceNet.LayerCount, InterfaceNet.CheckNestedLayers(parallel)); // one element type: the network's
    }
}
