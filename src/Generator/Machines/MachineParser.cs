using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Model;
using Butterfly.Generator.Parsing;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Machines;

/// <summary>
/// Reads a <c>[BoltzmannMachine]</c> class into a <see cref="MachineModel"/> and checks everything that can be wrong
/// with the declaration, with the diagnostics at the attribute. A declaration with any error yields no model.
/// </summary>
internal static class MachineParser
{
    public const string MachineAttributeName = "Butterfly.BoltzmannMachineAttribute";

    public static MachineParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return MachineParseResult.Nothing;
        }

        var all = type.GetAttributes();
        var machine = context.Attributes[0];
        if (all.Count(a => a.AttributeClass?.ToDisplayString() == MachineAttributeName) != 1 || AttributeErrors.Any(machine, cancellationToken))
        {
            // Twice on partial declarations is CS0579, a half-bound attribute the compiler's own error: both reported already.
            return MachineParseResult.Nothing;
        }

        var location = machine.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? declaration.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();
        TypeChecks.Check(type, declaration, location, diagnostics, MachineMembers.ReservedNames);
        if (type.TypeKind == TypeKind.Class && !type.IsRecord)
        {
            MemberChecks.CheckConstructors(type, context.SemanticModel.Compilation, location, diagnostics, cancellationToken);
        }

        // With [Network] beside it, the layer attributes belong to the network: the conflict is the one error to fix.
        bool network = all.Any(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName);
        if (network)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MachineAndNetwork, location, type.Name));
        }

        foreach (var attribute in network ? [] : all)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is not null && name != MachineAttributeName && attribute.AttributeClass!.ContainingNamespace.ToDisplayString() == "Butterfly"
                && attribute.ApplicationSyntaxReference is { } reference)
            {
                string shown = attribute.AttributeClass.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                    ? attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length)
                    : attribute.AttributeClass.Name;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayerOnMachine, reference.GetSyntax(cancellationToken).GetLocation(), type.Name, shown));
            }
        }

        int visible = machine.ConstructorArguments[0].Value is int v ? v : 0;
        int hidden = machine.ConstructorArguments[1].Value is int h ? h : 0;
        if (visible <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, "[BoltzmannMachine] visible", visible));
        }

        if (hidden <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, location, "[BoltzmannMachine] hidden", hidden));
        }

        int units = 0;
        foreach (var named in machine.NamedArguments)
        {
            if (named.Key == "Visible" && named.Value.Value is int value)
            {
                units = value;
            }
        }

        if (units is not ((int)VisibleUnitKind.Bernoulli or (int)VisibleUnitKind.Gaussian))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownVisibleUnits, location, units));
        }

        var described = TypeChecks.Describe(type, declaration);
        var model = new MachineModel(described, visible, hidden, (VisibleUnitKind)units);
        if (visible > 0 && hidden > 0 && model.ParameterCount > Planner.MaxFloats)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MachineTooLarge, location, type.Name, model.ParameterCount, visible, hidden, Planner.MaxFloats));
        }

        if (diagnostics.Count == 0)
        {
            MemberChecks.CheckMembers(type, MachineMembers.All, context.SemanticModel.Compilation, location, diagnostics, cancellationToken);
        }

        return diagnostics.Count > 0
            ? new MachineParseResult(null, diagnostics.ToEquatableArray())
            : new MachineParseResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }
}
