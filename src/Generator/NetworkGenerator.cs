using System;
using System.Linq;
using Butterfly.Generator.Embedding;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Machines;
using Butterfly.Generator.Model;
using Butterfly.Generator.Onnx;
using Butterfly.Generator.Parsing;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator;

/// <summary>
/// Compiles each <c>[Network]</c> class into shape-specialized training and inference code. Discovery is
/// syntax-only; parsing turns the attributes into a value-equal model; emission runs only when a model changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => NetworkParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var models = parsed
            .Select(static (result, _) => result.Model)
            .WithTrackingName(TrackingNames.Models);

        Report(context, parsed.Select(static (result, _) => result.Diagnostics));

        // Weights to embed are matched with the AdditionalFiles items by name, and their text read: a cheap step that
        // reruns when any item changes. Decoding and emission take only the declaration and that text, so they rerun
        // only when those change, not when the declaration moves or another file changes (the incrementality tests
        // pin both); the diagnostics get the [Network] attribute's location afterwards.
        var requests = parsed
            .Select(static (result, _) => result.Embedding)
            .Where(static request => request is not null)
            .Select(static (request, _) => request!);
        var embedded = requests
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => WeightsEmbedding.Read(pair.Left, pair.Right, cancellationToken))
            .Select(static (input, cancellationToken) => WeightsEmbedding.Compile(input, cancellationToken))
            .WithTrackingName(TrackingNames.Embed);

        Report(context, requests.Combine(embedded.Collect()).Select(static (pair, _) => WeightsEmbedding.Locate(pair.Left, pair.Right)));

        // An imported network's layers and weights are in its ONNX model, so it is planned and emitted after the model's
        // text is found, in one step that reruns only when that text or the declaration changes.
        var imports = parsed
            .Select(static (result, _) => result.Import)
            .Where(static request => request is not null)
            .Select(static (request, _) => request!);
        var imported = imports
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => OnnxImport.Read(pair.Left, pair.Right, cancellationToken))
            .Select(static (input, cancellationToken) => OnnxImport.Compile(input, cancellationToken))
            .WithTrackingName(TrackingNames.Import);

        Report(context, imports.Combine(imported.Collect()).Select(static (pair, _) => OnnxImport.Locate(pair.Left, pair.Right)));

        // The user's members against the generated ones, which only the import decides; a class that fails gets no files,
        // as a declared network with a clash gets none, so the errors are the user's members and not generated code.
        var memberChecks = imports
            .Combine(imported.Collect())
            .Select(static (pair, _) => OnnxImport.CheckMembers(pair.Left, pair.Right));
        Report(context, memberChecks.Select(static (check, _) => check.Diagnostics));
        var refused = memberChecks
            .Where(static check => check.Diagnostics.Count > 0)
            .Select(static (check, _) => check.QualifiedName)
            .Collect();

        // An imported class that embeds a weights file of its own (fine-tuned, or quantized to int8) has it embedded as a
        // declared network's is, once the import has given its layers.
        var importedEmbedded = imported
            .Select(static (result, _) => result.Embedding)
            .Where(static request => request is not null)
            .Select(static (request, _) => request!)
            .Combine(context.AdditionalTextsProvider.Collect())
            .Select(static (pair, cancellationToken) => WeightsEmbedding.Read(pair.Left, pair.Right, cancellationToken))
            .Select(static (input, cancellationToken) => WeightsEmbedding.Compile(input, cancellationToken))
            .WithTrackingName(TrackingNames.ImportEmbed);

        Report(context, imports.Combine(importedEmbedded.Collect()).Select(static (pair, _) => WeightsEmbedding.Locate(pair.Left.Type, pair.Left.Location, pair.Right)));

        // Emission is cached per network; only the naming below sees them all, because file names must be distinct
        // across networks and their embedded files (see HintNames), and that last step merely re-adds cached text.
        var sources = models
            .Where(static model => model is not null)
            .Select(static (model, _) => new GeneratedNetwork(model!.Type.HintName, model.Type.QualifiedName, Generate(model)))
            .WithTrackingName(TrackingNames.Emit);

        // A [BoltzmannMachine] class has a pipeline of its own: one attribute, no layers to plan.
        var machines = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MachineParser.MachineAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => MachineParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ParseMachine);

        Report(context, machines.Select(static (result, _) => result.Diagnostics));

        var machineSources = machines
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => new GeneratedNetwork(model!.Type.HintName, model.Type.QualifiedName, MachineEmitter.Emit(model)))
            .WithTrackingName(TrackingNames.EmitMachine);

        var embeddedSources = embedded
            .Where(static result => result.Source is not null)
            .Select(static (result, _) => result.Source!);

        var importedEmbeddedSources = importedEmbedded
            .Where(static result => result.Source is not null)
            .Select(static (result, _) => result.Source!);

        var importedSources = imported.SelectMany(static (result, _) => result.Sources);

        var allSources = sources.Collect()
            .Combine(embeddedSources.Collect())
            .Combine(machineSources.Collect())
            .Combine(importedSources.Collect())
            .Combine(importedEmbeddedSources.Collect())
            .Combine(refused);
        context.RegisterSourceOutput(allSources, static (production, all) =>
        {
            var (((((declared, embedded), machines), fromModels), embeddedInModels), clashing) = all;
            var imports = fromModels.Concat(embeddedInModels).Where(network => !clashing.Contains(network.QualifiedName));
            foreach (var (hintName, network) in HintNames.Assign(declared.Concat(embedded).Concat(machines).Concat(imports)))
            {
                production.AddSource(hintName, SourceText.From(network.Source, System.Text.Encoding.UTF8));
            }
        });
    }

    /// <summary>
    /// Reports each declaration's diagnostics at source locations. Only declarations with problems meet the compilation,
    /// whose trees turn their locations back into source locations, so a valid network's outputs stay cached across
    /// edits (the incrementality tests pin that).
    /// </summary>
    private static void Report(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(
            diagnostics.Combine(context.CompilationProvider).Where(static pair => pair.Left.Count > 0),
            static (production, pair) =>
            {
                foreach (var diagnostic in pair.Left)
                {
                    production.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
                }
            });

    private static string Generate(NetworkModel model)
    {
        var errors = new System.Collections.Generic.List<PlanError>();
        var plan = Planner.Plan(model.Spec, model.Type.MetadataName, errors)
            ?? throw new InvalidOperationException("A model that passed parsing failed to plan: " + string.Join("; ", errors));
        return NetworkEmitter.Emit(model, plan);
    }
}
