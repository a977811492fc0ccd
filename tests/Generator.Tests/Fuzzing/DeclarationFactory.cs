using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// Builds fuzz cases. A fifth are plausible declarations left as they are (small sizes, defined values: mostly valid
/// networks), two fifths are plausible ones with one to three mutations, and the rest are random: edge values and
/// names from the start, then two to eight mutations.
/// </summary>
internal static class DeclarationFactory
{
    /// <summary>The layers that slide a window over (channels, height, width); only an ordering bias uses this.</summary>
    private static readonly HashSet<string> ImageLayers = ["Conv2D", "MaxPool", "AvgPool", "LocalContrastNormalization"];

    /// <summary>Plausible values by parameter name, where a size from 1 to 4 would mostly be out of range.</summary>
    private static readonly Dictionary<string, string[]> PlausibleByName = new()
    {
        ["padding"] = ["0", "0", "1"],
        ["stride"] = ["1", "1", "2"],

        // A clamp's bounds: a plausible one keeps min below max.
        ["min"] = ["-1f", "0f", "-0.5f"],
        ["max"] = ["1f", "6f", "0.5f"],
    };

    public static FuzzCase Create(int seed, int index)
    {
        var random = new CaseRandom(seed, index);
        var fuzzCase = new FuzzCase(seed, index);
        double origin = random.NextDouble();
        bool edge = origin >= 0.6;
        fuzzCase.Networks.Add(Network(fuzzCase, random, edge, file: 0));
        fuzzCase.Files[0].Style = random.Pick([NamespaceStyle.FileScoped, NamespaceStyle.FileScoped, NamespaceStyle.Block, NamespaceStyle.Nested]);

        int edits = origin < 0.2 ? 0 : edge ? random.Next(2, 9) : random.Next(1, 4);
        fuzzCase.Edits.Add(origin < 0.2 ? "plausible" : edge ? "random" : "mutated");
        for (int i = 0; i < edits; i++)
        {
            DeclarationMutator.Apply(fuzzCase, random);
        }

        return fuzzCase;
    }

    /// <summary>A network class with [Network], [Input] and one to five layers, in a new namespace.</summary>
    public static NetworkDeclaration Network(FuzzCase fuzzCase, CaseRandom random, bool edge, int file)
    {
        var name = edge && random.Chance(0.4)
            ? random.Pick(IdentifierPools.OddNetworkNames)
            : random.Chance(0.3) ? Identifier.Plain("Net" + fuzzCase.Index.ToString(CultureInfo.InvariantCulture)) : random.Pick(IdentifierPools.NetworkNames);
        var network = new NetworkDeclaration(name) { Namespace = Namespace(fuzzCase, random, edge) };
        var part = new TypePart { File = file, BlockBody = random.Chance(0.2) };
        string access = random.Pick(["public", "public", "internal", ""]);
        if (access.Length > 0)
        {
            part.Modifiers.Add(access);
        }

        if (random.Chance(0.15))
        {
            part.Modifiers.Add("sealed");
        }

        part.Modifiers.Add("partial");

        var input = Attribute(AttributeVocabulary.Input, random, edge);
        var attributes = new List<AttributeUse> { Attribute(AttributeVocabulary.Network, random, edge), input };
        int layers = random.Next(1, 6);
        var picked = new List<AttributeUse>();
        for (int i = 0; i < layers; i++)
        {
            picked.Add(Attribute(random.Pick(AttributeVocabulary.Layers), random, edge));
        }

        // A plausible image input mostly gets its windowed layers first, as a real network has them (a convolution
        // after Dense is BF0025): enough of those cases then compile to exercise the image layers' code.
        if (!edge && input.Arguments.Count == 3 && random.Chance(0.8))
        {
            picked = picked.OrderBy(a => ImageLayers.Contains(a.Attribute.Name) ? 0 : 1).ToList();
        }

        // A plausible network that picked an embedding mostly reads token ids of its vocabulary, with the embedding first, as
        // only then can it compile (BF0050-BF0052): enough such cases then reach the emitter.
        int embedding = picked.FindIndex(a => a.Attribute.Name == "Embedding");
        if (!edge && embedding >= 0 && random.Chance(0.8) && picked[embedding].Arguments is [{ Form: ArgumentForm.Positional } rows, ..])
        {
            var table = picked[embedding];
            picked.RemoveAt(embedding);
            picked.Insert(0, table);
            var vocabulary = AttributeVocabulary.Input.Settable.Single(member => member.Name == "Vocabulary");
            input.Arguments.Add(new AttributeArgument(vocabulary, rows.Value, ArgumentForm.Settable));
        }

        // Graphs: a merge or a [From] reads a name, so a plausible case names an early output "x" for it (shapes then agree
        // often enough, through element-wise layers), and now and then a layer reads "x" again through [From("x")].
        if (!edge)
        {
            Name(picked, random);
        }

        bool named = picked[0].Arguments.Any(a => a.Parameter?.Name == "Name");
        if (random.Chance(edge ? 0.2 : named ? 0.3 : 0))
        {
            var from = new AttributeUse(AttributeVocabulary.From, AttributeSpelling.Short);
            from.Arguments.Add(new AttributeArgument(AttributeVocabulary.From.Constructors[0][0], ArgumentValues.Of(typeof(string), random, !edge), ArgumentForm.Positional));
            picked.Insert(random.Next(edge ? 0 : 2, picked.Count + 1), from);
        }

        attributes.AddRange(picked);

        part.AttributeLists.AddRange(Group(attributes, random));
        network.Parts.Add(part);
        return network;
    }

