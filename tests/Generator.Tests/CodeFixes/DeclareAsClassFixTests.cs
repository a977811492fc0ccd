using System.Threading.Tasks;
using Butterfly.CodeFixes;

namespace Butterfly.Generator.Tests.CodeFixes;

public sealed class DeclareAsClassFixTests
{
    [Fact]
    public Task Record_becomes_a_class() => FixTest<DeclareAsClassFix>.Fixes(
        """
        [{|BF0003:Network|}]
        [Input(4)]
        [Dense(2), Softmax]
        public partial record Digits;
        """,
        """
        [Network]
        [Input(4)]
        [Dense(2), Softmax]
        public partial class Digits;
        """);

    [Fact]
    public Task Record_with_members_becomes_a_class_with_them() => FixTest<DeclareAsClassFix>.Fixes(
        """
        [{|BF0003:Network|}]
        [Input(4)]
        [Dense(2), Softmax]
        public partial record Digits
        {
            public string Label => "digits";
        }
        """,
        """
        [Network]
        [Input(4)]
        [Dense(2), Softmax]
        public partial class Digits
        {
            public string Label => "digits";
        }
        """);
}
