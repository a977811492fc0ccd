namespace Butterfly;

/// <summary>Where one layer's output lives in a <see cref="Workspace"/> after <c>Forward</c>.</summary>
/// <param name="Name">The layer's name, such as <c>dense_1</c>; its parameter blocks are named <c>dense_1.*</c>.</param>
/// <param name="Layer">The layer as declared, such as <c>Dense(100)</c>.</param>
/// <param name="Offset">Its per-sample offset in the workspace layout, as <see cref="Workspace.Region"/> takes it.</param>
/// <param name="Length">Floats per sample.</param>
public readonly record struct LayerOutput(string Name, string Layer, int Offset, int Length);
