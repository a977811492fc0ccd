using Butterfly.Generator.Model;

namespace Butterfly.Generator.Embedding;

/// <summary>
/// Everything decoding and emitting one network's embedded weights depends on, and nothing else: the declaration and
/// the text of the one <c>AdditionalFiles</c> item its <c>Weights</c> names (or why there is none). It holds no
/// location and no other file, so the expensive step stays cached when the declaration moves to another line or an
/// unrelated additional file changes; diagnostics get the <c>[Network]</c> attribute's location afterwards.
/// </summary>
/// <param name="Type">Where the network class is.</param>
/// <param name="Spec">What it declares.</param>
/// <param name="WeightsFile">The <c>Weights</c> value.</param>
/// <param name="Precision">The declared number format; any value, checked against the file.</param>
/// <param name="Text">The named file's text, or null when <paramref name="Problem"/> says why there is none.</param>
/// <param name="Problem">No file, several, or one that cannot be read: a diagnostic without a location.</param>
internal sealed record EmbeddingInput(TypeDeclaration Type, NetworkSpec Spec, string WeightsFile, int Precision, string? Text, DiagnosticInfo? Problem);
