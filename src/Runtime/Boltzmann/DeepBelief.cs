using System;
using System.Collections.Generic;

namespace Butterfly;

/// <summary>One dense layer of a network followed by a sigmoid, which a restricted Boltzmann machine can pretrain.</summary>
public readonly record struct PretrainableLayer
{
    /// <summary>Describes the layer.</summary>
    /// <param name="name">The dense layer's name, such as <c>dense_1</c>.</param>
    /// <param name="inputs">Its input width: the machine's visible units; positive.</param>
    /// <param name="units">Its units: the machine's hidden units; positive.</param>
    /// <param name="weights">Its weights <c>[units × inputs]</c> in the network's parameters, laid out as a machine's <c>W</c>.</param>
    /// <param name="bias">Its bias, which takes the machine's hidden bias <c>c</c>.</param>
    public PretrainableLayer(string name, int inputs, int units, ParameterBlock weights, ParameterBlock bias)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        if (weights.Length != (long)inputs * units || bias.Length != units)
        {
            throw new ArgumentException($"A dense layer of {units} units on {inputs} inputs has {(long)inputs * units} weights and {units} biases, not {weights.Length} and {bias.Length}.", nameof(weights));
        }

        Name = name;
        Inputs = inputs;
        Units = units;
        Weights = weights;
        Bias = bias;
    }

    /// <summary>The dense layer's name, such as <c>dense_1</c>.</summary>
    public string Name { get; }

    /// <summary>Its input width: the machine's visible units.</summary>
    public int Inputs { get; }

    /// <summary>Its units: the machine's hidden units.</summary>
    public int Units { get; }

    /// <summary>Its weights <c>[units × inputs]</c> in the network's parameters.</summary>
    public ParameterBlock Weights { get; }

    /// <summary>Its bias.</summary>
    public ParameterBlock Bias { get; }
}

/// <summary>
/// Greedy layer-wise pretraining of a feed-forward network as a deep belief net (Hinton, Osindero and Teh 2006; Hinton
/// and Salakhutdinov 2006): a restricted Boltzmann machine is trained on the data, the next on the first one's hidden
/// probabilities, and so on; each machine's weights <c>W</c> and hidden bias <c>c</c> then become a
/// <c>Dense</c> + <c>Sigmoid</c> layer, since <c>σ(W x + c)</c> is exactly that layer's forward rule. Fine-tune the
/// network afterwards with backpropagation as usual.
/// </summary>
public static class DeepBelief
{
    /// <summary>
    /// The network's leading run of <c>Dense</c> + <c>Sigmoid</c> layers (each maybe followed by <c>Dropout</c>), from the
    /// input on, read from the structure the generator emits (<see cref="INetwork.Structure"/>) and its parameter blocks.
    /// </summary>
    public static IReadOnlyList<PretrainableLayer> PretrainableLayers(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = new List<PretrainableLayer>();
        var structure = network.Structure.Layers;
        int inputs = network.InputLength;
        for (int i = 0; i + 1 < structure.Count; i = SkipDropout(structure, i + 2))
        {
            if (Dense(network, structure[i], i, inputs) is not { } layer || !Follows(structure[i + 1], "Sigmoid", i))
            {
                break;
            }

            layers.Add(layer);
            inputs = layer.Units;
        }

        return layers;
    }

    /// <summary>
    /// The first layer at or after <paramref name="at"/> that is not a dropout on the flow: dropout is the identity at
    /// inference, so a layer above it still sees the sigmoid's output the machine below was trained to produce.
    /// </summary>
    private static int SkipDropout(IReadOnlyList<LayerStructure> layers, int at)
    {
        while (at < layers.Count && Follows(layers[at], "Dropout", at - 1))
        {
            at++;
        }

        return at;
    }

    /// <summary>Whether <paramref name="layer"/> is of <paramref name="kind"/> and reads only layer <paramref name="previous"/> (-1: the input).</summary>
    private static bool Follows(LayerStructure layer, string kind, int previous) =>
        layer.Kind == kind && layer.Sources.Count == 1 && layer.Sources[0] == previous;

    /// <summary>
    /// Pretrains the first <c>machines.Count</c> hidden layers of <paramref name="network"/>: machine <c>i</c> is trained
    /// on the data passed through machines <c>0 … i-1</c> (their hidden probabilities), then its <c>W</c> and <c>c</c>
    /// are copied into the network's layer <c>i</c>. The machines keep their trained parameters.
    /// </summary>
    /// <param name="network">A network whose first hidden layers are <c>Dense</c> + <c>Sigmoid</c>.</param>
    /// <param name="machines">One per layer to pretrain, sized <c>(inputs, units)</c> of that layer, in order.</param>
    /// <param name="data">Training samples of the network's input length.</param>
    /// <param name="createOptimizer">Makes the optimizer for machine <c>i</c>.</param>
    /// <param name="options">How each machine is trained.</param>
    /// <param name="onEpoch">Called after each epoch of each machine, with the machine's index.</param>
    /// <exception cref="ArgumentException">A layer to pretrain is not <c>Dense</c> + <c>Sigmoid</c>, or a machine does not fit it.</exception>
    public static void Pretrain(
        INetwork network,
        IReadOnlyList<IBoltzmannMachine> machines,
        ReadOnlySpan<float> data,
        Func<int, Optimizer> createOptimizer,
        BoltzmannTrainerOptions options,
        Action<int, BoltzmannEpochReport>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(createOptimizer);
        ArgumentNullException.ThrowIfNull(options);
        var layers = CheckMachines(network, machines);
        float[]? transformed = null;
        for (int i = 0; i < machines.Count; i++)
        {
            var machine = machines[i];
            ReadOnlySpan<float> input = transformed ?? data;
            var trainer = new BoltzmannTrainer(machine, createOptimizer(i), options with { Seed = options.Seed + i });
            int index = i;
            trainer.Fit(input, onEpoch is null ? null : report => onEpoch(index, report));
            CopyInto(network, layers[i], machine);
            if (i + 1 < machines.Count)
            {
                transformed = HiddenProbabilities(machine, input);
            }
        }
    }

