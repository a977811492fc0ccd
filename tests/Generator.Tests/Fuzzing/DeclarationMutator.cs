using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// Random edits to a fuzz case, each the kind of change a user makes (or a mistake they make): drop, duplicate or swap
/// an attribute, change a number, remove <c>partial</c>, wrap the class in another type, split it into parts, add a
/// member whose name the generator also uses, derive it from something, damage the text.
/// </summary>
internal static class DeclarationMutator
{
    private delegate bool Edit(FuzzCase fuzzCase, CaseRandom random);

    /// <summary>Members a user may write into a network class; some take names or signatures the generator uses.</summary>
    private static readonly string[] Members =
    [
        "public {0}() { }",
        "public {0}(int seed) { _ = seed; }",
        "private {0}(int seed) : this() { _ = seed; }",
        "internal {0}(int seed, int extra) : this(seed) { _ = extra; }",
        "public {0}(string name) { _ = name; }",
        "public {0}(string name) : this() { _ = name; }",
        "public {0}(long seed) : this((int)seed) { }",
        "static {0}() { }",
        "public int Predict => 0;",
        "public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) { }",
        "public float[] Predict(float[] input) => input;",
        "public void Predict(in global::System.ReadOnlySpan<float> input, global::System.Span<float> output) { }",
        "public void Predict<T>(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) { }",
        "public int Predict(global::System.ReadOnlySpan<float> x, global::System.Span<float> y, int extra = 0) => extra;",
        "public const int InputLength = 1;",
        "public static string Signature() => \"\";",
        "public sealed class Parameters { }",
        "public int Loss { get; set; }",
        "private int _parameters => 0;",
        "public int Dense1Weights => 0;",
        "public int Dense2BiasGradient { get; } = 0;",
        "public void Backpropagate() { }",
        "private void Backpropagate(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, int batch) { }",
        "public global::Butterfly.Workspace CreateWorkspace(int maxBatch) => new(\"\", maxBatch, 1);",
        "public global::Butterfly.Workspace CreateWorkspace() => new(\"\", 1, 1);",
        "public static int Gradients(int x) => x;",
        "private sealed class var { }",
        "private static string nameof(object value) => \"\";",
        "public override string ToString() => \"network\";",
        "public int Size { get; init; }",
        "public float Rate = 0.5f;",
        "public const int DefaultSeed = 7;",
        "public event global::System.Action? Summary;",
        "public class Forward { }",
        "public int this[int index] => index;",
        "public float TrainStep(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> targets, global::Butterfly.Optimizer optimizer) => 0;",
        "public float TrainStep(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<int> labels, global::Butterfly.Optimizer optimizer) => 0;",
        "public int WorkspaceFloatsPerSample => 0;",
        "private const int WorkspaceFixedFloats = 1;",
        "public int Conv2D1Weights => 0;",
        "public int BatchNorm1RunningMean { get; set; }",
        "public global::System.ReadOnlySpan<float> Forward(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, bool training) => inputs;",
        "public global::System.ReadOnlySpan<float> Forward(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, int training) => inputs;",
        "public static int OutputLength() => 0;",
        "public enum ParameterBlocks { A }",
        "public delegate void ParameterCount();",
        "private static readonly int[] s_parameterBlocks = [];",
        "public int random => 0;",
        "public int batch;",
        "public void Backward(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> outputGradient) { }",
        "public global::System.ReadOnlySpan<float> Forward(global::Butterfly.Workspace w, global::System.ReadOnlySpan<float> x) => x;",
        "public global::System.ReadOnlySpan<float> Forward(global::System.ReadOnlySpan<float> x) => x;",
    ];

