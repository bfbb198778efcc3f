namespace CnnGen.Generated.Tests.Contract;

/// <summary>
/// The generated public wrappers refuse an output span that overlaps an input span or another output span, with an
/// <see cref="ArgumentException"/> whose ParamName is the output (for two outputs, the later one in the parameter list).
/// Element-wise passes (ReLU, Flatten, Softmax, the loss's backward) also accept an output that is exactly one of their
/// inputs and then run in place; any partial overlap is still refused. Spans that merely sit side by side in one array
/// are accepted and give the same numbers as separate arrays.
/// </summary>
public class OverlapTests
{
    private const int Batch = 2;
    private static readonly int[] Labels = { 0, 2 };

    /// <summary>The span at one parameter position of a call.</summary>
    public delegate Span<double> SpanAt(int index);

    /// <summary>One span parameter of a wrapper.</summary>
    public sealed record Parameter(string Name, int Length, bool IsOutput);

    /// <summary>One public wrapper: its span parameters in order, how to call it, and which (output, input) pairs may be the same span.</summary>
    public sealed record Call(string Name, Parameter[] Parameters, Action<SpanAt> Invoke, (string Output, string Input)[] InPlace)
    {
        public int IndexOf(string name) => Array.FindIndex(Parameters, p => p.Name == name);

        public bool AllowsInPlace(string output, string input) => InPlace.Contains((output, input));
    }

    private static Parameter In(string name, int length) => new(name, length, false);

    private static Parameter Out(string name, int length) => new(name, length, true);

    private static readonly (string, string)[] None = Array.Empty<(string, string)>();

    public static readonly IReadOnlyDictionary<string, Call> Calls = new Call[]
    {
        new("Conv2D.Forward",
            new[] { In("input", Batch * OverlapConv.InputLength), In("weights", OverlapConv.WeightsLength), In("bias", OverlapConv.BiasLength), Out("output", Batch * OverlapConv.OutputLength) },
            s => OverlapConv.Forward(s(0), s(1), s(2), s(3)), None),
        new("Conv2D.Backward",
            new[]
            {
                In("outputGradient", Batch * OverlapConv.OutputLength), In("input", Batch * OverlapConv.InputLength), In("weights", OverlapConv.WeightsLength),
                Out("inputGradient", Batch * OverlapConv.InputLength), Out("weightsGradient", OverlapConv.WeightsLength), Out("biasGradient", OverlapConv.BiasLength),
            },
            s => OverlapConv.Backward(s(0), s(1), s(2), s(3), s(4), s(5)), None),
        new("MaxPool2D.Forward",
            new[] { In("input", Batch * OverlapMaxPool.InputLength), Out("output", Batch * OverlapMaxPool.OutputLength) },
            s => OverlapMaxPool.Forward(s(0), s(1)), None),
        new("MaxPool2D.Backward",
            new[] { In("outputGradient", Batch * OverlapMaxPool.OutputLength), In("input", Batch * OverlapMaxPool.InputLength), Out("inputGradient", Batch * OverlapMaxPool.InputLength) },
            s => OverlapMaxPool.Backward(s(0), s(1), s(2)), None),
        new("AvgPool2D.Forward",
            new[] { In("input", Batch * OverlapAvgPool.InputLength), Out("output", Batch * OverlapAvgPool.OutputLength) },
            s => OverlapAvgPool.Forward(s(0), s(1)), None),
        new("AvgPool2D.Backward",
            new[] { In("outputGradient", Batch * OverlapAvgPool.OutputLength), In("input", Batch * OverlapAvgPool.InputLength), Out("inputGradient", Batch * OverlapAvgPool.InputLength) },
            s => OverlapAvgPool.Backward(s(0), s(1), s(2)), None),
        new("ZeroPad2D.Forward",
            new[] { In("input", Batch * OverlapZeroPad.InputLength), Out("output", Batch * OverlapZeroPad.OutputLength) },
            s => OverlapZeroPad.Forward(s(0), s(1)), None),
        new("ZeroPad2D.Backward",
            new[] { In("outputGradient", Batch * OverlapZeroPad.OutputLength), Out("inputGradient", Batch * OverlapZeroPad.InputLength) },
            s => OverlapZeroPad.Backward(s(0), s(1)), None),
        new("Dense.Forward",
            new[] { In("input", Batch * OverlapDense.InputLength), In("weights", OverlapDense.WeightsLength), In("bias", OverlapDense.BiasLength), Out("output", Batch * OverlapDense.OutputLength) },
            s => OverlapDense.Forward(s(0), s(1), s(2), s(3)), None),
        new("Dense.Backward",
            new[]
            {
                In("outputGradient", Batch * OverlapDense.OutputLength), In("input", Batch * OverlapDense.InputLength), In("weights", OverlapDense.WeightsLength),
                Out("inputGradient", Batch * OverlapDense.InputLength), Out("weightsGradient", OverlapDense.WeightsLength), Out("biasGradient", OverlapDense.BiasLength),
            },
            s => OverlapDense.Backward(s(0), s(1), s(2), s(3), s(4), s(5)), None),
        new("ReLU.Forward",
            new[] { In("input", Batch * OverlapReLU.InputLength), Out("output", Batch * OverlapReLU.OutputLength) },
            s => OverlapReLU.Forward(s(0), s(1)), new[] { ("output", "input") }),
        new("ReLU.Backward",
            new[] { In("outputGradient", Batch * OverlapReLU.OutputLength), In("input", Batch * OverlapReLU.InputLength), Out("inputGradient", Batch * OverlapReLU.InputLength) },
            s => OverlapReLU.Backward(s(0), s(1), s(2)), new[] { ("inputGradient", "outputGradient") }),
        new("Flatten.Forward",
            new[] { In("input", Batch * OverlapFlatten.InputLength), Out("output", Batch * OverlapFlatten.OutputLength) },
            s => OverlapFlatten.Forward(s(0), s(1)), new[] { ("output", "input") }),
        new("Flatten.Backward",
            new[] { In("outputGradient", Batch * OverlapFlatten.OutputLength), Out("inputGradient", Batch * OverlapFlatten.InputLength) },
            s => OverlapFlatten.Backward(s(0), s(1)), new[] { ("inputGradient", "outputGradient") }),
        new("SoftmaxCrossEntropy.Softmax",
            new[] { In("logits", Batch * OverlapLoss.Classes), Out("probabilities", Batch * OverlapLoss.Classes) },
            s => OverlapLoss.Softmax(s(0), s(1)), new[] { ("probabilities", "logits") }),
        new("SoftmaxCrossEntropy.Forward",
            new[] { In("logits", Batch * OverlapLoss.Classes), Out("probabilities", Batch * OverlapLoss.Classes) },
            s => OverlapLoss.Forward(s(0), Labels, s(1)), None),
        new("SoftmaxCrossEntropy.Backward",
            new[] { In("probabilities", Batch * OverlapLoss.Classes), Out("logitsGradient", Batch * OverlapLoss.Classes) },
            s => OverlapLoss.Backward(s(0), Labels, s(1)), new[] { ("logitsGradient", "probabilities") }),
    }.ToDictionary(c => c.Name);

