using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// Everything importing one network depends on: the declaration and the text of the one additional file that holds its
/// model (base64, as Butterfly's build targets write it), or why there is none. No location and no other file, so the
/// import stays cached when the declaration moves or an unrelated file changes.
/// </summary>
internal sealed record ImportInput(TypeDeclaration Type, string ModelFile, LossKind Loss, string? Text, DiagnosticInfo? Problem)
{
    /// <summary>The <c>Weights</c> the class embeds instead of the model's, or null (see <see cref="ImportRequest"/>).</summary>
    public string? WeightsFile { get; init; }

    /// <summary>The declared number format of <see cref="WeightsFile"/>.</summary>
    public int Precision { get; init; }
}

/// <summary>The clash check of an imported class's members: the class, and BF0021/BF0022 diagnostics (none when it passed).</summary>
internal sealed record ImportMemberCheck(string QualifiedName, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What importing one network gave: its generated files, or the diagnostics that say why not (without a location yet).</summary>
internal sealed record ImportedNetwork(TypeDeclaration Type, EquatableArray<GeneratedNetwork> Sources, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>
    /// For a class that embeds a weights file of its own: that file to embed, now that the imported layers are known. The
    /// declared networks' embedding step then reads, checks and emits it; <see cref="Sources"/> then holds no embedded file.
    /// </summary>
    public EmbeddingRequest? Embedding { get; init; }

    /// <summary>The members the generated files write into the class, for the clash check (<see cref="OnnxImport.CheckMembers"/>).</summary>
    public EquatableArray<GeneratedMember> Members { get; init; }
}
