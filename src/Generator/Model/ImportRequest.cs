namespace Butterfly.Generator.Model;

/// <summary>
/// A valid <c>[Network(Onnx = ...)]</c> class, as plain data: the network's layers come from the model, found later
/// among the <c>AdditionalFiles</c>. It carries the attribute's location, as data, because every import diagnostic
/// points there (see <see cref="EmbeddingRequest"/>, which it mirrors).
/// </summary>
/// <param name="Type">Where the network class is.</param>
/// <param name="ModelFile">The <c>Onnx</c> value: the model's file name or path suffix.</param>
/// <param name="Loss">The declared loss (Auto: from the model's last layer).</param>
/// <param name="Location">The <c>[Network]</c> attribute.</param>
/// <param name="WeightsFile">
/// The <c>Weights</c> value, when the class embeds weights of its own (fine-tuned float32, or int8 from the quantizer)
/// instead of the model's; null for the model's float32 weights.
/// </param>
/// <param name="Precision">The declared number format of <paramref name="WeightsFile"/>; any value, checked against the file.</param>
internal sealed record ImportRequest(TypeDeclaration Type, string ModelFile, LossKind Loss, LocationInfo? Location, string? WeightsFile = null, int Precision = 0)
{
    /// <summary>
    /// The class's own and inherited members, checked against the generated ones once the import has decided them (the
    /// import itself does not depend on them, so editing them does not import the model again).
    /// </summary>
    public MemberSurvey? Members { get; init; }
}
