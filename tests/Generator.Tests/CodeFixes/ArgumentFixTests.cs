using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class ArgumentFixTests
{
    [Fact]
    public Task Padding_above_the_range_becomes_kernel_minus_one() => FixTest<ReplaceArgumentFix>.Fixes(
        """
        [Network]
        [Input(1, 28, 28)]
        [{|BF0028:Conv2D(8, 5, padding: 7)|}, ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(1, 28, 28)]
        [Conv2D(8, 5, padding: 4), ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Negative_positional_padding_becomes_zero() => FixTest<ReplaceArgumentFix>.Fixes(
        """
        [Network]
        [Input(1, 28, 28)]
        [{|BF0028:Conv2D(8, 5, 1, -2)|}, ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(1, 28, 28)]
        [Conv2D(8, 5, 1, 0), ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Window_larger_than_its_input_gets_the_padding_that_fits_it() => FixTest<ReplaceArgumentFix>.Fixes(
        """
        [Network]
        [Input(1, 4, 6)]
        [{|BF0026:Conv2D(8, 7)|}, ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """,
        """
        [Network]
        [Input(1, 4, 6)]
        [Conv2D(8, 7, padding: 2), ReLU]
        [Dense(10), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Pooling_window_larger_than_its_input_has_no_padding_to_offer() => new FixTest<ReplaceArgumentFix>
    {
        TestCode = """
            using Butterfly;

            [Network]
            [Input(1, 4, 4)]
            [{|BF0026:MaxPool(5)|}]
            [Dense(10), Softmax]
            public partial class Digits;
            """,
    }.RunAsync();
}
