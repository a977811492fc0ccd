using Butterfly.Generator.Model;

namespace Butterfly.Generator.Embedding;

/// <summary>
/// What embedding one network's weights gave: its generated file, or the diagnostics that say why not (without a
/// location: <see cref="WeightsEmbedding.Locate"/> puts them at the network's <c>[Network]</c> attribute).
/// </summary>
internal sealed record EmbeddedNetwork(TypeDeclaration Type, GeneratedNetwork? Source, EquatableArray<DiagnosticInfo> Diagnostics);
