using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Parsing;

/// <summary>Checks that a <c>[Network]</c> type can receive generated members, and describes where it lives.</summary>
internal static class TypeChecks
{
    /// <summary>
    /// Members every network gets, private ones included, which the class itself therefore cannot be named (C# forbids
    /// a member named like its type). The parameter views, named after the layers, are checked after planning.
    /// </summary>
    internal static readonly HashSet<string> GeneratedMemberNames =
    [
        "InputLength", "OutputLength", "ParameterCount", "DefaultSeed", "Signature", "Summary", "Loss",
        "Parameters", "Gradients", "ParameterBlocks", "Predict", "CreateWorkspace", "Forward", "Backward",
        "TrainStep", "Backpropagate", "WorkspaceFloatsPerSample", "s_parameterBlocks", "_parameters", "_gradients",
        "t_predictScratch",
    ];

    public static void Check(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Location location, List<DiagnosticInfo> diagnostics)
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

        if (GeneratedMemberNames.Contains(name))
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

    private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