    /// <summary>Names the output of the first layer "x" when a later layer merges, unless it merges itself or has a name.</summary>
    private static void Name(List<AttributeUse> picked, CaseRandom random)
    {
        bool merges = picked.Skip(1).Any(a => a.Attribute.Name is "Add" or "Concat" or "Multiply");
        if (!merges || picked[0].Attribute.Name is "Add" or "Concat" or "Multiply" || picked[0].Arguments.Any(a => a.Parameter?.Name == "Name")
            || picked[0].Attribute.Settable.FirstOrDefault(p => p.Name == "Name") is not { } name || random.Chance(0.1))
        {
            return;
        }

        picked[0].Arguments.Add(new AttributeArgument(name, "\"x\"", ArgumentForm.Settable));
    }

    /// <summary>The global namespace, a namespace unique to the case, or one from the pools.</summary>
    public static List<Identifier> Namespace(FuzzCase fuzzCase, CaseRandom random, bool edge)
    {
        double kind = random.NextDouble();
        if (kind < 0.2)
        {
            return [];
        }

        var segments = new List<Identifier>();
        if (kind < 0.7)
        {
            segments.Add(Identifier.Plain("Case" + fuzzCase.Index.ToString(CultureInfo.InvariantCulture)));
        }

        int more = random.Next(segments.Count == 0 ? 1 : 0, 3);
        for (int i = 0; i < more; i++)
        {
            if (edge && random.Chance(0.4))
            {
                segments.Add(segments.Count > 0 && random.Chance(0.3)
                    ? random.Pick(IdentifierPools.InnerOnlyNamespaceSegments)
                    : random.Pick(IdentifierPools.OddNamespaceSegments));
            }
            else
            {
                segments.Add(random.Pick(IdentifierPools.NamespaceSegments));
            }
        }

        return segments;
    }

    /// <summary>The attributes, in order, split into lists at random points.</summary>
    public static List<AttributeList> Group(IEnumerable<AttributeUse> attributes, CaseRandom random)
    {
        var lists = new List<AttributeList>();
        foreach (var attribute in attributes)
        {
            if (lists.Count == 0 || random.Chance(0.55))
            {
                lists.Add(new AttributeList { Target = random.Chance(0.03) ? "type" : null });
            }

            lists[^1].Attributes.Add(attribute);
        }

        return lists;
    }

    public static AttributeUse Attribute(VocabularyAttribute attribute, CaseRandom random, bool edge)
    {
        var spelling = random.NextDouble() switch
        {
            < 0.85 => AttributeSpelling.Short,
            < 0.9 => AttributeSpelling.WithSuffix,
            < 0.95 => AttributeSpelling.Qualified,
            _ => AttributeSpelling.GlobalQualified,
        };
        var use = new AttributeUse(attribute, spelling);
        if (attribute == AttributeVocabulary.Input)
        {
            InputArguments(use, random, edge);
        }
        else
        {
            Arguments(use, random, edge);
        }

        return use;
    }