    /// <summary>Base classes, written into the network's namespace; <c>{0}</c> is the base class's name.</summary>
    private static readonly string[] Bases =
    [
        "public class {0} { }",
        "public abstract class {0} { }",
        "public class {0} { public {0}(int size) { _ = size; } }",
        "public class {0} { public {0}(int size = 3) { _ = size; } }",
        "public class {0} { protected {0}() { } }",
        "public class {0} { private {0}() { } public {0}(string name) { _ = name; } }",
        "public class {0} { public void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) { } }",
        "public class {0} { public virtual void Predict(global::System.ReadOnlySpan<float> input, global::System.Span<float> output) { } }",
        "public class {0} { public int Summary => 0; }",
        "public class {0} { public virtual int Forward() => 0; }",
        "public class {0} { public const int InputLength = 1; }",
        "public class {0} { private int Loss => 0; }",
        "public class {0} { internal int Parameters => 0; }",
        "public class {0} { protected static int ParameterCount() => 0; }",
        "public abstract class {0} { public abstract void Backward(global::Butterfly.Workspace workspace, global::System.ReadOnlySpan<float> inputs, global::System.ReadOnlySpan<float> outputGradient); }",
        "public class {0} { public int Size { get; set; } public override string ToString() => \"base\"; }",
    ];

    private static readonly string[] LibraryBases =
    [
        "object", "global::System.Exception", "global::System.Collections.Generic.List<int>", "global::System.IDisposable",
        "global::Butterfly.INetwork", "global::System.Attribute", "global::System.EventArgs", "global::System.IEquatable<int>",
    ];

    private static readonly (string Name, Edit Apply)[] Edits =
    [
        ("drop an attribute", DropAttribute),
        ("duplicate an attribute", DuplicateAttribute),
        ("swap two attributes", SwapAttributes),
        ("shuffle the attributes", (c, r) => Regroup(c, r, shuffle: true)),
        ("regroup the attributes", (c, r) => Regroup(c, r, shuffle: false)),
        ("change a number", ChangeNumber),
        ("change a number", ChangeNumber),
        ("set huge sizes", SetHugeSizes),
        ("add an argument", AddArgument),
        ("remove an argument", RemoveArgument),
        ("change the loss", ChangeLoss),
        ("remove partial", RemovePartial),
        ("add a modifier", AddModifier),
        ("change the type kind", ChangeTypeKind),
        ("make it generic", MakeGeneric),
        ("wrap in a type", WrapInType),
        ("wrap in a type", WrapInType),
        ("change the namespace", ChangeNamespace),
        ("change the namespace style", ChangeNamespaceStyle),
        ("rename the network", Rename),
        ("split into partial parts", SplitIntoParts),
        ("split into partial parts", SplitIntoParts),
        ("add a member", AddMember),
        ("add a member", AddMember),
        ("add a member", AddMember),
        ("derive from a base class", DeriveFromBase),
        ("derive from a library type", DeriveFromLibraryType),
        ("drop [Network]", (c, r) => RemoveWhere(c, r, a => a.IsNetwork)),
        ("duplicate [Network]", (c, r) => DuplicateWhere(c, r, a => a.IsNetwork)),
        ("drop [Input]", (c, r) => RemoveWhere(c, r, a => a.IsInput)),
        ("duplicate [Input]", (c, r) => DuplicateWhere(c, r, a => a.IsInput)),
        ("move [Input]", MoveInput),
        ("drop every layer", (c, r) => RemoveWhere(c, r, a => !a.IsInput && !a.IsNetwork, all: true)),
        ("put an attribute on a containing type", MoveToContainer),
        ("make a containing type a network", MakeContainerANetwork),
        ("add a sibling network", AddSibling),
        ("add a sibling network", AddSibling),
        ("derive from a sibling network", DeriveFromSibling),
        ("respell an attribute", Respell),
        ("use an alias", UseAlias),
        ("drop the using", DropUsing),
        ("damage the text", Damage),
        ("add an impostor attribute", AddImpostor),
        ("set an attribute target", SetTarget),
        ("add a primary constructor", AddPrimaryConstructor),
        ("use constants", UseConstants),
        ("add a layer", AddLayer),
    ];

    /// <summary>Applies one applicable edit, chosen at random, and records its name.</summary>
    public static void Apply(FuzzCase fuzzCase, CaseRandom random)
    {
        for (int attempt = 0; attempt < 20; attempt++)
        {
            var (name, apply) = random.Pick(Edits);
            if (apply(fuzzCase, random))
            {
                fuzzCase.Edits.Add(name);
                return;
            }
        }
    }

    private static NetworkDeclaration AnyNetwork(FuzzCase fuzzCase, CaseRandom random) => random.Pick(fuzzCase.Networks);

