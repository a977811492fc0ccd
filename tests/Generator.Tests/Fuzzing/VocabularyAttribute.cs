using System;
using System.Collections.Generic;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>A value an attribute takes: a constructor parameter, or a settable property or field.</summary>
/// <param name="Name">As declared: <c>units</c>, <c>Loss</c>.</param>
/// <param name="Type">Its type; for a <c>params</c> parameter the array type.</param>
/// <param name="IsParams">Whether it is a <c>params</c> array.</param>
/// <param name="IsOptional">Whether the constructor gives it a default.</param>
internal sealed record AttributeParameter(string Name, Type Type, bool IsParams, bool IsOptional);

/// <summary>
/// One attribute of the declaration vocabulary as reflection finds it in the attributes assembly: its constructors'
/// parameters and its settable members, which is all the fuzzer needs to write a call to it.
/// </summary>
internal sealed record VocabularyAttribute(
    Type Type,
    IReadOnlyList<IReadOnlyList<AttributeParameter>> Constructors,
    IReadOnlyList<AttributeParameter> Settable)
{
    /// <summary>The name as usually written, without the <c>Attribute</c> suffix: <c>Dense</c>.</summary>
    public string Name => Type.Name.EndsWith("Attribute", StringComparison.Ordinal) ? Type.Name[..^"Attribute".Length] : Type.Name;

    public override string ToString() => Name;
}
