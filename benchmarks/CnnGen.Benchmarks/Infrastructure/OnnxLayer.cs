using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace CnnGen.Benchmarks.Infrastructure;

/// <summary>
/// One ONNX Runtime session around a one-node graph (Conv, MaxPool, AveragePool, GlobalAveragePool or BatchNormalization), float, in ONNX's NCHW layout,
/// with its input and output buffers bound once through <see cref="OrtIoBinding"/> so that <see cref="Run"/>
/// allocates nothing. The graph is built in memory with OnnxSharp's ONNX protobuf types. One intra-op thread,
/// sequential execution, all graph optimizations on (the constant weights are an initializer, which lets ORT
/// pre-pack them, as it would for a deployed model).
/// </summary>
public sealed class OnnxLayer : IDisposable
{
    private const int Opset = 17;
    private const long IrVersion = 8;

    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions;

    private OnnxLayer(ModelProto model, float[] inputNchw, long[] inputShape, long[] outputShape)
    {
        InputNchw = inputNchw;
        OutputNchw = new float[checked((int)outputShape.Aggregate(1L, (a, b) => a * b))];

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model.ToByteArray(), options);
        _input = OrtValue.CreateTensorValueFromMemory(InputNchw, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(OutputNchw, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput("X", _input);
        _binding.BindOutput("Y", _output);
        _runOptions = new RunOptions();
    }

    /// <summary>The bound input, NCHW.</summary>
    public float[] InputNchw { get; }

    /// <summary>The bound output, NCHW, written by <see cref="Run"/>.</summary>
    public float[] OutputNchw { get; }

    /// <summary>A Conv node with the layer's weights (given as f·f·C_in·C_out) and bias as initializers.</summary>
    public static OnnxLayer Conv(in ConvShape s, ReadOnlySpan<float> inputNhwc, ReadOnlySpan<float> weightsHwio, ReadOnlySpan<float> bias)
    {
        long[] inputShape = [s.Batch, s.InputChannels, s.Height, s.Width];
        long[] outputShape = [s.Batch, s.Filters, s.OutputHeight, s.OutputWidth];
        var node = new NodeProto { Name = "conv", OpType = "Conv", Input = { "X", "W", "B" }, Output = { "Y" } };
        node.Attribute.Add(Ints("kernel_shape", s.FilterSize, s.FilterSize));
        node.Attribute.Add(Ints("strides", s.Stride, s.Stride));
        node.Attribute.Add(Ints("pads", s.Pad, s.Pad, s.Pad, s.Pad));
        node.Attribute.Add(Ints("dilations", 1, 1));
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = 1 });

        GraphProto graph = Graph(node, inputShape, outputShape);
        graph.Initializer.Add(Tensor("W", Layouts.HwioToOihw(weightsHwio, s.FilterSize, s.InputChannels, s.Filters), s.Filters, s.InputChannels, s.FilterSize, s.FilterSize));
        graph.Initializer.Add(Tensor("B", bias.ToArray(), s.Filters));

        float[] inputNchw = Layouts.NhwcToNchw(inputNhwc, s.Batch, s.Height, s.Width, s.InputChannels);
        return new OnnxLayer(Model(graph), inputNchw, inputShape, outputShape);
    }

    /// <summary>A MaxPool or AveragePool node without padding.</summary>
    public static OnnxLayer Pool(in PoolShape s, ReadOnlySpan<float> inputNhwc)
    {
        long[] inputShape = [s.Batch, s.Channels, s.Height, s.Width];
        long[] outputShape = [s.Batch, s.Channels, s.OutputHeight, s.OutputWidth];
        string op = s.Kind == PoolKind.Max ? "MaxPool" : "AveragePool";
        var node = new NodeProto { Name = "pool", OpType = op, Input = { "X" }, Output = { "Y" } };
        node.Attribute.Add(Ints("kernel_shape", s.FilterSize, s.FilterSize));
        node.Attribute.Add(Ints("strides", s.Stride, s.Stride));
        node.Attribute.Add(Ints("pads", 0, 0, 0, 0));

        float[] inputNchw = Layouts.NhwcToNchw(inputNhwc, s.Batch, s.Height, s.Width, s.Channels);
        return new OnnxLayer(Model(Graph(node, inputShape, outputShape)), inputNchw, inputShape, outputShape);
    }

    /// <summary>A GlobalAveragePool node: (batch, channels, height, width) to (batch, channels, 1, 1).</summary>
    public static OnnxLayer GlobalAveragePool(int batch, int height, int width, int channels, ReadOnlySpan<float> inputNhwc)
    {
        long[] inputShape = [batch, channels, height, width];
        long[] outputShape = [batch, channels, 1, 1];
        var node = new NodeProto { Name = "gap", OpType = "GlobalAveragePool", Input = { "X" }, Output = { "Y" } };
        float[] inputNchw = Layouts.NhwcToNchw(inputNhwc, batch, height, width, channels);
        return new OnnxLayer(Model(Graph(node, inputShape, outputShape)), inputNchw, inputShape, outputShape);
    }

    /// <summary>A BatchNormalization node in inference mode (the running statistics as initializers, as a deployed model has them).</summary>
    public static OnnxLayer BatchNormalization(
        int batch, int height, int width, int channels, ReadOnlySpan<float> inputNhwc,
        ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, float epsilon)
    {
        long[] shape = [batch, channels, height, width];
        var node = new NodeProto { Name = "bn", OpType = "BatchNormalization", Input = { "X", "scale", "B", "mean", "var" }, Output = { "Y" } };
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = epsilon });
        GraphProto graph = Graph(node, shape, shape);
        graph.Initializer.Add(Tensor("scale", scale.ToArray(), channels));
        graph.Initializer.Add(Tensor("B", shift.ToArray(), channels));
        graph.Initializer.Add(Tensor("mean", mean.ToArray(), channels));
        graph.Initializer.Add(Tensor("var", variance.ToArray(), channels));
        float[] inputNchw = Layouts.NhwcToNchw(inputNhwc, batch, height, width, channels);
        return new OnnxLayer(Model(graph), inputNchw, shape, shape);
    }

    /// <summary>Runs the graph on the bound buffers.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    public void Dispose()
    {
        _runOptions.Dispose();
        _binding.Dispose();
        _output.Dispose();
        _input.Dispose();
        _session.Dispose();
    }

    private static ModelProto Model(GraphProto graph) => new()
    {
        IrVersion = IrVersion,
        ProducerName = "CnnGen.Benchmarks",
        Graph = graph,
        OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
    };

    private static GraphProto Graph(NodeProto node, long[] inputShape, long[] outputShape)
    {
        var graph = new GraphProto { Name = node.OpType.ToLowerInvariant() };
        graph.Node.Add(node);
        graph.Input.Add(FloatTensorInfo("X", inputShape));
        graph.Output.Add(FloatTensorInfo("Y", outputShape));
        return graph;
    }

    private static ValueInfoProto FloatTensorInfo(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (long dim in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape },
            },
        };
    }

    private static TensorProto Tensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        return tensor;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }
}
