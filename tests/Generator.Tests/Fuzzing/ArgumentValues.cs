using System;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// C# expressions for attribute arguments of a given type: plausible ones (small sizes, rates between 0 and 1, defined
/// enum members), which tend to give networks that compile, and edge ones (zero, negative, huge, NaN, infinities,
/// undefined enum values), which probe the checks.
/// </summary>
internal static class ArgumentValues
{
    /// <summary>Sizes at and around every limit: 2^20 and 2^28 + 1 straddle the 2^28-float caps, 46341² overflows int.</summary>
    private static readonly string[] EdgeIntegers =
    [
        "0", "-1", "-7", "1", "2", "3", "16", "100", "1048576", "268435456", "268435457", "46341", "65536",
        "int.MaxValue", "2147483647", "int.MinValue", "1 << 20", "(1 << 28) + 1", "-0", "0x10",
    ];

    private static readonly string[] EdgeFloats =
    [
        "float.NaN", "float.PositiveInfinity", "float.NegativeInfinity", "-1f", "-0.5f", "0f", "-0f", "1f", "1.5f", "2f",
        "100f", "1e-7f", "float.Epsilon", "float.MaxValue", "float.MinValue", "0.5f", "1", "0", "1e38f", "0.999999f",
    ];

    private static readonly string[] EdgeDoubles =
    [
        "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "-1.0", "-0.5", "0.0", "-0.0", "1.0", "1.5",
        "2.0", "100.0", "1e-7", "double.Epsilon", "double.MaxValue", "double.MinValue", "0.5", "1", "1e300", "1e-300",
    ];

    private static readonly string[] PlausibleFractions = ["0.1", "0.25", "0.5", "0.2"];

    /// <summary>An expression of type <paramref name="type"/>.</summary>
    public static string Of(Type type, CaseRandom random, bool plausible)
    {
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint))
        {
            return plausible ? random.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture) : random.Pick(EdgeIntegers);
        }

        if (type == typeof(float))
        {
            return plausible ? random.Pick(PlausibleFractions) + "f" : random.Pick(EdgeFloats);
        }

        if (type == typeof(double))
        {
            return plausible ? random.Pick(PlausibleFractions) : random.Pick(EdgeDoubles);
        }

        if (type == typeof(bool))
        {
            return random.Chance(0.5) ? "true" : "false";
        }

        if (type.IsEnum)
        {
            return Enum(type, random, plausible);
        }

        if (type == typeof(string))
        {
            return plausible ? "\"x\"" : random.Pick(new[] { "\"\"", "null", "\"x\"", "\"\\n\"" });
        }

        if (type.IsArray && type.GetElementType() is { } element)
        {
            int count = plausible ? random.Next(1, 4) : random.Next(0, 5);
            return $"new {Keyword(element)}[] {{ {string.Join(", ", Enumerable.Range(0, count).Select(_ => Of(element, random, plausible)))} }}";
        }

        return "default";
    }

    /// <summary>A defined member, or (at the edge) a cast of a number the enum does not define.</summary>
    private static string Enum(Type type, CaseRandom random, bool plausible)
    {
        string name = random.Chance(0.5) ? "global::" + type.FullName : type.Name;
        var members = System.Enum.GetNames(type);
        if (plausible || random.Chance(0.4))
        {
            return name + "." + random.Pick(members);
        }

        return random.Pick(new[] { $"({name})7", $"({name})(-1)", $"({name})1", "0", "default", $"({name})int.MaxValue", $"({name})3" });
    }

    private static string Keyword(Type type) =>
        type == typeof(int) ? "int" : type == typeof(float) ? "float" : type == typeof(double) ? "double" : type == typeof(string) ? "string" : "global::" + type.FullName;
}
