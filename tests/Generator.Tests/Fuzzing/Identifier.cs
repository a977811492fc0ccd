namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// A name as written in source and as the compiler reads it: <c>@class</c> is <c>class</c>, <c>\u0041lpha</c> is
/// <c>Alpha</c>.
/// </summary>
internal readonly record struct Identifier(string Written, string Value)
{
    public static Identifier Plain(string name) => new(name, name);

    public override string ToString() => Written;
}
