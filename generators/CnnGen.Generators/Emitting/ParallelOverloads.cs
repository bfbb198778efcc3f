namespace CnnGen.Generators.Emitting
{
    /// <summary>
    /// What every layer's batch-parallel <c>Forward</c>/<c>Backward</c> overload shares: the runner parameter, its
    /// documentation and its null check. The overloads take the single-thread overload's parameters plus the runner last,
    /// check the spans the same way, and hand the layer's per-batch kernel body to <c>BatchShards</c> in the runtime
    /// library, which splits the batch (and holds the pinning that generated code must not need <c>unsafe</c> for).
    /// </summary>
    internal static class ParallelOverloads
    {
        public const string Runner = "global::CnnGen.BatchParallel";
        public const string Shards = "global::CnnGen.Generated.BatchShards";

        /// <summary>The parameter as it ends every such overload's parameter list.</summary>
        public const string Parameter = Runner + " parallel";

        /// <summary>
        /// Writes the summary of an overload that runs what <paramref name="singleThreadCref"/> runs, with the batch split;
        /// <paramref name="sameResult"/> says how its results compare with that overload's.
        /// </summary>
        public static void EmitSummary(IndentedWriter writer, string action, string singleThreadCref, string sameResult)
        {
            writer.Summary(
                $"{action} as <see cref=\"{singleThreadCref}\"/> does, with the batch split into contiguous shards over the threads of\n" +
                $"<paramref name=\"parallel\"/> (shard 0 on the calling thread): {sameResult}");
        }

        /// <summary>
        /// Writes the runner's parameter documentation (after the spans'), then <paramref name="argumentException"/> (the
        /// single-thread overload's exception line, which holds here too), the runner's exceptions and the remarks.
        /// </summary>
        public static void EmitDocs(IndentedWriter writer, string argumentException)
        {
            writer.Line("/// <param name=\"parallel\">The threads to split the batch over. With one thread, or a batch of one example, the call runs as the single-thread overload does.</param>");
            writer.Line(argumentException);
            writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"parallel\"/> is null.</exception>");
            writer.Line("/// <exception cref=\"global::System.InvalidOperationException\">Another call is running on <paramref name=\"parallel\"/>.</exception>");
            writer.Line("/// <exception cref=\"global::System.ObjectDisposedException\"><paramref name=\"parallel\"/> was disposed.</exception>");
            writer.Line($"/// <remarks>One call at a time per <see cref=\"{Runner}\"/>, whichever layer makes it: a call that starts while another");
            writer.Line("/// holds the runner throws before touching it, and disposing the runner waits for the running call.");
            writer.Line("/// The runner keeps what the shards need between calls, so only the first call with a runner (or one that needs more) allocates.</remarks>");
        }

        /// <summary>
        /// Writes the private <c>ForwardBatch&lt;T&gt;</c> of a layer that maps each example of its input to the same example of
        /// its output (pooling, zero padding), which both forward overloads call: the span checks, then the layer's
        /// <c>ForwardCore</c> on the whole batch, or, given a runner, on its shards.
        /// </summary>
        /// <param name="summary">The method's summary.</param>
        /// <param name="inputLength">Values per example of the input.</param>
        /// <param name="outputLength">Values per example of the output.</param>
        /// <param name="constraint">The constraint on <c>T</c>, as written after <c>where T :</c>.</param>
        public static void EmitForwardBatch(IndentedWriter writer, string summary, int inputLength, int outputLength, string constraint)
        {
            writer.Summary(summary);
            writer.Line(LayerSourceEmitter.GeneratedCodeAttribute);
            using (writer.Block($"private static void ForwardBatch<T>({KernelNames.ReadOnlySpan}<T> input, {KernelNames.Span}<T> output, {Runner}? parallel) where T : {constraint}"))
            {
                writer.Line($"int batch = {KernelNames.SpanArguments}.BatchSize(input.Length, {inputLength}, nameof(input));");
                writer.Line($"{KernelNames.SpanArguments}.RequireBatchLength(output.Length, batch, {outputLength}, nameof(output));");
                OverlapChecks.Emit(writer, "T", new[] { "output" }, new[] { "input" });
                using (writer.Block("if (parallel is null)"))
                {
                    writer.Line($"ForwardCore(ref {KernelNames.MemoryMarshal}.GetReference(input), ref {KernelNames.MemoryMarshal}.GetReference(output), batch);");
                }

                using (writer.Block("else"))
                {
                    writer.Line($"{Shards}.Run<T>(parallel, ForwardCore, input, {inputLength}, output, {outputLength}, batch);");
                }
            }

            writer.Line();
        }

        /// <summary>Writes the first statement of such an overload.</summary>
        public static void EmitNullCheck(IndentedWriter writer)
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(parallel);");
        }
    }
}
