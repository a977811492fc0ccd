using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Butterfly.Onnx;

namespace Butterfly.Generator.Onnx;

/// <summary>What importing a model gave: the network as a declaration would give it, its weights, and notes for its documentation.</summary>
internal sealed record ImportedModel(NetworkSpec Spec, float[] Parameters, IReadOnlyList<string> Notes);

/// <summary>
/// Lowers an ONNX model onto the <see cref="NetworkSpec"/> a declared network has, with its weights in the layout the
/// generated code reads: checks the graph's input and output, hands each node to its <see cref="OnnxOperator"/>, then
/// names the outputs that layers read out of order (the graph's <c>From</c> and merges) and checks the result plans.
/// </summary>
internal static class OnnxImporter
{
    public const int MinOpset = 9;
    public const int MaxOpset = 21;

    /// <summary>Imports <paramref name="bytes"/>; throws <see cref="ImportException"/> with the diagnostic when it cannot.</summary>
    public static ImportedModel Import(byte[] bytes, string modelName, string networkName, LossKind declaredLoss)
    {
        OnnxModel model;
        try
        {
            model = OnnxModelReader.Read(bytes);
        }
        catch (MalformedModelException malformed)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxModelUnreadable, modelName, malformed.Message);
        }

        if (model.Opset is < MinOpset or > MaxOpset)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxOpsetUnsupported, modelName, model.Opset);
        }

        var graph = model.Graph;
        if (graph.SparseInitializers.Count > 0)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxModelUnreadable, modelName, "it holds sparse initializers, which Butterfly does not read");
        }

        var inputs = graph.RealInputs.ToList();
        if (inputs.Count != 1)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxGraphArity, modelName, inputs.Count, "inputs", string.Join(", ", inputs.Select(i => "'" + i.Name + "'")));
        }

        if (graph.Outputs.Count != 1)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxGraphArity, modelName, graph.Outputs.Count, "outputs", string.Join(", ", graph.Outputs.Select(o => "'" + o.Name + "'")));
        }

        var input = inputs[0];
        int[] inputShape = PerSampleShape(input, modelName);
        LayerNormalizationPattern.Fold(graph, model.Opset);
        var context = new ImportContext(modelName, model.Opset, inputShape);
        context.CountReaders(graph);
        foreach (var tensor in graph.Initializers)
        {
            CheckStored(tensor, modelName);
            context.Define(tensor.Name, new ConstantValue(tensor));
        }

        context.Define(input.Name, new Activation(-1, inputShape, inputShape) { Exclusive = true });
        foreach (var node in graph.Nodes)
        {
            context.Node = node;
            var mapping = node.Domain is "" or "ai.onnx" ? OnnxOperators.Find(node.OpType) : null;
            if (mapping is null)
            {
                string op = node.Domain is "" or "ai.onnx" ? node.OpType : node.Domain + "." + node.OpType;
                throw new ImportException(DiagnosticDescriptors.OnnxOperatorUnsupported, node.DisplayName, modelName, op, OnnxOperators.Supported);
            }

            mapping.Lower(context);
        }

        var output = graph.Outputs[0];
        if (output.ElementType != TensorDataType.Float)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxTypeUnsupported, "output '" + output.Name + "'", modelName, ImportContext.TypeName(output.ElementType));
        }

        var layers = context.Layers;
        if (!context.TryGetValue(output.Name, out var result) || result is not Activation computed || computed.Producer < 0)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxModelUnreadable, modelName, $"its output '{output.Name}' is not computed from its input by any node Butterfly compiles");
        }

        if (computed.Producer != layers.Count - 1 || computed.Permutation is not null || computed.ColumnOrder is not null)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxNodeNotLowered, layers[layers.Count - 1].Node, "graph", modelName,
                $"the graph's output '{output.Name}' must be what the last node computes, in its stored order");
        }

        foreach (var layer in layers.Take(layers.Count - 1).Where(l => l.Kind.CrossEntropy is not null))
        {
            throw new ImportException(DiagnosticDescriptors.OnnxNodeNotLowered, layer.Node, layer.Kind.Name, modelName,
                $"Butterfly computes {layer.Kind.Name} only as the network's output layer, where the loss expects it");
        }

        var spec = BuildSpec(context, input.Name, declaredLoss, modelName);
        CheckPlan(spec, layers, networkName, modelName);
        return new ImportedModel(spec, layers.SelectMany(l => l.Parameters).SelectMany(p => p).ToArray(), context.Notes);
    }

    /// <summary>The input's shape without its batch axis: 1 to 3 fixed sizes.</summary>
    private static int[] PerSampleShape(OnnxValueInfo input, string modelName)
    {
        if (input.ElementType != TensorDataType.Float)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxTypeUnsupported, "input '" + input.Name + "'", modelName, ImportContext.TypeName(input.ElementType));
        }

        var shape = input.Shape;
        string shown = shape is null ? "unknown" : "[" + string.Join(", ", shape) + "]";
        if (shape is null || shape.Count is < 2 or > 4 || shape.Skip(1).Any(d => d.Value is not (> 0 and <= int.MaxValue)))
        {
            throw new ImportException(DiagnosticDescriptors.OnnxShapeNotFixed, input.Name, modelName, shown);
        }

        return shape.Skip(1).Select(d => (int)d.Value!.Value).ToArray();
    }

    /// <summary>A stored tensor must hold as many values as its shape takes, in the file.</summary>
    private static void CheckStored(OnnxTensor tensor, string modelName)
    {
        if (tensor.External)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxModelUnreadable, modelName,
                $"tensor '{tensor.Name}' keeps its values in an external file, which a build does not read (save the model with its data inside)");
        }

        if (tensor.ElementCount != tensor.StoredCount)
        {
            throw new ImportException(DiagnosticDescriptors.OnnxTensorSizeMismatch, tensor.Name, modelName, tensor.ShapeText,
                tensor.ElementCount < 0 ? "no valid number of" : tensor.ElementCount.ToString(System.Globalization.CultureInfo.InvariantCulture), tensor.StoredCount);
        }
    }

    /// <summary>
    /// The spec of the imported layers: a layer that reads something other than the layer before it gets
    /// <see cref="LayerSpec.From"/>, a merge gets <see cref="LayerSpec.Merged"/>, and the outputs they read get names
    /// (the ONNX tensor's, made a valid Butterfly name).
    /// </summary>
    private static NetworkSpec BuildSpec(ImportContext context, string inputName, LossKind declaredLoss, string modelName)
    {
        var layers = context.Layers;
        var names = new string?[layers.Count];
        var taken = new HashSet<string>();
        string? namedInput = null;
        string Name(int producer)
        {
            if (producer < 0)
            {
                return namedInput ??= Unique(inputName, taken);
            }

            return names[producer] ??= Unique(layers[producer].Tensor, taken);
        }

        var specs = new LayerSpec[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            var sources = layers[i].Sources;
            specs[i] = layers[i].Spec with
            {
                From = sources[0] == i - 1 ? null : Name(sources[0]),
                Merged = sources.Skip(1).Select(Name).ToEquatableArray(),
            };
        }

        for (int i = 0; i < layers.Count; i++)
        {
            specs[i] = specs[i] with { Name = names[i] };
        }

        bool softmax = layers[layers.Count - 1].Kind.CrossEntropy is not null;
        if (declaredLoss == LossKind.CrossEntropy && !softmax)
        {
            throw new ImportException(DiagnosticDescriptors.LossDoesNotFitOutput, modelName, layers[layers.Count - 1].Kind.Name);
        }

        var loss = declaredLoss == LossKind.Auto ? (softmax ? LossKind.CrossEntropy : LossKind.MeanSquaredError) : declaredLoss;
        return new NetworkSpec(Shape.Of(context.InputShape), specs.ToEquatableArray(), loss) { InputName = namedInput };
    }

    /// <summary>A valid, unused Butterfly name for ONNX tensor <paramref name="tensor"/>.</summary>
    private static string Unique(string tensor, HashSet<string> taken)
    {
        var name = new System.Text.StringBuilder();
        foreach (char c in tensor)
        {
            name.Append(char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '/' ? c : '_');
        }

        string stem = name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') ? name.ToString() : "t_" + name;
        string unique = stem;
        for (int n = 2; !taken.Add(unique); n++)
        {
            unique = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return unique;
    }

    /// <summary>The planner must accept the spec, and lay the parameters out as the importer wrote them.</summary>
    private static void CheckPlan(NetworkSpec spec, List<ImportedLayer> layers, string networkName, string modelName)
    {
        var errors = new List<PlanError>();
        var plan = Planner.Plan(spec, networkName, errors);
        var error = errors.FirstOrDefault(e => e.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        if (plan is null || error is not null)
        {
            var at = error is null || error.LayerIndex < 0 ? layers[layers.Count - 1] : layers[error.LayerIndex];
            string message = error is null
                ? "the network does not plan"
                : string.Format(System.Globalization.CultureInfo.InvariantCulture, error.Descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Arguments);
            throw new ImportException(DiagnosticDescriptors.OnnxLayerRejected, at.Node, at.Kind.Name, modelName, at.Spec.Declaration(), message);
        }

        for (int i = 0; i < layers.Count; i++)
        {
            long imported = layers[i].Parameters.Sum(p => (long)p.Length);
            if (plan.Layers[i].ParameterCount != imported)
            {
                throw new ImportException(DiagnosticDescriptors.OnnxNodeNotLowered, layers[i].Node, layers[i].Kind.Name, modelName,
                    $"Butterfly's [{layers[i].Spec.Declaration()}] has {plan.Layers[i].ParameterCount} parameters, the model {imported}");
            }
        }
    }
}
