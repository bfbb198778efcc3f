namespace CnnGen.Generated.Sharding;

/// <summary>
/// One kind of sharded kernel call, kept by a <see cref="BatchParallel"/> (<see cref="BatchParallel.Job{TJob}"/>) and reused
/// by every call of that kind: the arguments of the call in progress live in the derived job's fields, and the delegate
/// the workers run is made once here, so a call allocates nothing.
/// </summary>
/// <remarks>
/// The spans a call receives cannot be captured, so the derived jobs pin them for the duration of the call and keep
/// pointers, which they clear again before returning: between calls a job holds no pointer and no kernel. A job is used only
/// by a call that holds its runner, so no other call can overwrite those fields while the shards read them.
/// </remarks>
internal abstract class ShardJob
{
    private readonly Action<int> _work;
    private int _batch;
    private int _shards;

    protected ShardJob()
    {
        _work = Dispatch;
    }

    /// <summary>
    /// Runs <see cref="RunShard"/> for every non-empty shard of <paramref name="batch"/> on the threads of
    /// <paramref name="parallel"/>, which the caller holds (<see cref="BatchParallel.Enter"/>) for the whole call.
    /// </summary>
    protected void RunShards(BatchParallel parallel, int batch)
    {
        _batch = batch;
        _shards = parallel.Threads;
        parallel.RunEntered(_work);
    }

    /// <summary>Runs the kernel on examples <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 (<paramref name="count"/> ≥ 1).</summary>
    protected abstract void RunShard(int shard, int start, int count);

    private void Dispatch(int shard)
    {
        int start = BatchParallel.ShardStart(shard, _batch, _shards);
        int count = BatchParallel.ShardStart(shard + 1, _batch, _shards) - start;
        if (count > 0)
        {
            RunShard(shard, start, count);
        }
    }
}
