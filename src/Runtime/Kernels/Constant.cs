namespace Butterfly.Kernels;

/// <summary>
/// A small integer as a type. A kernel generic over <c>T : struct, IConstant</c> is compiled once per value, with
/// <c>T.Value</c> a constant: loops over it unroll by hand into <c>if (T.Value &gt; k)</c> steps that the JIT keeps
/// or drops, so each size gets exactly the registers it uses.
/// </summary>
internal interface IConstant
{
    static abstract int Value { get; }
}

internal struct One : IConstant
{
    public static int Value => 1;
}

internal struct Two : IConstant
{
    public static int Value => 2;
}

internal struct Three : IConstant
{
    public static int Value => 3;
}

internal struct Four : IConstant
{
    public static int Value => 4;
}

internal struct Five : IConstant
{
    public static int Value => 5;
}
