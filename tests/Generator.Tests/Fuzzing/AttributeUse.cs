using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>How an argument is written: <c>3</c>, <c>units: 3</c>, or <c>Loss = ...</c> for a settable member.</summary>
internal enum ArgumentForm
{
    Positional,
    NamedParameter,
    Settable,
}

/// <summary>How an attribute's name is written, which decides what the file's usings must provide.</summary>
internal enum AttributeSpelling
{
    /// <summary><c>Dense</c>, through <c>using Butterfly;</c>.</summary>
    Short,

    /// <summary><c>DenseAttribute</c>.</summary>
    WithSuffix,

    /// <summary><c>Butterfly.Dense</c>.</summary>
    Qualified,

    /// <summary><c>global::Butterfly.DenseAttribute</c>.</summary>
    GlobalQualified,

    /// <summary><c>B.Dense</c>, through <c>using B = Butterfly;</c>.</summary>
    Alias,
}

/// <summary>One argument of an attribute as written.</summary>
internal sealed class AttributeArgument(AttributeParameter? parameter, string value, ArgumentForm form)
{
    /// <summary>The parameter or member it sets; null for an argument the attribute does not take.</summary>
    public AttributeParameter? Parameter { get; } = parameter;

    public string Value { get; set; } = value;

    public ArgumentForm Form { get; } = form;

    public AttributeArgument Clone() => new(Parameter, Value, Form);

    public string Render() => Form switch
    {
        ArgumentForm.NamedParameter when Parameter is not null => $"{Parameter.Name}: {Value}",
        ArgumentForm.Settable when Parameter is not null => $"{Parameter.Name} = {Value}",
        _ => Value,
    };
}

/// <summary>One attribute as written in a list: <c>Dense(3)</c>.</summary>
internal sealed class AttributeUse(VocabularyAttribute attribute, AttributeSpelling spelling)
{
    public VocabularyAttribute Attribute { get; } = attribute;

    public AttributeSpelling Spelling { get; set; } = spelling;

    public List<AttributeArgument> Arguments { get; } = [];

    /// <summary>Writes <c>Sigmoid()</c> rather than <c>Sigmoid</c> when there are no arguments.</summary>
    public bool EmptyParentheses { get; set; }

    public bool IsNetwork => Attribute == AttributeVocabulary.Network;

    public bool IsInput => Attribute == AttributeVocabulary.Input;

    public AttributeUse Clone()
    {
        var copy = new AttributeUse(Attribute, Spelling) { EmptyParentheses = EmptyParentheses };
        copy.Arguments.AddRange(Arguments.Select(a => a.Clone()));
        return copy;
    }

    public string Render()
    {
        string name = Spelling switch
        {
            AttributeSpelling.WithSuffix => Attribute.Type.Name,
            AttributeSpelling.Qualified => Attribute.Type.Namespace + "." + Attribute.Name,
            AttributeSpelling.GlobalQualified => "global::" + Attribute.Type.FullName,
            AttributeSpelling.Alias => "B." + Attribute.Name,
            _ => Attribute.Name,
        };
        return Arguments.Count > 0 || EmptyParentheses ? $"{name}({string.Join(", ", Arguments.Select(a => a.Render()))})" : name;
    }
}

/// <summary>One bracketed attribute list, <c>[Dense(3), Sigmoid]</c>, with an optional target such as <c>type:</c>.</summary>
internal sealed class AttributeList
{
    public string? Target { get; set; }

    public List<AttributeUse> Attributes { get; } = [];

    public AttributeList Clone()
    {
        var copy = new AttributeList { Target = Target };
        copy.Attributes.AddRange(Attributes.Select(a => a.Clone()));
        return copy;
    }

    public string Render() => "[" + (Target is null ? "" : Target + ": ") + string.Join(", ", Attributes.Select(a => a.Render())) + "]";
}
