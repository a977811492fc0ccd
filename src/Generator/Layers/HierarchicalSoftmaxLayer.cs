using System.Collections.Generic;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Layers;

/// <summary>
/// The hierarchical softmax over <c>K</c> classes, the leaves of a binary tree: inner node <c>n</c> scores
/// <c>s_n = w_n · x + b_n</c> and <c>P(c | x) = Π_{n on c's path} σ(±s_n)</c> (+ where the path goes left). It owns its loss,
/// <c>L = -log P(label | x)</c>, whose gradient touches only the path: <c>∂L/∂s_n = σ(s_n) - [left]</c>, <c>dx = Σ_n ∂L/∂s_n w_n</c>,
/// <c>dw_n = ∂L/∂s_n x</c>. Its forward rule proper (Predict, batch Forward) is the full distribution, <c>O(K)</c> per sample,
/// with the general backward rule for any <c>dE/dp</c>. The tree is a <c>Structure</c> tensor of the parameters.
/// </summary>
internal sealed class HierarchicalSoftmaxLayer : LayerKind
{
    /// <summary>Tree codes reach <c>2 (K - 2) + 1</c>, which a float must hold exactly (below 2^24).</summary>
    public const int MaxClasses = 1 << 23;

    public override string Name => "HierarchicalSoftmax";

    public override string Stem => "hierarchical_softmax";

    public override ForwardValues BackwardReads => ForwardValues.Input | ForwardValues.Output;

    public override bool OwnsLoss => true;

    public override IEnumerable<LayerError> CheckArguments(LayerSpec spec)
    {
        double classes = spec.Get("classes");
        if (classes < 2 || classes > MaxClasses)
        {
            yield return new LayerError(DiagnosticDescriptors.HierarchicalSoftmaxClasses, [classes, MaxClasses]);
        }
    }

    public override ShapeResult InferShape(Shape input, LayerSpec spec) => ShapeResult.Of(Shape.Of(spec.GetInt32("classes")));

    public override IEnumerable<ParameterShape> Parameters(Shape input, Shape output, LayerSpec spec)
    {
        long inner = output.Length - 1;
        yield return new ParameterShape("Weights", inner * input.Length, TensorRole.Weight);
        yield return new ParameterShape("Bias", inner, TensorRole.Bias);
        yield return new ParameterShape("Tree", 2 * inner, TensorRole.Structure);
    }

    /// <summary>Per sample the inner nodes' scores (kept for backward); once, two vectors over the inner nodes.</summary>
    public override IEnumerable<ScratchShape> Scratch(Shape input, Shape output, LayerSpec spec)
    {
        long inner = output.Length - 1;
        yield return new ScratchShape(inner, PerSample: true);
        yield return new ScratchShape(2 * inner, PerSample: false);
    }

    public override SparseTensor? SparseRows(Shape input, Shape output, LayerSpec spec) =>
        new SparseTensor(0, (int)input.Length, (int)output.Length - 1);

    public override void EmitInitialization(CodeWriter writer, LayerEmission layer)
    {
        int classes = layer.Layer.OutputLength;
        writer.Comment($"{layer.Layer.Name}: node weights and biases 0, as word2vec starts them (every decision 1/2); a balanced tree\nover {classes} classes unless a constructor is given a ClassTree.");
        writer.Line($"global::Butterfly.ClassTree.Balanced({classes}).CopyTo({layer.Parameter(2)});");
    }

    public override void EmitPredict(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        int inner = plan.OutputLength - 1;
        writer.Comment($"s = W x + b    W: [{inner} × {plan.InputLength}], one score per inner node");
        writer.Line($"global::Butterfly.Kernels.Gemv.MultiplyAddBias({layer.Parameter(0)}, {layer.Input}, {layer.Parameter(1)}, {layer.Scratch(0)}, {inner}, {plan.InputLength});");
        writer.Comment("P(c) = Π_{n on c's path} σ(±s_n), every leaf, root first: O(K)");
        writer.Line($"global::Butterfly.Kernels.HierarchicalSoftmax.Leaves({layer.Scratch(0)}, {layer.Parameter(2)}, {layer.Scratch(1)}, {layer.Output}, {plan.OutputLength});");
    }

