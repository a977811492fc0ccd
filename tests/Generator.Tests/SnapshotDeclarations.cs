using System.Collections.Generic;

namespace Butterfly.Generator.Tests;

/// <summary>
/// The network declarations whose generated code is pinned by snapshots. They are written as a user would, with doc
/// comments on public types, so that the output compilation can be held to zero warnings.
/// </summary>
internal static class SnapshotDeclarations
{
    /// <summary>The founding article's network.</summary>
    public const string MnistMlp = """
        using Butterfly;

        namespace Samples;

        /// <summary>784 pixels, 100 sigmoid units, 10 classes.</summary>
        [Network]
        [Input(784)]
        [Dense(100), Sigmoid]
        [Dense(10), Softmax]
        public partial class MnistMlp;
        """;

    /// <summary>A log-softmax output: Predict gives log-probabilities, training the fused negative log-likelihood.</summary>
    public const string LogSoftmaxClassifier = """
        using Butterfly;

        namespace Samples;

        /// <summary>Six features, eight tanh units, four classes as log-probabilities.</summary>
        [Network]
        [Input(6)]
        [Dense(8), Tanh]
        [Dense(4), LogSoftmax]
        public partial class LogClassifier;
        """;

    /// <summary>Regression: ReLU hidden layer, linear output, squared error.</summary>
    public const string ReluRegressor = """
        using Butterfly;

        namespace Samples.Regression;

        /// <summary>13 features to one price.</summary>
        [Network(Loss = LossFunction.MeanSquaredError)]
        [Input(13)]
        [Dense(64), ReLU]
        [Dense(1)]
        public partial class HousePrices;
        """;

    /// <summary>Every activation, an image-shaped input that Dense flattens, and a softmax output.</summary>
    public const string DeepNetwork = """
        using Butterfly;

        namespace Samples;

        /// <summary>Four hidden layers.</summary>
        [Network]
        [Input(1, 28, 28)]
        [Dense(256), ReLU]
        [Dense(128), Tanh]
        [Dense(64), Sigmoid]
        [Dense(32), ReLU]
        [Dense(10), Softmax]
        public partial class DeepClassifier;
        """;

    /// <summary>Containing types of two kinds, in the global namespace.</summary>
    public const string NestedInClassAndStruct = """
        using Butterfly;

        /// <summary>Outer.</summary>
        public static partial class Models
        {
            /// <summary>Inner.</summary>
            public partial struct Tiny
            {
                /// <summary>Two inputs, one output.</summary>
                [Network]
                [Input(2)]
                [Dense(3), Tanh]
                [Dense(1), Sigmoid]
                public partial class Xor;
            }
        }
        """;

    /// <summary>A class name that is a C# keyword.</summary>
    public const string KeywordName = """
        using Butterfly;

        namespace Samples.Keywords;

        /// <summary>Named with a keyword.</summary>
        [Network]
        [Input(4)]
        [Dense(3), Softmax]
        public partial class @class;
        """;

    /// <summary>The LeNet-style benchmark network: convolution, ReLU, max pooling, implicit flattening into Dense.</summary>
    public const string LeNet = """
        using Butterfly;

        namespace Samples.Vision;

        /// <summary>28×28 digits through two convolutions.</summary>
        [Network]
        [Input(1, 28, 28)]
        [Conv2D(8, 5), ReLU, MaxPool(2)]
        [Conv2D(16, 5), ReLU, MaxPool(2)]
        [Dense(10), Softmax]
        public partial class LeNet;
        """;

    /// <summary>
    /// Every layer of issue 4 that LeNet lacks: local contrast normalization, strided, padded convolution, average
    /// pooling, local response normalization, batch normalization (with running statistics of role State), explicit flattening, dropout,
    /// and the leaky, exponential and Gaussian-error units.
    /// </summary>
    public const string NormalizedConvolution = """
        using Butterfly;

        namespace Samples.Vision;

        /// <summary>Normalization layers and dropout around a strided convolution.</summary>
        [Network]
        [Input(3, 9, 9)]
        [LocalContrastNormalization(3)]
        [Conv2D(4, 3, stride: 2, padding: 1), BatchNorm, LeakyReLU(0.1f)]
        [LocalResponseNormalization(3, 0.0001f, 0.75f, 2f), AvgPool(3, 1)]
        [Conv2D(6, 1), ELU]
        [Flatten, Dropout(0.25f)]
        [Dense(5), GELU]
        [Dense(3), Softmax]
        public partial class Normalized;
        """;

