using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Onnx.Operators;

namespace Butterfly.Generator.Onnx;

/// <summary>The ONNX operators the importer lowers, by operator type.</summary>
internal static class OnnxOperators
{
    private static readonly OnnxOperator[] All =
    [
        new GemmOperator(),
        new MatMulOperator(),
        new AddOperator(),
        new MulOperator(),
        new ConcatOperator(),
        new FlattenOperator(),
        new ReshapeOperator(),
        new TransposeOperator(),
        new ConvOperator(),
        new PoolOperator("MaxPool", "MaxPool"),
        new PoolOperator("AveragePool", "AvgPool"),
        new GlobalAveragePoolOperator(),
        new BatchNormalizationOperator(),
        new ActivationOperator("Relu", "ReLU"),
        new ActivationOperator("Sigmoid", "Sigmoid"),
        new ActivationOperator("Tanh", "Tanh"),
        new ActivationOperator("LeakyRelu", "LeakyReLU", ("alpha", "slope", 0.01f)),
        new ActivationOperator("Elu", "ELU", ("alpha", "alpha", 1f)),
        new GeluOperator(),
        new ClampOperator("Clip"),
        new ClampOperator("Max"),
        new ClampOperator("Min"),
        new LayerNormalizationOperator(),
        new SoftmaxOperator("Softmax", "Softmax"),
        new SoftmaxOperator("LogSoftmax", "LogSoftmax"),
        new PassThroughOperator("Identity"),
        new PassThroughOperator("Dropout"),
        new ConstantOperator(),
    ];

    private static readonly Dictionary<string, OnnxOperator> ByType = All.ToDictionary(o => o.OpType);

    public static OnnxOperator? Find(string opType) => ByType.TryGetValue(opType, out var mapping) ? mapping : null;

    /// <summary>The supported operator types as a message lists them.</summary>
    public static string Supported => string.Join(", ", All.Select(o => o.OpType).OrderBy(t => t, System.StringComparer.Ordinal));
}
