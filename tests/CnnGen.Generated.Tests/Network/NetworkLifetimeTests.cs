using System.Runtime.CompilerServices;
using CnnGen.TestSupport;

namespace CnnGen.Generated.Tests.Network;

/// <summary>Counts the process's threads, so nothing else may start or stop threads meanwhile.</summary>
[CollectionDefinition(nameof(ThreadCounting), DisableParallelization = true)]
public sealed class ThreadCounting
{
}

/// <summary>
/// A network built with more than one thread owns a runner whose workers last ran the network's own work: dropping the
/// network must still free it and stop those workers, whatever tier the JIT runs the workers at.
/// </summary>
[Collection(nameof(ThreadCounting))]
public class NetworkLifetimeTests
{
    private const int Networks = 20;

    [Fact]
    public void Dropped_networks_with_two_threads_are_collected_and_their_workers_exit()
    {
        ThreadCensus.CollectEverything();
        int before = ThreadCensus.ProcessThreads();

        WeakReference[] networks = TrainAndDrop(Networks);
        ThreadCensus.CollectEverything();

        int alive = networks.Count(network => network.IsAlive);
        Assert.True(alive == 0, $"{alive} of {Networks} dropped two-thread networks are still alive after full collections");

        // Each network started one worker; fewer than half of them left over is the process's own coming and going.
        int after = ThreadCensus.WaitForAtMost(before + (Networks / 2));
        Assert.True(after <= before + (Networks / 2), $"{after} threads after dropping {Networks} two-thread networks, {before} before");
    }

    [Fact]
    public void Disposed_networks_have_stopped_their_workers()
    {
        ThreadCensus.CollectEverything();
        int before = ThreadCensus.ProcessThreads();
        var networks = new DigitsNet[Networks];
        for (int i = 0; i < networks.Length; i++)
        {
            networks[i] = new DigitsNet(4, seed: 1, threads: 2);
            networks[i].Forward(NetworkTestData.Inputs<float>(4 * DigitsNet.InputLength, 5));
        }

        foreach (DigitsNet network in networks)
        {
            network.Dispose();
        }

        int after = ThreadCensus.WaitForAtMost(before + (Networks / 2));
        Assert.True(after <= before + (Networks / 2), $"{after} threads after disposing {Networks} two-thread networks, {before} before");
        GC.KeepAlive(networks);
    }

    /// <summary>Creates networks, trains each a few steps, and returns only weak references to them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] TrainAndDrop(int count)
    {
        const int batch = 4;
        float[] inputs = NetworkTestData.Inputs<float>(batch * DigitsNet.InputLength, 3);
        int[] labels = NetworkTestData.Labels(batch, DigitsNet.ClassCount, 4);
        var networks = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            var network = new DigitsNet(batch, seed: (ulong)i, threads: 2);
            var optimizer = new SgdMomentum<float>(0.01f, 0.9f);
            for (int step = 0; step < 3; step++)
            {
                Assert.True(float.IsFinite(network.TrainStep(inputs, labels, optimizer)));
            }

            networks[i] = new WeakReference(network);
        }

        return networks;
    }
}
