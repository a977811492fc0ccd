using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class RemoveModifierFixTests
{
    [Fact]
    public Task Static_network_class_loses_static() => FixTest<RemoveModifierFix>.Fixes(
        """
        [{|BF0005:Network|}]
        [Input(4)]
        [Dense(2), Softmax]
        public static partial class Digits;
        """,
        """
        [Network]
        [Input(4)]
        [Dense(2), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task File_local_container_loses_file() => FixTest<RemoveModifierFix>.Fixes(
        """
        file static partial class Models
        {
            [{|BF0020:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            public partial class Digits;
        }
        """,
        """
        static partial class Models
        {
            [Network]
            [Input(4)]
            [Dense(2), Softmax]
            public partial class Digits;
        }
        """);

    [Fact]
    public Task Fix_all_removes_static_from_every_network() => FixTest<RemoveModifierFix>.FixesAll(
        [
            """
            [{|BF0005:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            public static partial class First;

            [{|BF0005:Network|}]
            [Input(4)]
            [Dense(2), Softmax]
            internal static partial class Second;
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
            internal partial class Second;
            """,
        ],
        fixes: 2);
}
