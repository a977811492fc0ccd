using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Layers;

/// <summary>The layer kinds the generator knows, by name and by attribute.</summary>
internal static class LayerCatalog
{
    private static readonly LayerKind[] Kinds =
    [
        new DenseLayer(),
        new SigmoidLayer(),
        new TanhLayer(),
        new ReLULayer(),
        new SoftmaxLayer(),
        new LogSoftmaxLayer(),
        new Conv2DLayer(),
        new MaxPoolLayer(),
        new AvgPoolLayer(),
        new FlattenLayer(),
        new DropoutLayer(),
        new BatchNormLayer(),
        new LeakyReLULayer(),
        new ELULayer(),
        new GELULayer(),
        new LayerNormLayer(),
        new ClampLayer(),
        new LocalResponseNormalizationLayer(),
        new LocalContrastNormalizationLayer(),
        new AddLayer(),
        new ConcatLayer(),
        new MultiplyLayer(),
        new GlobalAvgPoolLayer(),
        new EmbeddingLayer(),
        new HierarchicalSoftmaxLayer(),
    ];

    private static readonly Dictionary<string, LayerKind> ByName = Kinds.ToDictionary(k => k.Name);

    private static readonly Dictionary<string, LayerKind> ByAttribute = Kinds.ToDictionary(k => k.AttributeMetadataName);

    public static IReadOnlyList<LayerKind> All => Kinds;

    public static LayerKind Get(string name) => ByName[name];

    public static LayerKind? FindByAttribute(string metadataName) =>
        ByAttribute.TryGetValue(metadataName, out var kind) ? kind : null;
}
