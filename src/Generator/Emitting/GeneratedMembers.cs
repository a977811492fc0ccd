using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;

namespace Butterfly.Generator.Emitting;

/// <summary>What C# looks at to tell whether two members of a class clash: methods and constructors may overload.</summary>
internal enum GeneratedMemberKind
{
    /// <summary>A constant, field, property or anything else a name alone identifies.</summary>
    Other,

    Method,

    Constructor,
}

/// <summary>
/// A member the emitter writes into a network class: its name, kind and parameter types (as the emitted code spells
/// them, <c>global::</c>-qualified). A user member with the same name clashes with it, unless both are methods (or
/// constructors) whose parameter types differ, which is an overload. Value-equal, so that an imported network's members
/// can travel through the cached pipeline to the check that runs once the import is known.
/// </summary>
internal sealed record GeneratedMember(string Name, GeneratedMemberKind Kind, EquatableArray<string> ParameterTypes)
{
    public GeneratedMember(string name, GeneratedMemberKind kind, IEnumerable<string> parameterTypes)
        : this(name, kind, parameterTypes.ToEquatableArray())
    {
    }

    /// <summary>As a message shows it: <c>Predict(ReadOnlySpan&lt;float&gt;, Span&lt;float&gt;)</c>, <c>Net(int)</c>, <c>Summary</c>.</summary>
    public string Display(string className) => Kind switch
    {
        GeneratedMemberKind.Other => Name,
        GeneratedMemberKind.Constructor => className + Parameters(),
        _ => Name + Parameters(),
    };

    private string Parameters() =>
        "(" + string.Join(", ", ParameterTypes.Select(t => t.Replace("global::System.", "").Replace("global::Butterfly.", ""))) + ")";
}

/// <summary>
/// The members <see cref="NetworkEmitter"/> writes into a network class, so that the parser can reject a declaration
/// whose own or inherited members would clash with them (a compile error or warning inside generated code, which the
/// user cannot fix there). A test compares this table with the members of compiled generated code.
/// </summary>
internal static class GeneratedMembers
{
    private const string Workspace = "global::Butterfly.Workspace";
    private const string Optimizer = "global::Butterfly.Optimizer";
    private const string Labels = "global::System.ReadOnlySpan<int>";

    /// <summary>
    /// The names every network's class gets, whatever its layers (<c>t_predictScratch</c> only when Predict's scratch is
    /// large, but a class name must not depend on that). A class cannot be named like one of its members.
    /// </summary>
    public static IReadOnlyCollection<string> FixedNames { get; } = new HashSet<string>(new[]
    {
        "InputLength", "OutputLength", "ParameterCount", "DefaultSeed", "Signature", "Summary", "Loss",
        "Parameters", "Gradients", "ParameterBlocks", "Predict", "CreateWorkspace", "Forward", "Backward",
        "TrainStep", "Backpropagate", "WorkspaceFloatsPerSample", "WorkspaceFixedFloats", "s_parameterBlocks", "s_layerOutputs", "s_structure", "_parameters", "_gradients",
        "t_predictScratch", "Tokens", "_sparseBlocks", "ForwardBelowOutput", "Tree", "LogProbabilities", "LogProbability", "MostLikely",
        "t_sampleWorkspace", "t_distribution",
    }.Concat(EmbeddedEmitter.AllNames));

    /// <summary>
    /// Every member the emitters write for <paramref name="plan"/>, except explicit interface implementations, with those of
    /// the embedded file when the network embeds weights of precision <paramref name="embedded"/>.
    /// </summary>
    public static IReadOnlyList<GeneratedMember> Of(NetworkPlan plan, PrecisionKind? embedded = null)
    {
        var members = new List<GeneratedMember>();
        foreach (string name in new[]
        {
            "InputLength", "OutputLength", "ParameterCount", "DefaultSeed", "Signature", "Summary", "Loss", "WorkspaceFloatsPerSample", "WorkspaceFixedFloats",
            "s_parameterBlocks", "s_layerOutputs", "s_structure", "_parameters", "_gradients", "Parameters", "Gradients", "ParameterBlocks",
        })
        {
            members.Add(Other(name));
        }

        if (!NetworkEmitter.PredictScratchOnStack(plan))
        {
            members.Add(Other("t_predictScratch"));
        }

        members.AddRange(plan.ParameterViewNames.Select(Other));
        members.Add(new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, []));
        members.Add(new GeneratedMember(".ctor", GeneratedMemberKind.Constructor, ["int"]));
        string inputs = NetworkEmitter.InputSpan(plan);
        members.Add(Method("Predict", inputs, NetworkEmitter.Span));
        members.Add(Method("CreateWorkspace", "int"));
        members.Add(Method("Forward", Workspace, inputs));
        members.Add(Method("Forward", Workspace, inputs, "bool"));
        bool skips = NetworkEmitter.StepSkipsOutputs(plan);
        if (skips)
        {
            members.Add(Method("Forward", Workspace, inputs, "bool", "bool"));
        }

        members.Add(Method("Backward", Workspace, inputs, NetworkEmitter.ReadOnlySpan));
        if (!plan.Spec.TakesTokens)
        {
            members.Add(Method("Backward", Workspace, inputs, NetworkEmitter.ReadOnlySpan, NetworkEmitter.Span));
        }

        members.Add(Method("TrainStep", Workspace, inputs, plan.FusesSoftmaxCrossEntropy ? Labels : NetworkEmitter.ReadOnlySpan, Optimizer));
        members.Add(Method("Backpropagate", Workspace, inputs, "int", NetworkEmitter.Span));
        if (plan.Spec.TakesTokens)
        {
            members.Add(Method("Tokens", Workspace, NetworkEmitter.ReadOnlySpan));
        }

        if (plan.HasSparseGradients)
        {
            members.Add(Other("_sparseBlocks"));
        }

        if (plan.OutputOwnsLoss && plan.Output.Source is not null)
        {
            members.Add(skips
                ? Method("ForwardBelowOutput", Workspace, inputs, "int", "bool", "bool")
                : Method("ForwardBelowOutput", Workspace, inputs, "int", "bool"));
        }

        members.AddRange(plan.Output.Kind.OutputMembers(plan));
        if (embedded is { } precision)
        {
            members.Add(Method(EmbeddedEmitter.PredictName, NetworkEmitter.ReadOnlySpan, NetworkEmitter.Span));
            members.AddRange(EmbeddedEmitter.DataMembers(precision).Select(Other));
        }

        return members;
    }

    private static GeneratedMember Other(string name) => new(name, GeneratedMemberKind.Other, []);

    private static GeneratedMember Method(string name, params string[] parameterTypes) => new(name, GeneratedMemberKind.Method, parameterTypes);
}
