using System;
using System.Linq;
using Butterfly.Runtime.Tests.Boltzmann;
using Butterfly.Runtime.Tests.Networks;
using Butterfly.Runtime.Tests.Onnx;

namespace Butterfly.Runtime.Tests;

/// <summary>
/// The structure every generated network emits as data (<see cref="INetwork.Structure"/>) agrees with what the network
/// says elsewhere: one entry per layer output, in order, with its length; parameter tensors that tile
/// <see cref="INetwork.ParameterBlocks"/> in order, named after their layer; operands that are earlier layers or the input,
/// whose shapes feed the next layer.
/// </summary>
public sealed class NetworkStructureTests
{
    public static TheoryData<string> Networks => new(Create.Keys.Order());

    private static readonly System.Collections.Generic.Dictionary<string, Func<INetwork>> Create = new()
    {
        [nameof(MnistMlp)] = () => new MnistMlp(),
        [nameof(BenchCnn)] = () => new BenchCnn(),
        [nameof(NormalizationNet)] = () => new NormalizationNet(),
        [nameof(ResidualBatchNormNet)] = () => new ResidualBatchNormNet(),
        [nameof(ConcatGraphNet)] = () => new ConcatGraphNet(),
        [nameof(AddGraphNet)] = () => new AddGraphNet(),
        [nameof(TinyLanguageNet)] = () => new TinyLanguageNet(),
        [nameof(TinyBranchBeliefNet)] = () => new TinyBranchBeliefNet(),
        [nameof(ExportDropoutLast)] = () => new ExportDropoutLast(),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Structure_agrees_with_the_layer_outputs_and_parameter_blocks(string name)
    {
        var network = Create[name]();
        var structure = network.Structure;
        var outputs = network.LayerOutputs;
        var blocks = network.ParameterBlocks;
        Assert.Equal(outputs.Length, structure.Layers.Count);
        Assert.Equal(network.InputLength, structure.InputShape.Aggregate(1, (p, d) => p * d));
        Assert.Equal(network.OutputLength, structure.Output.OutputShape.Aggregate(1, (p, d) => p * d));
        int nextBlock = 0;
        for (int i = 0; i < structure.Layers.Count; i++)
        {
            var layer = structure.Layers[i];
            Assert.Equal(outputs[i].Name, layer.Name);
            Assert.Equal(outputs[i].Length, layer.OutputShape.Aggregate(1, (p, d) => p * d));
            Assert.Equal(nextBlock, layer.FirstBlock);
            for (int b = layer.FirstBlock; b < layer.FirstBlock + layer.BlockCount; b++)
            {
                Assert.StartsWith(layer.Name + ".", blocks[b].Name, StringComparison.Ordinal);
            }

            nextBlock += layer.BlockCount;
            Assert.All(layer.Sources, source => Assert.InRange(source, -1, i - 1));
            var first = layer.Sources[0] < 0 ? structure.InputShape : structure.Layers[layer.Sources[0]].OutputShape;
            Assert.Equal(first, layer.InputShape);
        }

        Assert.Equal(blocks.Length, nextBlock);
    }

    [Fact]
    public void Arguments_and_names_are_as_declared()
    {
        var residual = ((INetwork)new ResidualBatchNormNet()).Structure;
        var conv = residual.Layers[0];
        Assert.Equal(("Conv2D", 3.0, 3.0, 1.0, 1.0), (conv.Kind, conv.Argument("filters"), conv.Argument("kernel"), conv.Argument("stride"), conv.Argument("padding")));
        Assert.Equal("stem", residual.Layers[1].DeclaredName);
        var add = residual.Layers.Single(l => l.Kind == "Add");
        Assert.Equal([add.Sources[0], 1], add.Sources);
        Assert.False(residual.IsStack);
        Assert.True(((INetwork)new MnistMlp()).Structure.IsStack);
        Assert.Equal(7, ((INetwork)new TinyLanguageNet()).Structure.Vocabulary);
        var lrn = ((INetwork)new NormalizationNet()).Structure.Layers[0];
        Assert.Equal(0.5f, (float)lrn.Argument("alpha"));
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => lrn.Argument("units"));
    }
}
