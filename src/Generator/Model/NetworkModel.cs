namespace Butterfly.Generator.Model;

/// <summary>What the emitter needs for one network: where the class is and what it declares.</summary>
internal sealed record NetworkModel(TypeDeclaration Type, NetworkSpec Spec)
{
    /// <summary>For a network imported from an ONNX model, where from; null for a declared one.</summary>
    public ImportInfo? Import { get; init; }
}

/// <summary>The ONNX model a network was imported from, and what the import changed about how it is called.</summary>
internal sealed record ImportInfo(string ModelFile, EquatableArray<string> Notes);