    /// <summary>Copies <paramref name="machine"/>'s <c>W</c> and <c>c</c> into <paramref name="layer"/> of <paramref name="network"/>.</summary>
    public static void CopyInto(INetwork network, PretrainableLayer layer, IBoltzmannMachine machine)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(machine);
        if (machine.VisibleCount != layer.Inputs || machine.HiddenCount != layer.Units)
        {
            throw new ArgumentException(
                $"Machine '{machine.Signature}' has {machine.VisibleCount} visible and {machine.HiddenCount} hidden units, but layer {layer.Name} maps {layer.Inputs} inputs to {layer.Units} units.",
                nameof(machine));
        }

        machine.Weights.CopyTo(network.Parameters.Slice(layer.Weights.Offset, layer.Weights.Length));
        machine.HiddenBias.CopyTo(network.Parameters.Slice(layer.Bias.Offset, layer.Bias.Length));
    }

    /// <summary><c>p(h = 1 | v)</c> of every sample of <paramref name="data"/>: the data the next machine trains on.</summary>
    public static float[] HiddenProbabilities(IBoltzmannMachine machine, ReadOnlySpan<float> data)
    {
        ArgumentNullException.ThrowIfNull(machine);
        int count = data.Length / machine.VisibleCount;
        var hidden = new float[count * machine.HiddenCount];
        const int Chunk = 1000;
        for (int start = 0; start < count; start += Chunk)
        {
            int rows = Math.Min(Chunk, count - start);
            machine.HiddenProbabilities(data.Slice(start * machine.VisibleCount, rows * machine.VisibleCount), hidden.AsSpan(start * machine.HiddenCount, rows * machine.HiddenCount));
        }

        return hidden;
    }

    private static IReadOnlyList<PretrainableLayer> CheckMachines(INetwork network, IReadOnlyList<IBoltzmannMachine> machines)
    {
        var layers = PretrainableLayers(network);
        if (machines.Count == 0)
        {
            throw new ArgumentException("machines must hold at least one machine, for the first hidden layer.", nameof(machines));
        }

        if (machines.Count > layers.Count)
        {
            // The decision reads the structure; the message shows each layer as declared (LayerOutputs, in the same order).
            var structure = network.Structure.Layers;
            var outputs = network.LayerOutputs;
            int at = 0;
            for (int i = 0; i < layers.Count; i++)
            {
                at = SkipDropout(structure, at + 2);
            }

            string found = at >= outputs.Length
                ? "the network has no more layers"
                : at + 1 >= outputs.Length
                    ? $"layer {outputs[at].Name} ({outputs[at].Layer}) is the last layer"
                    : $"layer {outputs[at].Name} ({outputs[at].Layer}) is followed by {outputs[at + 1].Name} ({outputs[at + 1].Layer})";
            throw new ArgumentException(
                $"{machines.Count} machines were given but only the first {layers.Count} hidden layers of '{network.Signature}' can be pretrained: a pretrained layer must be Dense followed by Sigmoid (and any Dropout), and {found}. Give one machine per leading Dense + Sigmoid layer.",
                nameof(machines));
        }

        for (int i = 0; i < machines.Count; i++)
        {
            var machine = machines[i] ?? throw new ArgumentException($"machines[{i}] is null.", nameof(machines));
            if (machine.VisibleCount != layers[i].Inputs || machine.HiddenCount != layers[i].Units)
            {
                throw new ArgumentException(
                    $"machines[{i}] ('{machine.Signature}') must have {layers[i].Inputs} visible and {layers[i].Units} hidden units to pretrain layer {layers[i].Name}.",
                    nameof(machines));
            }

            if (i > 0 && machine.VisibleUnits != VisibleUnits.Bernoulli)
            {
                throw new ArgumentException(
                    $"machines[{i}] has Gaussian visible units, but it is trained on the sigmoid probabilities of the layer below, which lie in [0, 1]: declare it with Bernoulli visible units.",
                    nameof(machines));
            }
        }

        return layers;
    }

    /// <summary>
    /// Layer <paramref name="index"/> as a pretrainable dense layer, when it is one: <c>Dense</c> on the previous layer's
    /// output (or the input), with <paramref name="inputs"/> inputs and its tensors <c>W [units × inputs]</c>, then <c>b [units]</c>.
    /// </summary>
    private static PretrainableLayer? Dense(INetwork network, LayerStructure layer, int index, int inputs)
    {
        if (!Follows(layer, "Dense", index - 1) || layer.BlockCount != 2)
        {
            return null;
        }

        int units = layer.OutputShape[0];
        var blocks = network.ParameterBlocks;
        ParameterBlock w = blocks[layer.FirstBlock], b = blocks[layer.FirstBlock + 1];
        return w.Length == units * inputs && b.Length == units
            ? new PretrainableLayer(layer.Name, inputs, units, w, b)
            : null;
    }
}
