namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// Names to give networks, containers and namespaces: ordinary ones, and odd ones the generator must spell back
/// correctly or reject (keywords written with <c>@</c>, contextual keywords, lower case, non-ASCII letters, unicode
/// escapes, and names Butterfly generates members with).
/// </summary>
internal static class IdentifierPools
{
    public static readonly Identifier[] NetworkNames =
        [.. Plain("Net", "Classifier", "Mlp", "Regressor", "Model", "Xor", "NET", "Digits")];

    public static readonly Identifier[] OddNetworkNames =
    [
        .. Keywords("class", "int", "event", "object", "string", "namespace", "operator", "this"),
        .. Keywords("record", "var", "file", "partial", "required", "scoped", "dynamic", "async", "nameof", "value", "field", "global"),
        .. Plain("net", "xor", "Réseau", "网络", "_", "__Net", "Net_1", "Ωmega"),
        new Identifier("\\u0041lpha", "Alpha"),
        new Identifier("N\\u0065t", "Net"),
        .. Plain("Predict", "Summary", "Loss", "Parameters", "InputLength", "Dense1Weights", "Forward", "Workspace", "INetwork", "TrainStep"),
    ];

    public static readonly Identifier[] NamespaceSegments = [.. Plain("Samples", "Models", "A", "B", "Tiny", "Net", "Ns")];

    /// <summary>Odd segments; <c>System</c> and <c>Butterfly</c> only ever follow a first segment (see docs/fuzzing.md).</summary>
    public static readonly Identifier[] OddNamespaceSegments =
    [
        .. Keywords("namespace", "event", "class", "record", "var", "file"),
        .. Plain("Réseau", "_", "models", "NET", "net"),
        new Identifier("\\u0041", "A"),
    ];

    public static readonly Identifier[] InnerOnlyNamespaceSegments = [.. Plain("System", "Butterfly")];

    public static readonly Identifier[] ContainerNames =
    [
        .. Plain("Outer", "Models", "Holder", "Zoo", "outer", "Net", "Ω"),
        .. Keywords("class", "record", "struct", "var"),
    ];

    private static Identifier[] Plain(params string[] names) => [.. System.Linq.Enumerable.Select(names, Identifier.Plain)];

    private static Identifier[] Keywords(params string[] names) => [.. System.Linq.Enumerable.Select(names, n => new Identifier("@" + n, n))];
}
