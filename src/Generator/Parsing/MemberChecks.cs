using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Parsing;

/// <summary>
/// Checks that what the user declared in a network class, or inherited into it, leaves room for the generated members.
/// Each clash would otherwise surface as an error or warning inside the generated file (CS0102, CS0111, CS0108, CS7036,
/// CS8862), where the user cannot act on it; these diagnostics point at the user's own declaration instead.
/// </summary>
internal static class MemberChecks
{
    /// <summary>Checks that the generated constructors can exist and can call a base constructor.</summary>
    public static void CheckConstructors(
        INamedTypeSymbol type,
        Compilation compilation,
        Location networkLocation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructor, parameters.GetLocation(), type.Name));
            }
        }

        // The generated constructors call the base constructor implicitly, that is without arguments. A base that does
        // not resolve, or is static, is already a compile error.
        if (type.BaseType is { TypeKind: TypeKind.Class, IsStatic: false, SpecialType: not SpecialType.System_Object } baseType
            && !baseType.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional || p.IsParams) && compilation.IsSymbolAccessibleWithin(c, type)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, networkLocation, type.Name, baseType.Name));
        }
    }

    /// <summary>Checks the class's own members, then its inherited ones, against <paramref name="generated"/>.</summary>
    public static void CheckMembers(
        INamedTypeSymbol type,
        IReadOnlyList<GeneratedMember> generated,
        Compilation compilation,
        Location networkLocation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || IsPrimaryConstructor(member, cancellationToken) || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
            {
                continue;
            }

            if (generated.FirstOrDefault(g => Clashes(member, g)) is { } clash)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberClash, location, type.Name, Display(member, type.Name), clash.Display(type.Name)));
            }
        }

        // One inherited clash is enough to explain the problem; a base with many would otherwise bury the rest.
        for (var ancestor = type.BaseType; ancestor is { SpecialType: not SpecialType.System_Object }; ancestor = ancestor.BaseType)
        {
            if (ancestor.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName))
            {
                // Another network's generated members are not in the compilation yet, but it will have every one.
                var first = generated[0];
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberClash, networkLocation, type.Name, first.Name, ancestor.Name, first.Display(type.Name)));
                return;
            }

            foreach (var member in ancestor.GetMembers())
            {
                if (member.IsImplicitlyDeclared
                    || member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }
                    || !compilation.IsSymbolAccessibleWithin(member, type))
                {
                    continue;
                }

                if (generated.FirstOrDefault(g => Clashes(member, g)) is { } clash)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberClash, networkLocation, type.Name, Display(member, ancestor.Name), ancestor.Name, clash.Display(type.Name)));
                    return;
                }
            }
        }
    }

    /// <summary>
    /// C#'s rule for two members of one class (or a member and one it would hide): the same name clashes, unless both are
    /// methods, or both constructors, with different parameter types. By-reference parameters differ from by-value ones
    /// (the generated ones are all by value), and a generic method differs from a non-generic one.
    /// </summary>
    private static bool Clashes(ISymbol member, GeneratedMember generated)
    {
        if (member is IMethodSymbol method)
        {
            return method.MethodKind switch
            {
                MethodKind.Constructor => generated.Kind == GeneratedMemberKind.Constructor && SameParameters(method, generated),
                MethodKind.Ordinary => method.Name == generated.Name
                    && (generated.Kind == GeneratedMemberKind.Other || (method.TypeParameters.Length == 0 && SameParameters(method, generated))),

                // Accessors, operators, conversions, finalizers and explicit implementations take no name a member uses.
                _ => false,
            };
        }

        return generated.Kind != GeneratedMemberKind.Constructor && member.Name == generated.Name;
    }

    private static bool SameParameters(IMethodSymbol method, GeneratedMember generated) =>
        generated.Kind != GeneratedMemberKind.Other
        && method.Parameters.Length == generated.ParameterTypes.Count
        && method.Parameters.Select((p, i) => p.RefKind == RefKind.None && p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == generated.ParameterTypes[i]).All(same => same);

    private static bool IsPrimaryConstructor(ISymbol member, CancellationToken cancellationToken) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax);

    private static string Display(ISymbol member, string typeName) => member is IMethodSymbol method
        ? (method.MethodKind == MethodKind.Constructor ? typeName : method.Name)
            + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")"
        : member.Name;
}
