using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// The attributes a declaration can use, discovered by reflection over the attributes assembly rather than listed, so
/// that a layer kind added there is fuzzed without touching the fuzzer. <c>[Network]</c>, <c>[Input]</c> and <c>[From]</c> are named
/// because they have roles of their own; every other attribute is a layer.
/// </summary>
internal static class AttributeVocabulary
{
    public static VocabularyAttribute Network { get; } = Describe(typeof(NetworkAttribute));

    public static VocabularyAttribute Input { get; } = Describe(typeof(InputAttribute));

    /// <summary><c>[From]</c>, which is no layer but points the next one at a named output.</summary>
    public static VocabularyAttribute From { get; } = Describe(typeof(FromAttribute));

    /// <summary>Every layer attribute, in a fixed (name) order so that a seed means the same cases on every machine.</summary>
    public static IReadOnlyList<VocabularyAttribute> Layers { get; } =
        typeof(NetworkAttribute).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(Attribute)) && !t.IsAbstract && t != typeof(NetworkAttribute) && t != typeof(InputAttribute) && t != typeof(FromAttribute)
                // A machine is a class of its own, not a layer of a network; BoltzmannMachineGeneratorTests covers it.
                && t != typeof(BoltzmannMachineAttribute))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(Describe)
            .ToList();

    /// <summary>Describes any attribute type, so that tests can check the fuzzer on shapes the vocabulary lacks yet.</summary>
    internal static VocabularyAttribute Describe(Type type)
    {
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(c => c.GetParameters().Length)
            .Select(c => (IReadOnlyList<AttributeParameter>)c.GetParameters()
                .Select(p => new AttributeParameter(p.Name ?? "value", p.ParameterType, p.IsDefined(typeof(ParamArrayAttribute)), p.HasDefaultValue))
                .ToList())
            .ToList();
        // [Network(Onnx = ...)] declares no layers and needs a model among the additional files, which these fuzzed
        // declarations never have; OnnxFuzzTests fuzz the import with damaged models instead.
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && !(type == typeof(NetworkAttribute) && p.Name == nameof(NetworkAttribute.Onnx)))
            .Select(p => new AttributeParameter(p.Name, p.PropertyType, IsParams: false, IsOptional: true));
        var fields = type.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => !f.IsInitOnly)
            .Select(f => new AttributeParameter(f.Name, f.FieldType, IsParams: false, IsOptional: true));
        return new VocabularyAttribute(type, constructors, properties.Concat(fields).OrderBy(p => p.Name, StringComparer.Ordinal).ToList());
    }
}
