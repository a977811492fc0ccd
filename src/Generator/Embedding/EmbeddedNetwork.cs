using Butterfly.Generator.Model;

namespace Butterfly.Generator.Embedding;

/// <summary>What embedding one network's weights gave: its generated file, or the diagnostics that say why not.</summary>
internal sealed record EmbeddedNetwork(GeneratedNetwork? Source, EquatableArray<DiagnosticInfo> Diagnostics);
