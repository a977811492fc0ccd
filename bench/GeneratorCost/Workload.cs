using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Butterfly.Bench.GeneratorCost;

/// <summary>A project to run the generator over: its network declarations and one file of ordinary code to edit.</summary>
internal sealed record Workload(string Name, int Networks, int LayersPerNetwork, IReadOnlyList<string> Sources)
{
    /// <summary>One network of <paramref name="layers"/> layers: alternating Dense and activation, softmax last.</summary>
    public static Workload DeepNetwork(int layers) =>
        new($"one network of {layers} layers", 1, layers, [Network("Deep", layers, width: 64)]);

    /// <summary><paramref name="count"/> networks of six layers each, one file per network, as a real project keeps them.</summary>
    public static Workload ManyNetworks(int count) =>
        new($"{count} networks of 6 layers", count, 6, Enumerable.Range(0, count).Select(i => Network($"Net{i}", 6, width: 32 + i)).ToList());

    /// <summary>Code with no network in it: the file an unrelated edit changes.</summary>
    public static string UnrelatedCode(int edit) =>
        $$"""
        namespace App;

        public static class Arithmetic
        {
            public static int Answer() => {{edit}};
        }
        """;

    private static string Network(string name, int layers, int width)
    {
        string[] activations = ["ReLU", "Tanh", "Sigmoid"];
        var source = new StringBuilder();
        source.AppendLine("using Butterfly;");
        source.AppendLine("namespace App.Models;");
        source.AppendLine("[Network]");
        source.AppendLine("[Input(784)]");
        for (int i = 0; i < layers / 2; i++)
        {
            bool last = i == layers / 2 - 1;
            source.AppendLine(last ? "[Dense(10), Softmax]" : $"[Dense({width}), {activations[i % activations.Length]}]");
        }

        source.AppendLine($"public partial class {name};");
        return source.ToString();
    }
}
