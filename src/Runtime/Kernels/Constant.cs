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

internal struct Six : IConstant
{
    public static int Value => 6;
}

internal struct Seven : IConstant
{
    public static int Value => 7;
}

internal struct Eight : IConstant
{
    public static int Value => 8;
}

internal struct Nine : IConstant
{
    public static int Value => 9;
}

internal struct Ten : IConstant
{
    public static int Value => 10;
}

internal struct Eleven : IConstant
{
    public static int Value => 11;
}

internal struct Twelve : IConstant
{
    public static int Value => 12;
}

internal struct Thirteen : IConstant
{
    public static int Value => 13;
}

internal struct Fourteen : IConstant
{
    public static int Value => 14;
}

internal struct Sixteen : IConstant
{
    public static int Value => 16;
}

internal struct ThirtyTwo : IConstant
{
    public static int Value => 32;
}

internal struct SixtyFour : IConstant
{
    public static int Value => 64;
}

/// <summary>Zero, which a kernel may read as "the value is given at run time" (a stride it takes as an argument).</summary>
internal struct Zero : IConstant
{
    public static int Value => 0;
}

/// <summary><typeparamref name="TA"/> + <typeparamref name="TB"/>, a constant too: sizes past fourteen without a type each.</summary>
internal struct Plus<TA, TB> : IConstant
    where TA : struct, IConstant
    where TB : struct, IConstant
{
    public static int Value => TA.Value + TB.Value;
}