    /// <summary>Arguments for one of the attribute's constructors, and now and then its settable members.</summary>
    private static void Arguments(AttributeUse use, CaseRandom random, bool edge)
    {
        var attribute = use.Attribute;
        if (attribute.Constructors.Count > 0)
        {
            var constructor = random.Pick(attribute.Constructors);
            var form = random.Chance(0.1) ? ArgumentForm.NamedParameter : ArgumentForm.Positional;
            foreach (var parameter in constructor)
            {
                if (parameter.IsParams)
                {
                    var element = parameter with { Type = parameter.Type.GetElementType()!, IsParams = false };
                    int count = edge ? random.Next(0, 3) : random.Next(1, 3);
                    for (int i = 0; i < count; i++)
                    {
                        use.Arguments.Add(new AttributeArgument(element, ArgumentValues.Of(element.Type, random, !edge || random.Chance(0.5)), ArgumentForm.Positional));
                    }

                    continue;
                }

                if (parameter.IsOptional && random.Chance(0.5))
                {
                    // Later arguments must then name their parameter.
                    form = ArgumentForm.NamedParameter;
                    continue;
                }

                bool plausible = !edge || random.Chance(0.4);
                string value = plausible && PlausibleByName.TryGetValue(parameter.Name, out var values)
                    ? random.Pick(values)
                    : ArgumentValues.Of(parameter.Type, random, plausible);
                use.Arguments.Add(new AttributeArgument(parameter, value, form));
            }
        }

        // Rarely: each settable member (Loss, Weights, Precision) can fail a declaration that would otherwise compile
        // (embedded weights need an AdditionalFiles item the fuzz compilation has none of), and enough cases must reach
        // the emitter.
        foreach (var settable in attribute.Settable)
        {
            // A plausible case's names come from Name(), which gives them where something reads them.
            if (random.Chance(edge ? 0.3 : 0.08) && (edge || settable.Name != "Name"))
            {
                use.Arguments.Add(new AttributeArgument(settable, ArgumentValues.Of(settable.Type, random, !edge || random.Chance(0.3)), ArgumentForm.Settable));
            }
        }

        use.EmptyParentheses = use.Arguments.Count == 0 && random.Chance(0.1);
    }

    /// <summary>Plausible shapes are a vector, a matrix or a small image; edge ones have any rank and any sizes.</summary>
    private static void InputArguments(AttributeUse use, CaseRandom random, bool edge)
    {
        var parameter = use.Attribute.Constructors.SelectMany(c => c).FirstOrDefault(p => p.IsParams);
        if (parameter is null)
        {
            Arguments(use, random, edge);
            return;
        }

        var element = parameter with { Type = parameter.Type.GetElementType()!, IsParams = false };
        if (edge && random.Chance(0.5))
        {
            double special = random.NextDouble();
            if (special < 0.15)
            {
                use.Arguments.Add(new AttributeArgument(parameter, random.Pick(["null", "new int[0]", "new[] { 2, 3 }", "new int[] { }"]), ArgumentForm.Positional));
                return;
            }

            if (special < 0.25)
            {
                use.Arguments.Add(new AttributeArgument(parameter, "new[] { " + ArgumentValues.Of(typeof(int), random, plausible: false) + " }", ArgumentForm.NamedParameter));
                return;
            }

            int count = random.Next(0, 5);
            for (int i = 0; i < count; i++)
            {
                use.Arguments.Add(new AttributeArgument(element, ArgumentValues.Of(typeof(int), random, plausible: random.Chance(0.3)), ArgumentForm.Positional));
            }

            return;
        }

        int[] dimensions = random.Pick([1, 1, 2, 3, 3]) switch
        {
            1 => [random.Next(1, 33)],
            2 => [random.Next(2, 9), random.Next(2, 9)],
            _ => [random.Next(1, 4), random.Next(4, 13), random.Next(4, 13)],
        };
        foreach (int dimension in dimensions)
        {
            use.Arguments.Add(new AttributeArgument(element, dimension.ToString(CultureInfo.InvariantCulture), ArgumentForm.Positional));
        }
    }
}