    public override void EmitForward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment($"S = X Wᵀ + b, then P(c) = Π_{{n on c's path}} σ(±s_n) for every class: the full distribution, O(K) per sample\n(the training step computes only the label's path instead)");
        writer.Line(
            $"global::Butterfly.Kernels.HierarchicalSoftmax.Distribution({layer.Input}, {layer.Parameter(2)}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{layer.Scratch(0)}, {layer.Scratch(1)}, {layer.Output}, batch, {plan.InputLength}, {plan.OutputLength});");
    }

    public override void EmitBackward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment("∂E/∂s_n = A_n - σ(s_n) S_n  (S_n = Σ g_l p_l over the leaves under n, A_n over its left subtree);\ndW = dSᵀ X, db = Σ dS, dX = dS W: every node's row gets a gradient");
        writer.Line(
            $"global::Butterfly.Kernels.HierarchicalSoftmax.DistributionBackward({layer.Input}, {layer.Output}, {layer.OutputGradient}, {layer.Parameter(2)}, " +
            $"{layer.Parameter(0)}, {layer.Scratch(0)}, {layer.Scratch(1)}, {layer.InputGradient ?? "default"}, {layer.Gradient(0)}, {layer.Gradient(1)}, " +
            $"{layer.TouchedRows}, batch, {plan.InputLength}, {plan.OutputLength});");
    }

    public override void EmitLoss(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment("L = -(1/B) Σ_b log P(label_b | x_b) = -(1/B) Σ_b Σ_{n on the path} log σ(±s_n): O(log K) per sample on a balanced tree");
        writer.Line(
            $"float loss = global::Butterfly.Kernels.HierarchicalSoftmax.Loss({layer.Input}, labels, {layer.Parameter(2)}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{plan.InputLength}, {plan.OutputLength});");
    }

    public override void EmitLossBackward(CodeWriter writer, LayerEmission layer)
    {
        var plan = layer.Layer;
        writer.Comment("On the path only: ∂L/∂s_n = (σ(s_n) - [left]) / B;  dx += ∂L/∂s_n w_n,  dw_n += ∂L/∂s_n x,  db_n += ∂L/∂s_n");
        writer.Line(
            $"global::Butterfly.Kernels.HierarchicalSoftmax.LossBackward({layer.Input}, labels, {layer.Parameter(2)}, {layer.Parameter(0)}, {layer.Parameter(1)}, " +
            $"{layer.InputGradient ?? "default"}, {layer.Gradient(0)}, {layer.Gradient(1)}, {layer.TouchedRows}, {plan.InputLength}, {plan.OutputLength});");
    }

    public override IEnumerable<GeneratedMember> OutputMembers(NetworkPlan plan)
    {
        string inputs = NetworkEmitter.InputSpan(plan);
        yield return new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, ["global::Butterfly.ClassTree"]);
        yield return new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, ["global::Butterfly.ClassTree", "int"]);
        yield return new GeneratedMember("Tree", GeneratedMemberKind.Other, []);
        yield return new GeneratedMember("LogProbabilities", GeneratedMemberKind.Method, ["global::Butterfly.Workspace", inputs, "global::System.ReadOnlySpan<int>", NetworkEmitter.Span]);
        yield return new GeneratedMember("LogProbability", GeneratedMemberKind.Method, [inputs, "int"]);
        yield return new GeneratedMember("MostLikely", GeneratedMemberKind.Method, [inputs, "global::System.Span<int>"]);
        yield return new GeneratedMember("t_sampleWorkspace", GeneratedMemberKind.Other, []);
        yield return new GeneratedMember("t_distribution", GeneratedMemberKind.Other, []);
    }

    public override void EmitOutputMembers(CodeWriter writer, NetworkPlan plan, string className)
    {
        var layer = plan.Layers[plan.Layers.Count - 1];
        int classes = layer.OutputLength;
        var tree = layer.Parameters[2];
        var weights = layer.Parameters[0];
        var bias = layer.Parameters[1];
        string inputs = NetworkEmitter.InputSpan(plan);
        string treeSpan = $"_parameters.Slice({tree.Offset}, {tree.Length})";

        writer.Documentation(
            "<summary>Creates the network with parameters initialized from <see cref=\"DefaultSeed\"/> and <paramref name=\"tree\"/> as the\n" +
            "hierarchical softmax's class tree (a Huffman tree of class counts, say).</summary>");
        writer.Line($"public {className}(global::Butterfly.ClassTree tree)");
        writer.Line("    : this(tree, DefaultSeed)");
        writer.Line("{");
        writer.Line("}");
        writer.Line();
        writer.Documentation(
            "<summary>Creates the network with parameters initialized from <paramref name=\"seed\"/> and <paramref name=\"tree\"/> as the\n" +
            "hierarchical softmax's class tree. Weights files and checkpoints keep the tree and load only into a network with the same one.</summary>");
        writer.Line($"public {className}(global::Butterfly.ClassTree tree, int seed)");
        using (writer.Braces("    : this(seed)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(tree);");
            using (writer.Braces($"if (tree.Classes != {classes})"))
            {
                writer.Line($"throw new global::System.ArgumentException($\"The hierarchical softmax has {classes} classes, but the tree has {{tree.Classes}} leaves.\", \"tree\");");
            }

            writer.Line($"tree.CopyTo(_parameters.Slice({tree.Offset}, {tree.Length}));");
        }

        writer.Line();
        writer.Documentation("<summary>The hierarchical softmax's class tree, read from the parameters (a new object on every call).</summary>");
        writer.Line($"public global::Butterfly.ClassTree Tree => global::Butterfly.ClassTree.FromBlock({treeSpan}, {classes});");
        writer.Line();

        writer.Documentation(
            "<summary>\n" +
            "<c>log P(classes[b] | inputs[b])</c> for a batch, in inference mode: the layers below the output, then one path per\n" +
            "sample, <c>O(log K)</c> on a balanced tree instead of the <c>O(K)</c> full distribution.\n" +
            "</summary>");
        using (writer.Braces($"public void LogProbabilities(global::Butterfly.Workspace workspace, {inputs} inputs, global::System.ReadOnlySpan<int> classes, {NetworkEmitter.Span} logProbabilities)"))
        {
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(workspace);");
            writer.Line("int batch = workspace.CheckBatch(Signature, inputs, InputLength);");
            NetworkEmitter.EmitInputCheck(writer, plan, "inputs");
            writer.Line("global::Butterfly.Arguments.HasLength(classes, batch, \"classes\");");
            writer.Line("global::Butterfly.Arguments.HasLength(logProbabilities, batch, \"logProbabilities\");");
            writer.Line($"{NetworkEmitter.ReadOnlySpan} hidden = {NetworkEmitter.HiddenForward(plan, training: false)};");
            writer.Line($"{NetworkEmitter.ReadOnlySpan} parameters = _parameters;");
            writer.Line(
                $"global::Butterfly.Kernels.HierarchicalSoftmax.LogProbabilities(hidden, classes, parameters.Slice({tree.Offset}, {tree.Length}), " +
                $"parameters.Slice({weights.Offset}, {weights.Length}), parameters.Slice({bias.Offset}, {bias.Length}), logProbabilities, {layer.InputLength}, {classes});");
        }

        writer.Line();
        writer.Line("[global::System.ThreadStatic]");
        writer.Line("private static global::Butterfly.Workspace? t_sampleWorkspace;");
        writer.Line();
        writer.Documentation(
            "<summary><c>log P(classIndex | input)</c> for one sample, <c>O(log K)</c> on a balanced tree. Uses a per-thread workspace,\n" +
            "allocated on a thread's first call.</summary>");
        using (writer.Braces($"public float LogProbability({inputs} input, int classIndex)"))
        {
            NetworkEmitter.EmitLengthCheck(writer, plan, "input");
            writer.Line("global::Butterfly.Workspace workspace = t_sampleWorkspace ??= CreateWorkspace(1);");
            writer.Line("global::System.Span<float> result = stackalloc float[1];");
            writer.Line("LogProbabilities(workspace, input, new global::System.ReadOnlySpan<int>(in classIndex), result);");
            writer.Line("return result[0];");
        }

        writer.Line();
        writer.Line("[global::System.ThreadStatic]");
        writer.Line("private static float[]? t_distribution;");
        writer.Line();
        writer.Documentation(
            "<summary>Fills <paramref name=\"classes\"/> with the most likely classes for one sample, most likely first: the full\n" +
            "distribution (<c>O(K)</c>, as <c>Predict</c>), then a partial selection.</summary>");
        using (writer.Braces($"public void MostLikely({inputs} input, global::System.Span<int> classes)"))
        {
            using (writer.Braces("if (classes.Length > OutputLength)"))
            {
                writer.Line($"throw new global::System.ArgumentException(\"classes can hold at most {classes} classes.\", \"classes\");");
            }

            writer.Line("float[] distribution = t_distribution ??= new float[OutputLength];");
            writer.Line("Predict(input, distribution);");
            writer.Line("global::Butterfly.Kernels.HierarchicalSoftmax.MostLikely(distribution, classes);");
        }

        writer.Line();
    }
}
