using Butterfly.Generator.Model;

namespace Butterfly.Generator.Parsing;

/// <summary>
/// What parsing one <c>[Network]</c> class gave: a model to emit (when valid), the weights to embed (when it names
/// some), and diagnostics.
/// </summary>
internal sealed record ParseResult(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EmbeddingRequest? Embedding = null)
{
    /// <summary>For a <c>[Network(Onnx = ...)]</c> class, the model to import, whose layers only the model knows.</summary>
    public ImportRequest? Import { get; init; }

    /// <summary>Nothing to emit or report, as when the compiler already reports the declaration's errors.</summary>
    public static ParseResult Nothing { get; } = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
