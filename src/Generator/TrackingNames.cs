namespace Butterfly.Generator;

/// <summary>Names of the pipeline steps, so tests can check what the incremental driver cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Models = nameof(Models);
    public const string Emit = nameof(Emit);
    public const string Embed = nameof(Embed);
    public const string Import = nameof(Import);
    public const string ImportEmbed = nameof(ImportEmbed);
    public const string ParseMachine = nameof(ParseMachine);
    public const string EmitMachine = nameof(EmitMachine);
}
