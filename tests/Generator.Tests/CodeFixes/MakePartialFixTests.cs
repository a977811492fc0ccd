using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class MakePartialFixTests
{
    [Fact]
    public Task Network_class_becomes_partial() => FixTest<MakePartialFix>.Fixes(
        """
        [{|BF0001:Network|}]
        [Input(4)]
        [Dense(2), Softmax]
        public sealed class Digits;
        """,
        """
        [Network]
        [Input(4)]
        [Dense(2), Softmax]
        public sealed partial class Digits;
        """);

    [Fact]
    public Task Network_class_without_modifiers_keeps_its_indentation() => FixTest<MakePartialFix>.Fixes(
        """
        namespace Models
        {
            [{|BF0001:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            class Digits;
        }
        """,
        """
        namespace Models
        {
            [Network]
            [Input(4)]
            [Dense(2), Softmax]
            partial class Digits;
        }
        """);

    [Fact]
    public Task Every_container_without_partial_becomes_partial() => FixTest<MakePartialFix>.Fixes(
        """
        public static class Models
        {
            internal sealed class Vision
            {
                [{|BF0002:{|BF0002:Network|}|}]
                [Input(4)]
                [Dense(2), Softmax]
                public partial class Digits;
            }
        }
        """,
        """
        public static partial class Models
        {
            internal sealed partial class Vision
            {
                [Network]
                [Input(4)]
                [Dense(2), Softmax]
                public partial class Digits;
            }
        }
        """);

    [Fact]
    public Task Fix_all_makes_every_network_partial_in_a_document_and_a_project() => FixTest<MakePartialFix>.FixesAll(
        [
            """
            [{|BF0001:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            public class First;

            [{|BF0001:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            public class Second;
            """,
            """
            [{|BF0001:Network|}]
            [Input(3)]
            [Dense(1)]
            internal class Third;
            """,
        ],
        [
            """
            [Network]
            [Input(4)]
            [Dense(2), Softmax]
            public partial class First;

            [Network]
            [Input(4)]
            [Dense(2), Softmax]
            public partial class Second;
            """,
            """
            [Network]
            [Input(3)]
            [Dense(1)]
            internal partial class Third;
            """,
        ],
        fixes: 3);
}
