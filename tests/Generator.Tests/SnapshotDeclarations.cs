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

    /// <summary>Every declaration above, by name, for tests that run over all of them.</summary>
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>
    {
        [nameof(MnistMlp)] = MnistMlp,
        [nameof(ReluRegressor)] = ReluRegressor,
        [nameof(DeepNetwork)] = DeepNetwork,
        [nameof(NestedInClassAndStruct)] = NestedInClassAndStruct,
        [nameof(KeywordName)] = KeywordName,
    };

    /// <summary>The names of <see cref="ByName"/>, as theory data (names read better than sources in test output).</summary>
    public static TheoryData<string> Names => new(ByName.Keys);
}
