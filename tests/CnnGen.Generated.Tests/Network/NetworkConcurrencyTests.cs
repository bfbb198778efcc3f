namespace CnnGen.Generated.Tests.Network;

/// <summary>
/// A network is used by one call at a time: a call that starts while another runs on another thread throws
/// <see cref="InvalidOperationException"/> before touching anything, whatever the thread count; Dispose stops the runner
/// without leaving a running call waiting, and the calls that compute throw <see cref="ObjectDisposedException"/> after it.
/// </summary>
public class NetworkConcurrencyTests
{
    private const int Batch = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_call_overlapping_a_training_step_on_another_thread_throws_and_the_step_is_undisturbed(int threads)
    {
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 41);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 42);
        float[] otherInputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 43);
        using var undisturbed = new DigitsNet(Batch, seed: 6, threads: threads);
        float expectedLoss = undisturbed.TrainStep(inputs, labels, new SgdMomentum<float>(0.01f, 0.9f));

        using var net = new DigitsNet(Batch, seed: 6, threads: threads);
        var optimizer = new HeldOptimizer(new SgdMomentum<float>(0.01f, 0.9f));
        float loss = float.NaN;
        var step = new Thread(() => loss = net.TrainStep(inputs, labels, optimizer));
        step.Start();
        optimizer.Entered.Wait();
        try
        {
            string path = Path.Combine(Path.GetTempPath(), $"cnngen-overlap-{Environment.ProcessId}-{threads}.bin");
            var calls = new (string Name, Action Call)[]
            {
                ("Forward(inputs)", () => net.Forward(otherInputs)),
                ("Forward(inputs, labels)", () => net.Forward(otherInputs, labels)),
                ("Backward", () => net.Backward(labels)),
                ("ComputeGradients", () => net.ComputeGradients(otherInputs, labels)),
                ("TrainStep", () => net.TrainStep(otherInputs, labels, new SgdMomentum<float>(0.01f, 0.9f))),
                ("Predict", () => net.Predict(otherInputs, new int[Batch])),
                ("InitializeParameters", () => net.InitializeParameters(99)),
                ("Save", () => net.Save(path)),
                ("Load", () => net.Load(path)),
            };
            foreach ((string name, Action call) in calls)
            {
                var error = Record.Exception(call);
                Assert.True(error is InvalidOperationException, $"{name} during a TrainStep on another thread: {error?.GetType().Name ?? "no exception"}");
                Assert.Contains("one call at a time", error!.Message, StringComparison.Ordinal);
            }

            Assert.False(File.Exists(path));
        }
        finally
        {
            optimizer.Release.Set();
            step.Join();
        }

        Assert.Equal(expectedLoss, loss);
        Assert.True(net.Parameters.SequenceEqual(undisturbed.Parameters), "the held step's update differs from an undisturbed one");
        Assert.True(net.Probabilities.SequenceEqual(undisturbed.Probabilities), "the held step's probabilities were overwritten");

        // Once the step returned, the network takes calls again.
        Assert.Equal(undisturbed.Forward(otherInputs, labels), net.Forward(otherInputs, labels));
    }

    [Fact]
    public void A_call_nested_on_the_same_thread_is_allowed_as_before()
    {
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 51);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 52);
        using var net = new DigitsNet(Batch, seed: 2, threads: 2);
        int[] predictions = new int[Batch];
        var optimizer = new CallbackOptimizer(new SgdMomentum<float>(0.01f, 0.9f), () => net.Predict(inputs, predictions));

        net.TrainStep(inputs, labels, optimizer);

        var reference = new DigitsNet(Batch, seed: 2);
        reference.TrainStep(inputs, labels, new SgdMomentum<float>(0.01f, 0.9f));
        int[] expected = new int[Batch];
        reference.Predict(inputs, expected);
        Assert.Equal(expected, predictions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dispose_is_idempotent_and_ends_the_calls_that_compute_whatever_the_thread_count(int threads)
    {
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 71);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 72);
        var net = new DigitsNet(Batch, seed: 8, threads: threads);
        float loss = net.TrainStep(inputs, labels, new SgdMomentum<float>(0.01f, 0.9f));
        float[] trained = net.Parameters.ToArray();

        net.Dispose();
        net.Dispose();

        var calls = new (string Name, Action Call)[]
        {
            ("Forward(inputs)", () => net.Forward(inputs)),
            ("Forward(inputs, labels)", () => net.Forward(inputs, labels)),
            ("Backward", () => net.Backward(labels)),
            ("ComputeGradients", () => net.ComputeGradients(inputs, labels)),
            ("TrainStep", () => net.TrainStep(inputs, labels, new SgdMomentum<float>(0.01f, 0.9f))),
            ("Predict", () => net.Predict(inputs, new int[Batch])),
        };
        foreach ((string name, Action call) in calls)
        {
            var error = Record.Exception(call);
            Assert.True(error is ObjectDisposedException, $"{name} after Dispose: {error?.GetType().Name ?? "no exception"}");
            Assert.Equal(typeof(DigitsNet).FullName, ((ObjectDisposedException)error!).ObjectName);
        }

        // What needs no computing still works: the trained parameters can be read, saved and loaded back.
        Assert.True(net.Parameters.SequenceEqual(trained));
        Assert.Equal(threads, net.Threads);
        string path = Path.Combine(Path.GetTempPath(), $"cnngen-disposed-{Environment.ProcessId}-{threads}.bin");
        try
        {
            net.Save(path);
            net.InitializeParameters(123);
            Assert.False(net.Parameters.SequenceEqual(trained));
            net.Load(path);
            Assert.True(net.Parameters.SequenceEqual(trained));
        }
        finally
        {
            File.Delete(path);
        }

        Assert.True(float.IsFinite(loss));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Dispose_during_a_training_step_on_another_thread_lets_the_step_finish(int threads)
    {
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 81);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 82);
        using var undisturbed = new DigitsNet(Batch, seed: 9, threads: threads);
        float expectedLoss = undisturbed.TrainStep(inputs, labels, new SgdMomentum<float>(0.01f, 0.9f));

        var net = new DigitsNet(Batch, seed: 9, threads: threads);
        var optimizer = new HeldOptimizer(new SgdMomentum<float>(0.01f, 0.9f));
        float loss = float.NaN;
        Exception? error = null;
        var step = new Thread(() =>
        {
            try
            {
                loss = net.TrainStep(inputs, labels, optimizer);
            }
            catch (Exception exception)
            {
                error = exception;
            }
        });
        step.Start();
        optimizer.Entered.Wait();
        net.Dispose();
        optimizer.Release.Set();
        step.Join();

        Assert.Null(error);
        Assert.Equal(expectedLoss, loss);
        Assert.True(net.Parameters.SequenceEqual(undisturbed.Parameters));
        Assert.Throws<ObjectDisposedException>(() => net.TrainStep(inputs, labels, optimizer));
    }

    [Fact]
    public void Dispose_from_inside_a_call_returns_and_the_call_finishes()
    {
        float[] inputs = NetworkTestData.Inputs<float>(Batch * DigitsNet.InputLength, 91);
        int[] labels = NetworkTestData.Labels(Batch, DigitsNet.ClassCount, 92);
        var net = new DigitsNet(Batch, seed: 4, threads: 2);
        var optimizer = new CallbackOptimizer(new SgdMomentum<float>(0.01f, 0.9f), () => net.Dispose());

        Assert.True(float.IsFinite(net.TrainStep(inputs, labels, optimizer)));
        Assert.Throws<ObjectDisposedException>(() => net.Forward(inputs));
    }

    /// <summary>An optimizer whose <see cref="Step"/> signals <see cref="Entered"/> and waits for <see cref="Release"/> first.</summary>
    internal sealed class HeldOptimizer(IOptimizer<float> inner) : IOptimizer<float>
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int? ParameterCount => inner.ParameterCount;

        public long StepCount => inner.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            Entered.Set();
            Release.Wait();
            inner.Step(parameters, gradients);
        }

        public void Reset() => inner.Reset();
    }

    /// <summary>An optimizer that calls back into the network, on the same thread, after its update.</summary>
    private sealed class CallbackOptimizer(IOptimizer<float> inner, Action callback) : IOptimizer<float>
    {
        public int? ParameterCount => inner.ParameterCount;

        public long StepCount => inner.StepCount;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            inner.Step(parameters, gradients);
            callback();
        }

        public void Reset() => inner.Reset();
    }
}
