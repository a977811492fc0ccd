namespace Butterfly.Generator.Model;

/// <summary>
/// A valid network declaration, as plain data: the input shape, the layers in data-flow order and the loss
/// (resolved, never Auto), and for an input of token ids its vocabulary (0 for floats). It holds no symbol, syntax or
/// location, so it compares by value.
/// </summary>
internal sealed record NetworkSpec(Shape Input, EquatableArray<LayerSpec> Layers, LossKind Loss, int Vocabulary = 0)
{
    /// <summary>The input's declared name (<c>[Input(784, Name = "x")]</c>), or null.</summary>
    public string? InputName { get; init; }

    /// <summary>Whether the input is token ids rather than floats.</summary>
    public bool TakesTokens => Vocabulary > 0;
}

/// <summary>The loss, mirroring <c>Butterfly.LossFunction</c> (whose numbers the attribute carries).</summary>
internal enum LossKind
{
    Auto = 0,
    CrossEntropy = 1,
    MeanSquaredError = 2,
}
