using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Machines;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Parsing;

/// <summary>
/// Reads a <c>[Network]</c> class's attributes, in source order, into a <see cref="NetworkModel"/>, and checks
/// everything that can be wrong with the declaration. A declaration with any error yields no model.
/// </summary>
internal static class NetworkParser
{
    public const string NetworkAttributeName = "Butterfly.NetworkAttribute";
    private const string InputAttributeName = "Butterfly.InputAttribute";
    private const string FromAttributeName = "Butterfly.FromAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return ParseResult.Nothing;
        }

        var all = type.GetAttributes();
        if (all.Count(a => a.AttributeClass?.ToDisplayString() == NetworkAttributeName) != 1)
        {
            // [Network] on two partial declarations: the compiler reports CS0579, and emitting twice would clash.
            return ParseResult.Nothing;
        }

        if (all.Any(a => a.AttributeClass?.ToDisplayString() == MachineParser.MachineAttributeName))
        {
            // The machine's parser reports the conflict (BF0060); emitting either would clash with the other.
            return ParseResult.Nothing;
        }

        var network = context.Attributes[0];
        if (AttributeErrors.Any(network, cancellationToken))
        {
            return ParseResult.Nothing;
        }

        var networkLocation = Locate(network, cancellationToken) ?? declaration.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();
        TypeChecks.Check(type, declaration, networkLocation, diagnostics);
        if (type.TypeKind == TypeKind.Class && !type.IsRecord)
        {
            MemberChecks.CheckConstructors(type, context.SemanticModel.Compilation, networkLocation, diagnostics, cancellationToken);
        }

        if (diagnostics.Count > 0)
        {
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        if (ReadString(network, "Onnx") is { } modelFile)
        {
            return ParseImport(type, declaration, network, networkLocation, modelFile, all, context.SemanticModel.Compilation, cancellationToken);
        }

        var declared = ReadLayerAttributes(all, declaration, type.Name, diagnostics, cancellationToken);
        if (declared is null)
        {
            return ParseResult.Nothing;
        }

        var layers = new List<DeclaredLayer>();
        var spec = BuildSpec(type.Name, network, networkLocation, declared, layers, diagnostics);
        if (spec is null || diagnostics.Count > 0)
        {
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        var planErrors = new List<PlanError>();
        var plan = Planner.Plan(spec, type.Name, planErrors);
        var warnings = new List<DiagnosticInfo>();
        foreach (var error in planErrors)
        {
            var location = error.LayerIndex < 0 ? networkLocation
                : error.AtFrom && layers[error.LayerIndex].FromLocation is { } from ? from
                : layers[error.LayerIndex].Location;
            (error.Descriptor.DefaultSeverity == DiagnosticSeverity.Error ? diagnostics : warnings)
                .Add(DiagnosticInfo.Create(error.Descriptor, location, error.Fix, error.Arguments));
        }

        // The parameter views are named after the layers (Dense1Weights, ...), so only the plan knows them.
        if (plan is not null && plan.ParameterViewNames.Contains(type.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, networkLocation, type.Name));
        }

        var (weightsFile, precision) = ReadEmbedding(network);
        if (weightsFile is null && precision != (int)PrecisionKind.Float32)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrecisionWithoutWeights, networkLocation, type.Name));
        }

        if (plan is not null && weightsFile is not null && TokenInputChecks.EmbeddingUnsupported(plan) is { } unsupported)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddedWeightsUnsupported, networkLocation, type.Name, unsupported));
        }

        if (plan is not null)
        {
            var embedded = weightsFile is null ? (PrecisionKind?)null : precision == (int)PrecisionKind.Int8 ? PrecisionKind.Int8 : PrecisionKind.Float32;
            MemberChecks.CheckMembers(type, GeneratedMembers.Of(plan, embedded), context.SemanticModel.Compilation, networkLocation, diagnostics, cancellationToken);
        }

        if (diagnostics.Count > 0)
        {
            return new ParseResult(null, diagnostics.Concat(warnings).ToEquatableArray());
        }

        var described = TypeChecks.Describe(type, declaration);
        var embedding = weightsFile is null ? null : new EmbeddingRequest(described, spec, weightsFile, precision, LocationInfo.From(networkLocation));
        return new ParseResult(new NetworkModel(described, spec), warnings.ToEquatableArray(), embedding);
    }

    /// <summary>
    /// A <c>[Network(Onnx = ...)]</c> class: its layers and weights come from the model, so it declares none of its own,
    /// and the import happens once the model's text is found (see <c>OnnxImport</c>).
    /// </summary>
    private static ParseResult ParseImport(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        AttributeData network,
        Location networkLocation,
        string modelFile,
        ImmutableArray<AttributeData> all,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var attribute in all)
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if ((name is InputAttributeName or FromAttributeName || (name is not null && LayerCatalog.FindByAttribute(name) is not null))
                && attribute.ApplicationSyntaxReference is { } reference)
            {
                string shown = attribute.AttributeClass!.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                    ? attribute.AttributeClass.Name.Substring(0, attribute.AttributeClass.Name.Length - "Attribute".Length)
                    : attribute.AttributeClass.Name;
                // Once, at the first: the fix is to remove them all, or Onnx.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OnnxWithLayers, reference.GetSyntax(cancellationToken).GetLocation(), type.Name, modelFile, shown));
                break;
            }
        }

        // Weights beside Onnx embed that file (fine-tuned float32, or int8 from the quantizer) instead of the model's weights,
        // checked against the imported layers as a declared network's are.
        var (weightsFile, precision) = ReadEmbedding(network);
        if (weightsFile is null && precision != (int)PrecisionKind.Float32)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrecisionWithoutWeights, networkLocation, type.Name));
        }

        var loss = LossKind.Auto;
        foreach (var named in network.NamedArguments)
        {
            if (named.Key == "Loss" && named.Value.Value is int value)
            {
                loss = (LossKind)value;
                if (loss is not (LossKind.Auto or LossKind.CrossEntropy or LossKind.MeanSquaredError))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLoss, networkLocation, value));
                }
            }
        }

        return diagnostics.Count > 0
            ? new ParseResult(null, diagnostics.ToEquatableArray())
            : new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty)
            {
                Import = new ImportRequest(TypeChecks.Describe(type, declaration), modelFile, loss, LocationInfo.From(networkLocation), weightsFile, precision)
                {
                    // Checked against the generated members once the import has decided them (OnnxImport.CheckMembers).
                    Members = MemberChecks.Survey(type, compilation, cancellationToken),
                },
            };
    }

    private static string? ReadString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value as string;

    /// <summary>The <c>Weights</c> and <c>Precision</c> named arguments of <c>[Network]</c>.</summary>
    private static (string? WeightsFile, int Precision) ReadEmbedding(AttributeData network)
    {
        string? weightsFile = null;
        int precision = 0;
        foreach (var named in network.NamedArguments)
        {
            if (named.Key == "Weights" && named.Value.Value is string file)
            {
                weightsFile = file;
            }
            else if (named.Key == "Precision" && named.Value.Value is int value)
            {
                precision = value;
            }
        }

        return (weightsFile, precision);
    }

    /// <summary>
    /// The Butterfly attributes in source order, each with its parsed arguments; null when one of them does not bind
    /// (the compiler reports that).
    /// </summary>
    private static List<DeclaredLayer>? ReadLayerAttributes(
        ImmutableArray<AttributeData> attributes,
        TypeDeclarationSyntax declaration,
        string networkName,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var declared = new List<(int Position, DeclaredLayer Layer)>();
        foreach (var attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? name = attribute.AttributeClass?.ToDisplayString();
            var kind = name is null ? null : LayerCatalog.FindByAttribute(name);
            if (name != InputAttributeName && name != FromAttributeName && kind is null)
            {
                continue;
            }

            if (AttributeErrors.Any(attribute, cancellationToken) || attribute.ApplicationSyntaxReference is not { } reference)
            {
                return null;
            }

            var location = reference.GetSyntax(cancellationToken).GetLocation();
            if (reference.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(reference.Span))
            {
                string shown = kind?.Name ?? (name == FromAttributeName ? "From" : "Input");
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, location, networkName, shown));
                continue;
            }

            var layer = name == FromAttributeName
                ? new DeclaredLayer(null, null, [], location) { FromSource = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? "" }
                : kind is null
                ? new DeclaredLayer(null, null, InputDimensions(attribute), location) { InputName = NameOf(attribute), Vocabulary = InputVocabulary(attribute) }
                : new DeclaredLayer(kind, new LayerSpec(kind.Name, Arguments(attribute).ToEquatableArray()) { Name = NameOf(attribute), Merged = Names(attribute) }, [], location);
            declared.Add((reference.Span.Start, layer));
        }

        return declared.OrderBy(d => d.Position).Select(d => d.Layer).ToList();
    }

    /// <summary>
    /// The spec of <paramref name="declared"/>, whose layers (each with the <c>[From]</c> before it folded in) go to
    /// <paramref name="layers"/> in order, so that later diagnostics can find their attributes.
    /// </summary>
    private static NetworkSpec? BuildSpec(
        string networkName,
        AttributeData network,
        Location networkLocation,
        List<DeclaredLayer> declared,
        List<DeclaredLayer> layers,
        List<DiagnosticInfo> diagnostics)
    {
        var inputs = declared.Where(d => d.IsInput && d.FromSource is null).ToList();
        if (inputs.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInput, networkLocation, networkName));
            return null;
        }

        var input = inputs[0];
        if (!declared[0].IsInput || declared[0].FromSource is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputNotFirst, input.Location, networkName, declared[0].Kind?.Name ?? "From"));
        }

        foreach (var duplicate in inputs.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateInput, duplicate.Location, networkName));
        }

        if (input.Dimensions.Length is < 1 or > 3)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInputRank, input.Location, input.Dimensions.Length));
        }

        foreach (int dimension in input.Dimensions.Where(d => d <= 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, input.Location, "Input dimension", dimension));
        }

        DeclaredLayer? from = null;
        foreach (var item in declared.Where(d => !d.IsInput || d.FromSource is not null))
        {
            if (item.FromSource is not null)
            {
                if (from is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromWithoutLayer, from.Location, from.FromSource!, "another [From] follows it"));
                }

                from = item;
                continue;
            }

            layers.Add(from is null ? item : item with { Spec = item.Spec! with { From = from.FromSource }, FromLocation = from.Location });
            from = null;
        }

        if (from is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromWithoutLayer, from.Location, from.FromSource!, "no layer follows it"));
        }

        if (layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, networkLocation, networkName));
            return null;
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            bool valid = true;
            foreach (var error in layer.Kind!.CheckArguments(layer.Spec!))
            {
                diagnostics.Add(DiagnosticInfo.Create(error.Descriptor, layer.Location, error.Fix, error.Arguments));
                valid = false;
            }

            if (valid)
            {
                layers[i] = layer with { Spec = layer.Kind.Resolve(layer.Spec!) };
            }

            if (layer.Kind.CrossEntropy is { } pairing && i != layers.Count - 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(pairing.NotLast, layer.Location, networkName, i + 1, layers.Count));
            }
        }

        TokenInputChecks.Check(networkName, input.Vocabulary, input.Location, layers.Select(l => (l.Kind!, l.Spec!, l.Location)).ToList(), diagnostics);

        var loss = ResolveLoss(networkName, network, networkLocation, layers[layers.Count - 1].Kind!, diagnostics);
        return new NetworkSpec(Shape.Of(input.Dimensions), layers.Select(l => l.Spec!).ToEquatableArray(), loss, System.Math.Max(input.Vocabulary, 0)) { InputName = input.InputName };
    }

    private static LossKind ResolveLoss(string networkName, AttributeData network, Location location, LayerKind last, List<DiagnosticInfo> diagnostics)
    {
        var loss = LossKind.Auto;
        foreach (var named in network.NamedArguments)
        {
            if (named.Key == "Loss" && named.Value.Value is int value)
            {
                loss = (LossKind)value;
                if (loss is not (LossKind.Auto or LossKind.CrossEntropy or LossKind.MeanSquaredError))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLoss, location, value));
                    return LossKind.Auto;
                }
            }
        }

        if (last.OwnsLoss)
        {
            if (loss == LossKind.MeanSquaredError)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HierarchicalSoftmaxLoss, location, networkName, "MeanSquaredError"));
            }

            return LossKind.CrossEntropy;
        }

        bool softmaxOutput = last.CrossEntropy is not null;
        if (loss == LossKind.CrossEntropy && !softmaxOutput)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, location, networkName, last.Name));
        }

        return loss == LossKind.Auto ? (softmaxOutput ? LossKind.CrossEntropy : LossKind.MeanSquaredError) : loss;
    }

    private static int[] InputDimensions(AttributeData attribute)
    {
        // [Input(null)] binds (the parameter is a params array) and reads as no dimensions at all.
        var argument = attribute.ConstructorArguments.FirstOrDefault();
        return argument.Kind == TypedConstantKind.Array && !argument.IsNull
            ? argument.Values.Select(v => v.Value is int d ? d : 0).ToArray()
            : [];
    }

    /// <summary>
    /// The numeric constructor arguments by parameter name, then numeric named arguments, as numbers; the names of the
    /// graph (<c>Name</c>, a merge's names) are read apart.
    /// </summary>
    private static IEnumerable<LayerArgument> Arguments(AttributeData attribute)
    {
        var parameters = attribute.AttributeConstructor!.Parameters;
        for (int i = 0; i < parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            if (attribute.ConstructorArguments[i].Kind != TypedConstantKind.Array)
            {
                yield return new LayerArgument(parameters[i].Name, ToNumber(attribute.ConstructorArguments[i].Value));
            }
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key != "Name")
            {
                yield return new LayerArgument(char.ToLowerInvariant(named.Key[0]) + named.Key.Substring(1), ToNumber(named.Value.Value));
            }
        }
    }

    /// <summary>The <c>Name</c> named argument, or null.</summary>
    private static string? NameOf(AttributeData attribute) =>
        attribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;

    /// <summary>A merge's names (its <c>params string[]</c>); a null among them reads as the empty name, which is invalid.</summary>
    private static EquatableArray<string> Names(AttributeData attribute)
    {
        var argument = attribute.ConstructorArguments.FirstOrDefault(a => a.Kind == TypedConstantKind.Array);
        return argument.Kind == TypedConstantKind.Array && !argument.IsNull
            ? argument.Values.Select(v => v.Value as string ?? "").ToEquatableArray()
            : EquatableArray<string>.Empty;
    }

    private static double ToNumber(object? value) => value switch
    {
        int i => i,
        // The float's shortest round-trip text, so 0.01f reads as 0.01 (not 0.009999999776482582) in signatures.
        float f => double.Parse(f.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
        double d => d,
        bool b => b ? 1 : 0,
        _ => 0,
    };

    private static Location? Locate(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

    /// <summary>
    /// An <c>[Input]</c> (no kind, with dimensions), a <c>[From]</c> (no kind, with <see cref="FromSource"/>) or a layer
    /// attribute, with where it was written (and for a layer, where the <c>[From]</c> before it was).
    /// </summary>
    private sealed record DeclaredLayer(LayerKind? Kind, LayerSpec? Spec, int[] Dimensions, Location Location)
    {
        public bool IsInput => Kind is null;

        public string? FromSource { get; init; }

        public string? InputName { get; init; }

        public Location? FromLocation { get; init; }

        /// <summary>An input's <c>Vocabulary</c>: positive for token ids, 0 for floats.</summary>
        public int Vocabulary { get; init; }
    }

    /// <summary>The <c>Vocabulary</c> named argument of <c>[Input]</c>; 0 when absent.</summary>
    private static int InputVocabulary(AttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Vocabulary" && named.Value.Value is int vocabulary)
            {
                return vocabulary;
            }
        }

        return 0;
    }
}
