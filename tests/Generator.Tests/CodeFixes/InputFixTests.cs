using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class InputFixTests
{
    [Fact]
    public Task Input_moves_above_the_first_layer_on_its_own_line() => FixTest<MoveInputFirstFix>.Fixes(
        """
        [Network]
        [Dense(100), Sigmoid]
        [{|BF0007:Input(784)|}]
        [Dense(10), Softmax]
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
    public Task Input_moves_into_the_list_that_starts_with_a_layer_after_Network() => FixTest<MoveInputFirstFix>.Fixes(
        """
        /// <summary>Digits.</summary>
        [Network, Dense(10), {|BF0007:Input(784)|}, Softmax]
        public partial class Digits;
        """,
        """
        /// <summary>Digits.</summary>
        [Network, Input(784), Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Input_keeps_the_comment_above_the_declaration_in_place() => FixTest<MoveInputFirstFix>.Fixes(
        """
        /// <summary>Digits.</summary>
        [Dense(10), Softmax]
        [{|BF0007:Input(784)|}]
        [Network]
        public partial class Digits;
        """,
        """
        /// <summary>Digits.</summary>
        [Input(784)]
        [Dense(10), Softmax]
        [Network]
        public partial class Digits;
        """);

    [Fact]
    public Task Repeated_input_is_removed_and_the_first_stays() => FixTest<RemoveDuplicateInputFix>.Fixes(
        """
        [Network]
        [Input(784)]
        [Dense(10), Softmax]
        [{|BF0008:Input(28, 28)|}]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Repeated_input_inside_a_list_leaves_the_rest_of_the_list() => FixTest<RemoveDuplicateInputFix>.Fixes(
        """
        [Network]
        [Input(784)]
        [Dense(10), {|BF0008:Input(784)|}, Softmax]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(784)]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Fix_all_removes_every_repeated_input() => FixTest<RemoveDuplicateInputFix>.FixesAll(
        [
            """
            [Network]
            [Input(784)]
            [{|BF0008:Input(784)|}]
            [Dense(10), Softmax]
            [{|BF0008:Input(10)|}]
            public partial class Digits;
            """,
        ],
        [
            """
            [Network]
            [Input(784)]
            [Dense(10), Softmax]
            public partial class Digits;
            """,
        ],
        fixes: 2);
}