    /// <summary>
    /// Convolution geometry beyond the constructor's square kernel: a 3×5 kernel striding (2, 1) with pads top 0, left 1,
    /// bottom 2, right 1 (unfolded, with its ReLU and 2×2 pooling after the product), a 3×1 kernel with
    /// <c>Padding.Same</c> (one zero row above and below, no zero column), and a 3×3 kernel declared through the
    /// properties, which resolves to the constructor's form and keeps the direct kernels.
    /// </summary>
    public const string RectangularConvolution = """
        using Butterfly;

        namespace Samples.Vision;

        /// <summary>Rectangular kernels, a stride per axis and a padding per side.</summary>
        [Network]
        [Input(3, 16, 12)]
        [Conv2D(8, 3, stride: 2, KernelWidth = 5, StrideWidth = 1, PadLeft = 1, PadBottom = 2, PadRight = 1), ReLU, MaxPool(2)]
        [Conv2D(8, 3, padding: Padding.Same, KernelWidth = 1), Tanh]
        [Conv2D(4, 5, padding: 1, KernelHeight = 3, KernelWidth = 3), ReLU]
        [Dense(10), Softmax]
        public partial class Rectangular;
        """;

    /// <summary>
    /// The layers ONNX models need: layer normalization of a whole image and of each channel's plane, clamps closed
    /// and open on one side (an infinite literal in the generated code), and GELU's exact and tanh forms.
    /// </summary>
    public const string OnnxLayers = """
        using Butterfly;

        namespace Samples.Imported;

        /// <summary>Normalizations, clamps and both GELU forms.</summary>
        [Network]
        [Input(2, 6, 6)]
        [LayerNorm]
        [Conv2D(4, 3), Clamp(0f, 6f)]
        [LayerNorm(1e-6f, Axis = -2)]
        [Dense(12), GELU(Exact = true)]
        [Dense(8), Clamp(max: 1f), GELU]
        [Dense(10), Softmax]
        public partial class OnnxLayers;
        """;

    /// <summary>Every declaration above, by name, for tests that run over all of them.</summary>
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>
    {
        [nameof(MnistMlp)] = MnistMlp,
        [nameof(ReluRegressor)] = ReluRegressor,
        [nameof(DeepNetwork)] = DeepNetwork,
        [nameof(NestedInClassAndStruct)] = NestedInClassAndStruct,
        [nameof(KeywordName)] = KeywordName,
        [nameof(LeNet)] = LeNet,
        [nameof(NormalizedConvolution)] = NormalizedConvolution,
        [nameof(OnnxLayers)] = OnnxLayers,
        [nameof(ChannelsLastResidual)] = ChannelsLastResidual,
    };

    /// <summary>The names of <see cref="ByName"/>, as theory data (names read better than sources in test output).</summary>
    public static TheoryData<string> Names => new(ByName.Keys);

    /// <summary>
    /// A graph: the bench's residual network (named outputs, Add merges read twice, same padding, global average
    /// pooling), with a Concat branch and a Multiply gate besides, so that every merge and the gradient sums show.
    /// </summary>
    public const string Residual = """
        using Butterfly;

        namespace Samples.Vision;

        /// <summary>Two residual blocks over 28×28 digits.</summary>
        [Network]
        [Input(1, 28, 28)]
        [Conv2D(16, 3, padding: Padding.Same), ReLU(Name = "stem")]
        [Conv2D(16, 3, padding: 1), ReLU]
        [Conv2D(16, 3, padding: 1)]
        [Add("stem"), ReLU]
        [MaxPool(2)]
        [Conv2D(32, 3, padding: 1), ReLU(Name = "s2")]
        [Conv2D(32, 3, padding: 1), ReLU]
        [Conv2D(32, 3, padding: 1)]
        [Add("s2"), ReLU(Name = "body")]
        [Conv2D(32, 1), Sigmoid]
        [Multiply("body", Name = "gated")]
        [From("s2"), Conv2D(8, 1)]
        [Concat("gated"), GlobalAvgPool]
        [Dense(10), Softmax]
        public partial class Residual;
        """;

    /// <summary>
    /// The bench's residual network as declared (W8, W9): every image layer up to the global pooling reads and writes
    /// channels-last images in Predict, split in the same bands of rows.
    /// </summary>
    public const string ChannelsLastResidual = """
        using Butterfly;

        namespace Samples.Vision;

        /// <summary>Two residual blocks over 28×28 digits, 16 and 32 channels.</summary>
        [Network]
        [Input(1, 28, 28)]
        [Conv2D(16, 3, padding: 1), ReLU(Name = "stem")]
        [Conv2D(16, 3, padding: 1), ReLU]
        [Conv2D(16, 3, padding: 1)]
        [Add("stem"), ReLU]
        [MaxPool(2)]
        [Conv2D(32, 3, padding: 1), ReLU(Name = "s2")]
        [Conv2D(32, 3, padding: 1), ReLU]
        [Conv2D(32, 3, padding: 1)]
        [Add("s2"), ReLU]
        [GlobalAvgPool]
        [Dense(10), Softmax]
        public partial class ResNet;
        """;

    /// <summary>A language model: token inputs, an embedding and a hierarchical softmax.</summary>
    public const string LanguageModel = """
        using Butterfly;

        namespace Samples.Text;

        /// <summary>Three words of context, 8-dim embeddings, 16 tanh units, a hierarchical softmax over 50 words.</summary>
        [Network]
        [Input(3, Vocabulary = 50)]
        [Embedding(50, 8)]
        [Dense(16), Tanh]
        [HierarchicalSoftmax(50)]
        public partial class NextWord;
        """;
}
