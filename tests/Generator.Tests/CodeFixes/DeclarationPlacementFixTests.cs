using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class DeclarationPlacementFixTests
{
    [Fact]
    public Task Layers_on_another_partial_declaration_move_after_the_network_layers() => FixTest<MoveLayersToNetworkFix>.Fixes(
        """
        [Network]
        [Input(784)]
        [Dense(100), Sigmoid]
        public partial class Digits;

        [{|BF0012:Dense(10)|}]
        [{|BF0012:Softmax|}]
        public partial class Digits
        {
            public int Extra => 1;
        }
        """,
        """
        [Network]
        [Input(784)]
        [Dense(100), Sigmoid]
        [Dense(10)]
        [Softmax]
        public partial class Digits;

        public partial class Digits
        {
            public int Extra => 1;
        }
        """);

    [Fact]
    public Task Fix_all_moves_layers_from_other_files() => FixTest<MoveLayersToNetworkFix>.FixesAll(
        [
            """
            [Network]
            [Input(784)]
            [Dense(100), Sigmoid]
            public partial class Digits;
            """,
            """
            [{|BF0012:Dense(10)|}, {|BF0012:Softmax|}]
            public partial class Digits;
            """,
        ],
        [
            """
            [Network]
            [Input(784)]
            [Dense(100), Sigmoid]
            [Dense(10)]
            [Softmax]
            public partial class Digits;
            """,
            """
            public partial class Digits;
            """,
        ],
        fixes: 1);

    [Fact]
    public Task Precision_without_weights_is_removed() => FixTest<RemovePrecisionFix>.Fixes(
        """
        [{|BF0039:Network(Precision = Precision.Int8)|}]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Precision_goes_and_the_other_arguments_stay() => FixTest<RemovePrecisionFix>.Fixes(
        """
        [{|BF0039:Network(Loss = LossFunction.CrossEntropy, Precision = Precision.Int8)|}]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """,
        """
        [Network(Loss = LossFunction.CrossEntropy)]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """);
}
