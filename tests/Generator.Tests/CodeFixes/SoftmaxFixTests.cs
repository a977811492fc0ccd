using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class SoftmaxFixTests
{
    [Fact]
    public Task Softmax_moves_after_the_last_layer() => FixTest<MoveSoftmaxLastFix>.Fixes(
        """
        [Network]
        [Input(784)]
        [Dense(100), {|BF0011:Softmax|}]
        [Dense(10)]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(784)]
        [Dense(100)]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Softmax_alone_on_a_line_moves_and_its_line_goes() => FixTest<MoveSoftmaxLastFix>.Fixes(
        """
        [Network]
        [Input(784)]
        [{|BF0011:Softmax|}]
        [Dense(100), Sigmoid]
        [Dense(10)]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(784)]
        [Dense(100), Sigmoid]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Cross_entropy_without_softmax_gets_a_softmax_output() => FixTest<AddSoftmaxFix>.Fixes(
        """
        [{|BF0013:Network(Loss = LossFunction.CrossEntropy)|}]
        [Input(784)]
        [Dense(100), Sigmoid]
        [Dense(10)]
        public partial class Digits;
        """,
        """
        [Network(Loss = LossFunction.CrossEntropy)]
        [Input(784)]
        [Dense(100), Sigmoid]
        [Dense(10), Softmax]
        public partial class Digits;
        """);
}
