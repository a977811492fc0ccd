using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Parsing;

/// <summary>Checks that a <c>[Network]</c> type can receive generated members, and describes where it lives.</summary>
internal static class TypeChecks
{
    /// <param name="reservedNames">Names of generated members the class cannot have; a network's by default.</param>
    public static void Check(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        Location location,
        List<DiagnosticInfo> diagnostics,
        IReadOnlyCollection<string>? reservedNames = null)
    {
        string name = type.Name;
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
        {
            string kind = type.IsRecord ? "record" : type.TypeKind.ToString().ToLowerInvariant();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkNotClass, location, name, kind));
            return;
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkNotPartial, location, name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkStatic, location, name));
        }

        // A file-local type cannot have a part in another file: the generated 'partial class' would silently declare
        // a second, unrelated type of the same name instead of completing this one.
        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsFileLocal)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkFileLocal, location, name, outer.Name));
                break;
            }
        }

        // C# forbids a member named like its type; the parameter views, named after the layers, are checked after planning.
        if ((reservedNames ?? GeneratedMembers.FixedNames).Contains(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, location, name));
        }

        for (var outer = type; outer is not null; outer = outer.ContainingType)
        {
            if (outer.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkGeneric, location, name));
                break;
            }
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            bool partial = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(syntax => syntax.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, location, name, outer.Name));
            }
        }
    }

    public static TypeDeclaration Describe(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        var containers = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containers.Insert(0, new ContainingType(Keyword(outer), Escape(outer.Name)));
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace
            ? ""
            : type.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length);
        return new TypeDeclaration(ns, containers.ToEquatableArray(), Escape(type.Name), type.Name);
    }

    private static string Keyword(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
    {
        (TypeKind.Struct, true) => "record struct",
        (TypeKind.Struct, false) => "struct",
        (TypeKind.Interface, _) => "interface",
        (_, true) => "record",
        _ => "class",
    };

    /// <summary>
    /// The name as the generated declaration writes it. Besides keywords, C# rejects or warns about type names that are
    /// contextual keywords (<c>record</c>, <c>file</c>, <c>required</c>, <c>scoped</c>: CS8860, CS9056, CS9029, CS9062)
    /// or lower-case ASCII letters only (<c>net</c>: CS8981), unless written with <c>@</c>. The user may have written the
    /// <c>@</c>, or may have silenced the warning in their own file; either way the generated part must not raise it.
    /// </summary>
    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
        || name.All(c => c is >= 'a' and <= 'z')
            ? "@" + name
            : name;
}
