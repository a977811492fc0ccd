namespace Butterfly.Generator.Model;

/// <summary>The number format of embedded weights, mirroring <c>Butterfly.Precision</c> (whose numbers the attribute carries).</summary>
internal enum PrecisionKind
{
    Float32 = 0,
    Int8 = 1,
}

/// <summary>
/// A valid network that names trained weights to embed (<c>[Network(Weights = ...)]</c>), as plain data. It carries the
/// <c>[Network]</c> attribute's location, as data, because every weights-file diagnostic points there; it is a model of
/// its own so that the main network file's caching does not depend on where the attribute stands.
/// </summary>
/// <param name="Type">Where the network class is.</param>
/// <param name="Spec">What it declares.</param>
/// <param name="WeightsFile">The <c>Weights</c> value: a file name or path suffix of an <c>AdditionalFiles</c> item.</param>
/// <param name="Precision">The declared number format; any value, checked against the file.</param>
/// <param name="Location">The <c>[Network]</c> attribute.</param>
internal sealed record EmbeddingRequest(TypeDeclaration Type, NetworkSpec Spec, string WeightsFile, int Precision, LocationInfo? Location);
