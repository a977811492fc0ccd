namespace Butterfly.Generator.Model;

/// <summary>What the emitter needs for one network: where the class is and what it declares.</summary>
internal sealed record NetworkModel(TypeDeclaration Type, NetworkSpec Spec);
