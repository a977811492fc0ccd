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
        CancellationToken cancellationToken) =>
        diagnostics.AddRange(Check(Survey(type, compilation, cancellationToken), generated, LocationInfo.From(networkLocation)));

    /// <summary>
    /// The class's own members (those in source, but its primary constructor) and the members of each base class up to
    /// <c>object</c> that the class can reach, as data for <see cref="Check"/>.
    /// </summary>
    public static MemberSurvey Survey(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var own = new List<DeclaredMember>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || IsPrimaryConstructor(member, cancellationToken) || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
            {
                continue;
            }

            own.Add(Describe(member, type.Name, LocationInfo.From(location)));
        }

        var ancestors = new List<InheritedMembers>();
        for (var ancestor = type.BaseType; ancestor is { SpecialType: not SpecialType.System_Object }; ancestor = ancestor.BaseType)
        {
            if (ancestor.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName))
            {
                ancestors.Add(new InheritedMembers(ancestor.Name, true, EquatableArray<DeclaredMember>.Empty));
                break;
            }

            var members = ancestor.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared
                    && m is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor }
                    && compilation.IsSymbolAccessibleWithin(m, type))
                .Select(m => Describe(m, ancestor.Name, null));
            ancestors.Add(new InheritedMembers(ancestor.Name, false, members.ToEquatableArray()));
        }

        return new MemberSurvey(type.Name, own.ToEquatableArray(), ancestors.ToEquatableArray());
    }

    /// <summary>
    /// BF0021 at each own member that clashes with a generated one, and BF0022 at <paramref name="networkLocation"/> for the
    /// first inherited one (one is enough to explain the problem; a base with many would otherwise bury the rest).
    /// </summary>
    public static List<DiagnosticInfo> Check(MemberSurvey survey, IReadOnlyList<GeneratedMember> generated, LocationInfo? networkLocation)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string typeName = survey.TypeName;
        foreach (var member in survey.Own)
        {
            if (generated.FirstOrDefault(g => Clashes(member, g)) is { } clash)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.MemberClash, member.Location, typeName, member.Display, clash.Display(typeName)));
            }
        }

        foreach (var ancestor in survey.Ancestors)
        {
            if (ancestor.IsNetwork)
            {
                // Another network's generated members are not in the compilation yet, but it will have every one.
                var first = generated[0];
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InheritedMemberClash, networkLocation, typeName, first.Name, ancestor.Ancestor, first.Display(typeName)));
                break;
            }

            if (ancestor.Members.Select(m => (Member: m, Clash: generated.FirstOrDefault(g => Clashes(m, g)))).FirstOrDefault(p => p.Clash is not null) is { Clash: { } clash } found)
            {
                diagnostics.Add(DiagnosticInfo.At(DiagnosticDescriptors.InheritedMemberClash, networkLocation, typeName, found.Member.Display, ancestor.Ancestor, clash.Display(typeName)));
                break;
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// C#'s rule for two members of one class (or a member and one it would hide): the same name clashes, unless both are
    /// methods, or both constructors, with different parameter types. By-reference parameters differ from by-value ones
    /// (the generated ones are all by value), and a generic method differs from a non-generic one.
    /// </summary>
    private static bool Clashes(DeclaredMember member, GeneratedMember generated) => member.Kind switch
    {
        DeclaredMemberKind.Constructor => generated.Kind == GeneratedMemberKind.Constructor && SameParameters(member, generated),
        DeclaredMemberKind.Method => member.Name == generated.Name
            && (generated.Kind == GeneratedMemberKind.Other || (!member.Generic && SameParameters(member, generated))),
        DeclaredMemberKind.Other => generated.Kind != GeneratedMemberKind.Constructor && member.Name == generated.Name,
        _ => false,
    };

    private static bool SameParameters(DeclaredMember member, GeneratedMember generated) =>
        generated.Kind != GeneratedMemberKind.Other && member.ParameterTypes == generated.ParameterTypes;

    private static DeclaredMember Describe(ISymbol member, string typeName, LocationInfo? location)
    {
        if (member is not IMethodSymbol method)
        {
            return new DeclaredMember(member.Name, DeclaredMemberKind.Other, false, EquatableArray<string>.Empty, member.Name, location);
        }

        var kind = method.MethodKind switch
        {
            MethodKind.Constructor => DeclaredMemberKind.Constructor,
            MethodKind.Ordinary => DeclaredMemberKind.Method,
            _ => DeclaredMemberKind.Unnamed,
        };
        var parameters = method.Parameters
            .Select(p => (p.RefKind == RefKind.None ? "" : "ref ") + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .ToEquatableArray();
        return new DeclaredMember(method.Name, kind, method.TypeParameters.Length > 0, parameters, Display(member, typeName), location);
    }

    private static bool IsPrimaryConstructor(ISymbol member, CancellationToken cancellationToken) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax);

    private static string Display(ISymbol member, string typeName) => member is IMethodSymbol method
        ? (method.MethodKind == MethodKind.Constructor ? typeName : method.Name)
            + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")"
        : member.Name;
}
