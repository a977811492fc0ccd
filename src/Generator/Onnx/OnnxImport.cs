using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Embedding;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Parsing;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// The import pipeline of a <c>[Network(Onnx = ...)]</c> class: finds the model's text among the additional files,
/// decodes and lowers it (<see cref="OnnxImporter"/>), and emits what a declared network with embedded weights gets.
/// Every problem is a diagnostic at the <c>[Network]</c> attribute; the generator never reads a file itself.
/// </summary>
internal static class OnnxImport
{
    /// <summary>The extension Butterfly's build targets give the base64 text of a model: <c>wake-word.onnx.b64</c>.</summary>
    public const string TextExtension = ".b64";

    /// <summary>
    /// The text of the one item whose path is the model's name plus <see cref="TextExtension"/>, or ends with <c>/</c> and
    /// that, or whose file name is the model's file name plus it (the targets write them side by side under obj/).
    /// </summary>
    public static ImportInput Read(ImportRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        string wanted = Normalize(request.ModelFile) + TextExtension;
        string fileName = wanted.Substring(wanted.LastIndexOf('/') + 1);
        var matches = request.ModelFile.Length == 0
            ? []
            : files.Where(f => Normalize(f.Path) is var path && (path == wanted || path.EndsWith("/" + wanted, StringComparison.Ordinal) || path.EndsWith("/" + fileName, StringComparison.Ordinal) || path == fileName)).ToList();
        if (matches.Count > 1)
        {
            // A path suffix that names one of them wins over matches by file name alone.
            var exact = matches.Where(f => Normalize(f.Path) is var path && (path == wanted || path.EndsWith("/" + wanted, StringComparison.Ordinal))).ToList();
            matches = exact.Count == 1 ? exact : matches;
        }

        cancellationToken.ThrowIfCancellationRequested();
        string name = request.Type.MetadataName;
        if (matches.Count != 1)
        {
            var problem = matches.Count == 0
                ? Problem(DiagnosticDescriptors.OnnxModelNotFound, name, request.ModelFile)
                : Problem(DiagnosticDescriptors.OnnxModelAmbiguous, request.ModelFile, string.Join(", ", matches.Select(m => m.Path).OrderBy(p => p, StringComparer.Ordinal)));
            return new ImportInput(request.Type, request.ModelFile, request.Loss, null, problem) { WeightsFile = request.WeightsFile, Precision = request.Precision };
        }

        string? text = matches[0].GetText(cancellationToken)?.ToString();
        return new ImportInput(request.Type, request.ModelFile, request.Loss, text,
            text is null ? Problem(DiagnosticDescriptors.OnnxModelUnreadable, request.ModelFile, "its text cannot be read") : null)
        {
            WeightsFile = request.WeightsFile,
            Precision = request.Precision,
        };
    }

    /// <summary>Decodes and imports the model, and emits the network and its embedded weights; the expensive step.</summary>
    public static ImportedNetwork Compile(ImportInput input, CancellationToken cancellationToken)
    {
        if (input.Problem is { } problem || input.Text is not { } text)
        {
            return Failed(input, input.Problem!);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Failed(input, Problem(DiagnosticDescriptors.OnnxModelUnreadable, input.ModelFile,
                "its text is not base64 (add the model with <OnnxModel Include=\"...\" />, not as AdditionalFiles, so that Butterfly's build targets encode it)"));
        }

        ImportedModel imported;
        try
        {
            imported = OnnxImporter.Import(bytes, input.ModelFile, input.Type.MetadataName, input.Loss);
        }
        catch (ImportException error)
        {
            return Failed(input, Problem(error.Descriptor, error.Arguments));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var plan = Planner.Plan(imported.Spec, input.Type.MetadataName, new List<PlanError>())
            ?? throw new InvalidOperationException("An imported model that planned failed to plan again.");
        var model = new NetworkModel(input.Type, imported.Spec) { Import = new ImportInfo(input.ModelFile, imported.Notes.ToEquatableArray(), input.WeightsFile) };
        var network = new GeneratedNetwork(input.Type.HintName, input.Type.QualifiedName, NetworkEmitter.Emit(model, plan));
        if (input.WeightsFile is { } weightsFile)
        {
            // Weights of its own (fine-tuned, or quantized to int8): embedded as a declared network's are, from the file.
            return new ImportedNetwork(input.Type, new[] { network }.ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty)
            {
                Embedding = new EmbeddingRequest(input.Type, imported.Spec, weightsFile, input.Precision, null),
                Members = GeneratedMembers.Of(plan, input.Precision == (int)PrecisionKind.Int8 ? PrecisionKind.Int8 : PrecisionKind.Float32).ToEquatableArray(),
            };
        }

        var embedding = new EmbeddingInput(input.Type, imported.Spec, input.ModelFile, (int)PrecisionKind.Float32, null, null);
        GeneratedNetwork[] sources =
        [
            network,
            new(EmbeddedEmitter.HintName(input.Type), input.Type.QualifiedName, EmbeddedEmitter.Emit(embedding, plan, WeightsImage.Float(plan.Signature, imported.Parameters))),
        ];
        return new ImportedNetwork(input.Type, sources.ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty)
        {
            Members = GeneratedMembers.Of(plan, PrecisionKind.Float32).ToEquatableArray(),
        };
    }

    /// <summary>The diagnostics importing gave <paramref name="request"/>'s network, at its <c>[Network]</c> attribute.</summary>
    public static EquatableArray<DiagnosticInfo> Locate(ImportRequest request, ImmutableArray<ImportedNetwork> results)
    {
        var result = results.FirstOrDefault(r => r.Type == request.Type);
        return result is null || result.Diagnostics.Count == 0
            ? EquatableArray<DiagnosticInfo>.Empty
            : result.Diagnostics.Select(d => d with { Location = request.Location }).ToEquatableArray();
    }

    /// <summary>
    /// The clash check a declared network gets at parse time (BF0021 at the user's member, BF0022 at the <c>[Network]</c>
    /// attribute), run once the import has decided the generated members; none when the import failed.
    /// </summary>
    public static ImportMemberCheck CheckMembers(ImportRequest request, ImmutableArray<ImportedNetwork> results)
    {
        var result = results.FirstOrDefault(r => r.Type == request.Type);
        return result is null || request.Members is not { } survey || result.Members.Count == 0
            ? new ImportMemberCheck(request.Type.QualifiedName, EquatableArray<DiagnosticInfo>.Empty)
            : new ImportMemberCheck(request.Type.QualifiedName, MemberChecks.Check(survey, result.Members.AsSpan().ToArray(), request.Location).ToEquatableArray());
    }

    private static ImportedNetwork Failed(ImportInput input, DiagnosticInfo problem) =>
        new(input.Type, EquatableArray<GeneratedNetwork>.Empty, new[] { problem }.ToEquatableArray());

    private static DiagnosticInfo Problem(DiagnosticDescriptor descriptor, params object[] arguments) => DiagnosticInfo.At(descriptor, null, arguments);

    private static string Normalize(string path) => path.Replace('\\', '/');
}