    /// <summary>Every (call, output, other span) pair: each output against each input and each other output.</summary>
    public static TheoryData<string, string, string> OverlappingPairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (Call call in Calls.Values)
        {
            foreach (Parameter output in call.Parameters.Where(p => p.IsOutput))
            {
                foreach (Parameter other in call.Parameters.Where(p => p.Name != output.Name))
                {
                    data.Add(call.Name, output.Name, other.Name);
                }
            }
        }

        return data;
    }

    public static TheoryData<string> CallNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in Calls.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Every (call, output, input) pair that may be the very same span.</summary>
    public static TheoryData<string, string, string> InPlacePairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (Call call in Calls.Values)
        {
            foreach ((string output, string input) in call.InPlace)
            {
                data.Add(call.Name, output, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OverlappingPairs))]
    public void An_output_partly_overlapping_another_span_throws_naming_the_output(string callName, string output, string other)
    {
        Call call = Calls[callName];
        int[] starts = SeparateStarts(call, out int size);
        // One value past the other span's start: a partial overlap, and (with the gaps between regions) the only one.
        starts[call.IndexOf(output)] = starts[call.IndexOf(other)] + 1;
        double[] memory = Filled(size);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => call.Invoke(At(call, memory, starts)));
        Assert.Equal(ExpectedParamName(call, output, other), e.ParamName);
        Assert.Contains(other == e.ParamName ? output : other, e.Message, StringComparison.Ordinal);
        Assert.Contains("overlap", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OverlappingPairs))]
    public void An_output_that_is_exactly_another_span_throws_unless_the_pass_runs_in_place(string callName, string output, string other)
    {
        Call call = Calls[callName];
        if (call.Parameters[call.IndexOf(output)].Length != call.Parameters[call.IndexOf(other)].Length || call.AllowsInPlace(output, other))
        {
            return; // Not the same span, or legitimately in place (covered below).
        }

        int[] starts = SeparateStarts(call, out int size);
        starts[call.IndexOf(output)] = starts[call.IndexOf(other)];
        double[] memory = Filled(size);

        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => call.Invoke(At(call, memory, starts)));
        Assert.Equal(ExpectedParamName(call, output, other), e.ParamName);
    }

    [Theory]
    [MemberData(nameof(CallNames))]
    public void Adjacent_slices_of_one_array_are_accepted_and_give_the_same_numbers(string callName)
    {
        Call call = Calls[callName];
        double[] expected = Run(call, SeparateStarts(call, out int size), size, out int[] separate);

        int[] adjacent = new int[call.Parameters.Length];
        int at = 0;
        for (int i = 0; i < adjacent.Length; i++)
        {
            adjacent[i] = at;
            at += call.Parameters[i].Length;
        }

        double[] actual = Run(call, adjacent, at, out _);
        for (int i = 0; i < call.Parameters.Length; i++)
        {
            Parameter p = call.Parameters[i];
            if (p.IsOutput)
            {
                Assert.Equal(expected.AsSpan(separate[i], p.Length).ToArray(), actual.AsSpan(adjacent[i], p.Length).ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(InPlacePairs))]
    public void Element_wise_passes_run_in_place_and_give_the_same_numbers(string callName, string output, string input)
    {
        Call call = Calls[callName];
        int[] separate = SeparateStarts(call, out int size);
        double[] expected = Run(call, separate, size, out _);

        int[] inPlace = (int[])separate.Clone();
        inPlace[call.IndexOf(output)] = separate[call.IndexOf(input)];
        double[] actual = Run(call, inPlace, size, out _);
        int o = call.IndexOf(output);
        Assert.Equal(expected.AsSpan(separate[o], call.Parameters[o].Length).ToArray(), actual.AsSpan(inPlace[o], call.Parameters[o].Length).ToArray());
    }

    [Fact]
    public void The_float_overloads_check_overlap_too_and_say_where_the_spans_meet()
    {
        // Dense: input [0, 8), weights [8, 20), bias [20, 23), and the output one value into the input.
        float[] dense = new float[24];
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => OverlapDense.Forward(
            dense.AsSpan(0, 2 * OverlapDense.InputLength), dense.AsSpan(8, OverlapDense.WeightsLength), dense.AsSpan(20, OverlapDense.BiasLength), dense.AsSpan(1, 2 * OverlapDense.OutputLength)));
        Assert.Equal("output", e.ParamName);
        Assert.Contains("output (6 values) starts 1 value after the start of input (8 values)", e.Message, StringComparison.Ordinal);

        // Conv: the output is the weights themselves.
        int weightsAt = 2 * OverlapConv.InputLength;
        float[] conv = new float[weightsAt + OverlapConv.WeightsLength + OverlapConv.BiasLength];
        e = Assert.ThrowsAny<ArgumentException>(() => OverlapConv.Forward(
            conv.AsSpan(0, weightsAt), conv.AsSpan(weightsAt, OverlapConv.WeightsLength), conv.AsSpan(weightsAt + OverlapConv.WeightsLength, OverlapConv.BiasLength), conv.AsSpan(weightsAt, 2 * OverlapConv.OutputLength)));
        Assert.Equal("output", e.ParamName);
        Assert.Contains("starts at the start of weights", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_that_reuses_buffers_still_trains_and_predicts()
    {
        var net = new BufferReuseNet(maxBatchSize: 4, seed: 7);
        var random = new Random(11);
        double[] inputs = Enumerable.Range(0, 4 * BufferReuseNet.InputLength).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        int[] labels = { 0, 1, 2, 1 };
        var optimizer = new SgdMomentum<double>(0.05, 0.9);

        double first = net.TrainStep(inputs, labels, optimizer);
        double loss = first;
        for (int step = 0; step < 30; step++)
        {
            loss = net.TrainStep(inputs, labels, optimizer);
        }

        Assert.True(double.IsFinite(first) && double.IsFinite(loss));
        Assert.True(loss < first, $"The loss did not fall: {first} → {loss}.");
        var predictions = new int[4];
        net.Predict(inputs, predictions);
        Assert.All(predictions, p => Assert.InRange(p, 0, BufferReuseNet.ClassCount - 1));
    }

    /// <summary>For two outputs the later one in the parameter list is named; otherwise the output.</summary>
    private static string ExpectedParamName(Call call, string output, string other)
    {
        Parameter p = call.Parameters[call.IndexOf(other)];
        return p.IsOutput && call.IndexOf(other) > call.IndexOf(output) ? other : output;
    }

    /// <summary>Each span in a region of its own, the regions separated by gaps longer than any span.</summary>
    private static int[] SeparateStarts(Call call, out int size)
    {
        int region = call.Parameters.Sum(p => p.Length) + 8;
        size = region * call.Parameters.Length;
        return Enumerable.Range(0, call.Parameters.Length).Select(i => i * region).ToArray();
    }

    /// <summary>Fills the inputs with the same values whatever the layout, runs the call, and returns the memory.</summary>
    private static double[] Run(Call call, int[] starts, int size, out int[] startsUsed)
    {
        double[] memory = new double[size];
        Array.Fill(memory, double.NaN);
        for (int i = 0; i < call.Parameters.Length; i++)
        {
            Parameter p = call.Parameters[i];
            if (!p.IsOutput)
            {
                for (int k = 0; k < p.Length; k++)
                {
                    memory[starts[i] + k] = Value(i, k, p.Name);
                }
            }
        }

        call.Invoke(At(call, memory, starts));
        startsUsed = starts;
        return memory;
    }

    /// <summary>A fixed value per (parameter, index): signed, so ReLU and the pools see both signs; probabilities stay in (0, 1).</summary>
    private static double Value(int parameter, int k, string name)
    {
        double v = Math.Sin(1.7 * k + 0.9 * parameter + 0.3);
        return name == "probabilities" ? 0.2 + 0.1 * Math.Abs(v) : v;
    }

    private static double[] Filled(int size) => Enumerable.Range(0, size).Select(k => Math.Cos(k)).ToArray();

    private static SpanAt At(Call call, double[] memory, int[] starts) => i => memory.AsSpan(starts[i], call.Parameters[i].Length);
}
