namespace Butterfly.Integration.Tests;

/// <summary>
/// Tests that build the repository's projects (pack, publish) run one at a time: two builds of one project at once
/// would write the same obj/ and bin/ files.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuilds
{
    public const string Name = "dotnet builds";
}