    private static TypePart AnyPart(NetworkDeclaration network, CaseRandom random) => random.Pick(network.Parts);

    /// <summary>Every attribute position of a network: part, list, index in the list.</summary>
    private static List<(TypePart Part, AttributeList List, int Index)> Slots(NetworkDeclaration network) =>
        network.Parts.SelectMany(p => p.AttributeLists.SelectMany(l => l.Attributes.Select((_, i) => (p, l, i)))).ToList();

    private static void RemoveEmptyLists(NetworkDeclaration network)
    {
        foreach (var part in network.Parts)
        {
            part.AttributeLists.RemoveAll(l => l.Attributes.Count == 0);
        }
    }

    private static bool DropAttribute(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network);
        if (slots.Count == 0)
        {
            return false;
        }

        var (_, list, index) = random.Pick(slots);
        list.Attributes.RemoveAt(index);
        RemoveEmptyLists(network);
        return true;
    }

    private static bool DuplicateAttribute(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network);
        if (slots.Count == 0)
        {
            return false;
        }

        var (_, list, index) = random.Pick(slots);
        var (_, target, at) = random.Pick(slots);
        target.Attributes.Insert(random.Chance(0.5) ? at : at + 1, list.Attributes[index].Clone());
        return true;
    }

    private static bool SwapAttributes(FuzzCase fuzzCase, CaseRandom random)
    {
        var slots = Slots(AnyNetwork(fuzzCase, random));
        if (slots.Count < 2)
        {
            return false;
        }

        var a = random.Pick(slots);
        var b = random.Pick(slots);
        (a.List.Attributes[a.Index], b.List.Attributes[b.Index]) = (b.List.Attributes[b.Index], a.List.Attributes[a.Index]);
        return true;
    }

    private static bool Regroup(FuzzCase fuzzCase, CaseRandom random, bool shuffle)
    {
        var part = AnyPart(AnyNetwork(fuzzCase, random), random);
        var attributes = part.Attributes.ToList();
        if (attributes.Count < 2)
        {
            return false;
        }

        if (shuffle)
        {
            random.Shuffle(attributes);
        }

        part.AttributeLists.Clear();
        part.AttributeLists.AddRange(DeclarationFactory.Group(attributes, random));
        return true;
    }

    private static List<AttributeArgument> ArgumentsOf(FuzzCase fuzzCase) =>
        fuzzCase.Networks.SelectMany(n => n.Attributes).SelectMany(a => a.Arguments).Where(a => a.Parameter is not null).ToList();

    private static bool ChangeNumber(FuzzCase fuzzCase, CaseRandom random)
    {
        var arguments = ArgumentsOf(fuzzCase);
        if (arguments.Count == 0)
        {
            return false;
        }

        var argument = random.Pick(arguments);
        argument.Value = ArgumentValues.Of(argument.Parameter!.Type, random, plausible: random.Chance(0.2));
        return true;
    }

    private static bool SetHugeSizes(FuzzCase fuzzCase, CaseRandom random)
    {
        var sizes = ArgumentsOf(fuzzCase).Where(a => a.Parameter!.Type == typeof(int)).ToList();
        if (sizes.Count == 0)
        {
            return false;
        }

        foreach (var size in sizes.Where(_ => random.Chance(0.5)).DefaultIfEmpty(random.Pick(sizes)))
        {
            size!.Value = random.Pick(["1048576", "268435457", "268435456", "int.MaxValue", "46341", "65536", "16384", "8193"]);
        }

        return true;
    }

    private static bool AddArgument(FuzzCase fuzzCase, CaseRandom random)
    {
        var attributes = fuzzCase.Networks.SelectMany(n => n.Attributes).ToList();
        if (attributes.Count == 0)
        {
            return false;
        }

        var attribute = random.Pick(attributes);
        double kind = random.NextDouble();
        if (kind < 0.5 || attribute.Attribute.Settable.Count == 0)
        {
            // Positional after a named argument, or one too many, are compile errors: they must stay the compiler's.
            attribute.Arguments.Add(new AttributeArgument(null, ArgumentValues.Of(typeof(int), random, random.Chance(0.5)), ArgumentForm.Positional));
        }
        else if (kind < 0.6)
        {
            attribute.Arguments.Add(new AttributeArgument(null, "Bogus = 1", ArgumentForm.Positional));
        }
        else
        {
            var settable = random.Pick(attribute.Attribute.Settable);
            attribute.Arguments.Add(new AttributeArgument(settable, ArgumentValues.Of(settable.Type, random, random.Chance(0.3)), ArgumentForm.Settable));
        }

        return true;
    }

    private static bool RemoveArgument(FuzzCase fuzzCase, CaseRandom random)
    {
        var attributes = fuzzCase.Networks.SelectMany(n => n.Attributes).Where(a => a.Arguments.Count > 0).ToList();
        if (attributes.Count == 0)
        {
            return false;
        }

        var attribute = random.Pick(attributes);
        attribute.Arguments.RemoveAt(random.Next(0, attribute.Arguments.Count));
        return true;
    }

    private static bool ChangeLoss(FuzzCase fuzzCase, CaseRandom random)
    {
        var networkAttributes = fuzzCase.Networks.SelectMany(n => n.Attributes).Where(a => a.IsNetwork).ToList();
        if (networkAttributes.Count == 0 || AttributeVocabulary.Network.Settable.Count == 0)
        {
            return false;
        }

        var attribute = random.Pick(networkAttributes);
        var settable = random.Pick(AttributeVocabulary.Network.Settable);
        attribute.Arguments.RemoveAll(a => a.Parameter == settable);
        attribute.Arguments.Add(new AttributeArgument(settable, ArgumentValues.Of(settable.Type, random, random.Chance(0.4)), ArgumentForm.Settable));
        return true;
    }

    private static bool RemovePartial(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        if (network.Containers.Count > 0 && random.Chance(0.4))
        {
            return random.Pick(network.Containers).Modifiers.Remove("partial");
        }

        return AnyPart(network, random).Modifiers.Remove("partial");
    }

    private static bool AddModifier(FuzzCase fuzzCase, CaseRandom random)
    {
        var part = AnyPart(AnyNetwork(fuzzCase, random), random);
        string modifier = random.Pick(["static", "abstract", "sealed", "file", "unsafe", "new", "readonly", "private", "protected", "internal", "public", "ref"]);
        if (part.Modifiers.Contains(modifier))
        {
            return false;
        }

        // Modifiers go before 'partial', as C# requires.
        int partial = part.Modifiers.IndexOf("partial");
        part.Modifiers.Insert(partial < 0 ? part.Modifiers.Count : partial, modifier);
        return true;
    }

    private static bool ChangeTypeKind(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        network.Keyword = random.Pick(["struct", "record", "record struct", "record class", "interface", "enum", "class"]);
        return true;
    }

    private static bool MakeGeneric(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        string parameters = random.Pick(["<T>", "<T, U>", "<TItem>"]);
        if (network.Containers.Count > 0 && random.Chance(0.5))
        {
            random.Pick(network.Containers).TypeParameters = parameters;
        }
        else
        {
            network.TypeParameters = parameters;
        }

        return true;
    }

    private static bool WrapInType(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        string keyword = random.Pick(["class", "class", "class", "struct", "record", "record struct", "interface", "record class"]);
        var container = new ContainerDeclaration(keyword, random.Pick(IdentifierPools.ContainerNames));
        foreach (string modifier in new[] { "public", "internal", "static", "abstract", "sealed", "readonly", "ref", "file" })
        {
            if (random.Chance(0.07))
            {
                container.Modifiers.Add(modifier);
            }
        }

        if (random.Chance(0.88))
        {
            container.Modifiers.Add("partial");
        }

        if (random.Chance(0.08))
        {
            container.TypeParameters = "<T>";
        }

        network.Containers.Insert(random.Next(0, network.Containers.Count + 1), container);
        return true;
    }

    private static bool ChangeNamespace(FuzzCase fuzzCase, CaseRandom random)
    {
        AnyNetwork(fuzzCase, random).Namespace = DeclarationFactory.Namespace(fuzzCase, random, edge: true);
        return true;
    }

    private static bool ChangeNamespaceStyle(FuzzCase fuzzCase, CaseRandom random)
    {
        random.Pick(fuzzCase.Files).Style = random.Pick([NamespaceStyle.FileScoped, NamespaceStyle.Block, NamespaceStyle.Nested]);
        return true;
    }

    private static bool Rename(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var others = fuzzCase.Networks.Where(n => n != network).ToList();
        double kind = random.NextDouble();
        if (kind < 0.2 && others.Count > 0)
        {
            // The same name in other letter case: legal C#, but the two generated files' names differ only in case.
            var other = random.Pick(others);
            string value = other.Name.Value;
            string changed = value == value.ToUpperInvariant() ? value.ToLowerInvariant() : value.ToUpperInvariant();
            network.Name = Identifier.Plain(changed == value ? value + "X" : changed);
            network.Namespace = [.. other.Namespace.Select(s => Identifier.Plain(s.Value.ToUpperInvariant() == s.Value ? s.Value.ToLowerInvariant() : s.Value.ToUpperInvariant()))];
        }
        else
        {
            network.Name = random.Pick(kind < 0.7 ? IdentifierPools.OddNetworkNames : IdentifierPools.NetworkNames);
        }

        return true;
    }

    private static bool SplitIntoParts(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var source = network.Parts[0];
        var part = new TypePart
        {
            File = random.Chance(0.5) ? source.File : NewOrExistingFile(fuzzCase, random),
            BlockBody = random.Chance(0.3),
        };
        part.Modifiers.AddRange(source.Modifiers.Where(m => random.Chance(0.6) || m == "partial"));
        int moving = source.AttributeLists.Count == 0 ? 0 : random.Next(0, source.AttributeLists.Count + 1);
        for (int i = 0; i < moving; i++)
        {
            var list = source.AttributeLists[random.Next(0, source.AttributeLists.Count)];
            source.AttributeLists.Remove(list);
            part.AttributeLists.Add(list);
        }

        if (random.Chance(0.3))
        {
            part.Members.Add(random.Pick(Members));
        }

        network.Parts.Insert(random.Next(1, network.Parts.Count + 1), part);
        return true;
    }

    private static int NewOrExistingFile(FuzzCase fuzzCase, CaseRandom random)
    {
        if (fuzzCase.Files.Count < 4 && random.Chance(0.7))
        {
            var file = new SourceFile { Style = random.Pick([NamespaceStyle.FileScoped, NamespaceStyle.Block, NamespaceStyle.Nested]) };
            fuzzCase.Files.Add(file);
            return fuzzCase.Files.Count - 1;
        }

        return random.Next(0, fuzzCase.Files.Count);
    }

    private static bool AddMember(FuzzCase fuzzCase, CaseRandom random)
    {
        var part = AnyPart(AnyNetwork(fuzzCase, random), random);
        part.Members.Add(random.Pick(Members));
        return true;
    }

    private static bool DeriveFromBase(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        string name = network.Name.Value.TrimStart('_') + "Base" + fuzzCase.Helpers.Count.ToString(CultureInfo.InvariantCulture);
        string text = random.Pick(Bases).Replace("{0}", name, StringComparison.Ordinal) + "\n";
        var part = AnyPart(network, random);
        fuzzCase.Helpers.Add(new HelperDeclaration(network.Namespace, part.File, text));
        part.BaseList = name;

        // Without its own constructor the class could not call a base constructor that takes arguments.
        if (text.Contains("(int size)", StringComparison.Ordinal) && random.Chance(0.7))
        {
            part.Members.Add("public {0}(string name) : base(1) { _ = name; }");
        }

        return true;
    }

    private static bool DeriveFromLibraryType(FuzzCase fuzzCase, CaseRandom random)
    {
        AnyPart(AnyNetwork(fuzzCase, random), random).BaseList = random.Pick(LibraryBases);
        return true;
    }

    private static bool RemoveWhere(FuzzCase fuzzCase, CaseRandom random, Func<AttributeUse, bool> match, bool all = false)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network).Where(s => match(s.List.Attributes[s.Index])).ToList();
        if (slots.Count == 0)
        {
            return false;
        }

        foreach (var list in network.Parts.SelectMany(p => p.AttributeLists))
        {
            if (all)
            {
                list.Attributes.RemoveAll(a => match(a));
            }
        }

        if (!all)
        {
            var (_, list, index) = random.Pick(slots);
            list.Attributes.RemoveAt(index);
        }

        RemoveEmptyLists(network);
        return true;
    }

    private static bool DuplicateWhere(FuzzCase fuzzCase, CaseRandom random, Func<AttributeUse, bool> match)
    {
        var network = AnyNetwork(fuzzCase, random);
        var found = network.Attributes.FirstOrDefault(match);
        if (found is null)
        {
            return false;
        }

        var copy = found.Clone();
        if (copy.IsInput && random.Chance(0.5))
        {
            copy.Arguments.Clear();
            copy.Arguments.Add(new AttributeArgument(null, ArgumentValues.Of(typeof(int), random, plausible: true), ArgumentForm.Positional));
        }

        var part = AnyPart(network, random);
        if (part.AttributeLists.Count == 0 || random.Chance(0.5))
        {
            part.AttributeLists.Insert(random.Next(0, part.AttributeLists.Count + 1), new AttributeList());
        }

        var list = random.Pick(part.AttributeLists);
        list.Attributes.Insert(random.Next(0, list.Attributes.Count + 1), copy);
        return true;
    }

    private static bool MoveInput(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network);
        var input = slots.FirstOrDefault(s => s.List.Attributes[s.Index].IsInput);
        if (input.List is null)
        {
            return false;
        }

        var attribute = input.List.Attributes[input.Index];
        input.List.Attributes.RemoveAt(input.Index);
        var target = random.Chance(0.5) ? slots[^1].List : random.Pick(slots).List;
        target.Attributes.Insert(random.Next(0, target.Attributes.Count + 1), attribute);
        RemoveEmptyLists(network);
        return true;
    }

    private static bool MoveToContainer(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network);
        if (network.Containers.Count == 0 || slots.Count == 0)
        {
            return false;
        }

        var (_, list, index) = random.Pick(slots);
        var moved = new AttributeList();
        moved.Attributes.Add(list.Attributes[index]);
        list.Attributes.RemoveAt(index);
        random.Pick(network.Containers).AttributeLists.Add(moved);
        RemoveEmptyLists(network);
        return true;
    }

    private static bool MakeContainerANetwork(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        if (network.Containers.Count == 0)
        {
            return false;
        }

        var container = random.Pick(network.Containers);
        var donor = DeclarationFactory.Network(fuzzCase, random, edge: false, file: 0);
        container.AttributeLists.AddRange(donor.Parts[0].AttributeLists);
        return true;
    }

    private static bool AddSibling(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var sibling = DeclarationFactory.Network(fuzzCase, random, edge: random.Chance(0.3), file: random.Chance(0.6) ? network.Parts[0].File : NewOrExistingFile(fuzzCase, random));
        double kind = random.NextDouble();
        if (kind < 0.4)
        {
            // Two networks of the same name in different namespaces.
            sibling.Name = network.Name;
            var other = DeclarationFactory.Namespace(fuzzCase, random, edge: false);
            sibling.Namespace = other.Select(s => s.Value).SequenceEqual(network.Namespace.Select(s => s.Value)) ? [.. other, Identifier.Plain("Other")] : other;
        }
        else if (kind < 0.8)
        {
            sibling.Namespace = network.Namespace;
            if (sibling.Name.Value == network.Name.Value)
            {
                sibling.Name = Identifier.Plain(network.Name.Value + "2");
            }
        }

        fuzzCase.Networks.Add(sibling);
        return true;
    }

    private static bool DeriveFromSibling(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var sibling = DeclarationFactory.Network(fuzzCase, random, edge: false, file: network.Parts[0].File);
        sibling.Namespace = network.Namespace;
        sibling.Name = Identifier.Plain(network.Name.Value.TrimStart('_') + "Parent");
        fuzzCase.Networks.Add(sibling);
        network.Parts[0].BaseList = sibling.Name.Written;
        return true;
    }

    private static bool Respell(FuzzCase fuzzCase, CaseRandom random)
    {
        var attributes = fuzzCase.Networks.SelectMany(n => n.Attributes).ToList();
        if (attributes.Count == 0)
        {
            return false;
        }

        random.Pick(attributes).Spelling = random.Pick([AttributeSpelling.Short, AttributeSpelling.WithSuffix, AttributeSpelling.Qualified, AttributeSpelling.GlobalQualified, AttributeSpelling.Alias]);
        return true;
    }

    private static bool UseAlias(FuzzCase fuzzCase, CaseRandom random)
    {
        foreach (var file in fuzzCase.Files.Where(f => !f.Usings.Contains("using B = Butterfly;")))
        {
            file.Usings.Add("using B = Butterfly;");
        }

        foreach (var attribute in fuzzCase.Networks.SelectMany(n => n.Attributes).Where(_ => random.Chance(0.6)))
        {
            attribute.Spelling = AttributeSpelling.Alias;
        }

        return true;
    }

    private static bool DropUsing(FuzzCase fuzzCase, CaseRandom random) => random.Pick(fuzzCase.Files).Usings.Remove("using Butterfly;");

    private static bool Damage(FuzzCase fuzzCase, CaseRandom random)
    {
        string insert = random.Pick(["", "", "[", "]", "(", ")", ",", ";", "{", "}", "partial ", "[Dense(2)]", "\n", "0", "-", "@", "\"", "/*", "#if X\n", "class ", "<T>"]);
        fuzzCase.Damage.Add(new TextDamage(random.Next(0, fuzzCase.Files.Count), random.NextDouble(), random.Next(0, 9), insert));
        return true;
    }

    private static bool AddImpostor(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var mimicked = random.Pick([AttributeVocabulary.Network, AttributeVocabulary.Input, .. AttributeVocabulary.Layers]);
        string text = $"internal sealed class {mimicked.Type.Name} : global::System.Attribute {{ public {mimicked.Type.Name}(params int[] values) {{ _ = values; }} }}\n";
        fuzzCase.Helpers.Add(new HelperDeclaration(network.Namespace, network.Parts[0].File, text));
        return true;
    }

    private static bool SetTarget(FuzzCase fuzzCase, CaseRandom random)
    {
        var lists = fuzzCase.Networks.SelectMany(n => n.Parts).SelectMany(p => p.AttributeLists).ToList();
        if (lists.Count == 0)
        {
            return false;
        }

        random.Pick(lists).Target = random.Pick(["type", "type", "return", "method", "assembly"]);
        return true;
    }

    private static bool AddPrimaryConstructor(FuzzCase fuzzCase, CaseRandom random)
    {
        var part = AnyPart(AnyNetwork(fuzzCase, random), random);
        var (parameters, member) = random.Pick(new[]
        {
            ("()", (string?)null),
            ("(int seed)", "public int Seed => seed;"),
            ("(int size)", "public int Size => size;"),
            ("(string name)", "public string Label => name;"),
        });
        part.ParameterList = parameters;
        if (member is not null)
        {
            part.Members.Add(member);
        }

        return true;
    }

    private static bool UseConstants(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var sizes = network.Attributes.SelectMany(a => a.Arguments).Where(a => a.Parameter?.Type == typeof(int)).ToList();
        if (sizes.Count == 0)
        {
            return false;
        }

        string holder = "Sizes" + fuzzCase.Helpers.Count.ToString(CultureInfo.InvariantCulture);
        fuzzCase.Helpers.Add(new HelperDeclaration(network.Namespace, network.Parts[0].File, $"internal static class {holder} {{ public const int Small = 3; public const int Big = 1 << 20; }}\n"));
        random.Pick(sizes).Value = holder + random.Pick([".Small", ".Big", ".Small * 2", ".Small - 3"]);
        return true;
    }

    private static bool AddLayer(FuzzCase fuzzCase, CaseRandom random)
    {
        var network = AnyNetwork(fuzzCase, random);
        var slots = Slots(network);
        var layer = DeclarationFactory.Attribute(random.Pick(AttributeVocabulary.Layers), random, edge: random.Chance(0.5));
        if (slots.Count == 0)
        {
            var list = new AttributeList();
            list.Attributes.Add(layer);
            network.Parts[0].AttributeLists.Add(list);
            return true;
        }

        var (_, target, index) = random.Pick(slots);
        target.Attributes.Insert(index + 1, layer);
        return true;
    }
}
