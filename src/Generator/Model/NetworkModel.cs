namespace Butterfly.Generator.Model;

/// <summary>What the emitter needs for one network: where the class is and what it declares.</summary>
internal sealed record NetworkModel(TypeDeclaration Type, NetworkSpec Spec)
{
    /// <summary>For a network imported from an ONNX model, where from; null for a declared one.</summary>
    public ImportInfo? Import { get; init; }
}

/// <summary>
/// The ONNX model a network was imported from, and what the import changed about how it is called. With
/// <paramref name="WeightsFile"/> the class embeds that file instead of the model's weights: the model gives the layers
/// only, and the class is its declared twin with those weights embedded (constructed from a seed, like any declared
/// network), so an int8 class carries no float32 copy of the weights.
/// </summary>
internal sealed record ImportInfo(string ModelFile, EquatableArray<string> Notes, string? WeightsFile = null);
