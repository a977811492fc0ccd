using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Emitting;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Embedding;

/// <summary>
/// Finds the <c>AdditionalFiles</c> item a network's <c>Weights</c> names, decodes it (base64 of a <c>.bfw</c> or
/// <c>.bfq</c> file), checks it against the declaration, and emits the embedded Predict. Every problem is a diagnostic
/// at the <c>[Network]</c> attribute; the generator never reads a file itself.
/// </summary>
internal static class WeightsEmbedding
{
    public static EmbeddedNetwork Compile(EmbeddingRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var plan = Planner.Plan(request.Spec, request.Type.MetadataName, new List<PlanError>())
            ?? throw new InvalidOperationException("A model that passed parsing failed to plan.");
        var image = Find(request, files, cancellationToken, out var problem) is { } text ? Decode(request, text, out problem) : null;
        if (image is not null)
        {
            problem = Check(request, plan, image);
        }

        return problem is not null
            ? new EmbeddedNetwork(null, new[] { problem }.ToEquatableArray())
            : new EmbeddedNetwork(
                new GeneratedNetwork(EmbeddedEmitter.HintName(request.Type), request.Type.QualifiedName, EmbeddedEmitter.Emit(request, plan, image!)),
                EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The one item whose path is <c>Weights</c> or ends with <c>/</c> + <c>Weights</c> (either separator, so that a
    /// declaration reads the same on every OS).
    /// </summary>
    private static AdditionalText? Find(EmbeddingRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken, out DiagnosticInfo? problem)
    {
        problem = null;
        string wanted = Normalize(request.WeightsFile);
        var matches = wanted.Length == 0
            ? []
            : files.Where(f => Normalize(f.Path) is var path && (path == wanted || path.EndsWith("/" + wanted, StringComparison.Ordinal))).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        problem = matches.Count == 0
            ? DiagnosticInfo.At(DiagnosticDescriptors.WeightsFileNotFound, request.Location, request.Type.MetadataName, request.WeightsFile)
            : DiagnosticInfo.At(DiagnosticDescriptors.WeightsFileAmbiguous, request.Location, request.Type.MetadataName, request.WeightsFile,
                string.Join(", ", matches.Select(m => m.Path).OrderBy(p => p, StringComparer.Ordinal)));
        return null;
    }

    private static WeightsImage? Decode(EmbeddingRequest request, AdditionalText file, out DiagnosticInfo? problem)
    {
        problem = null;
        string? text = file.GetText()?.ToString();
        if (text is null)
        {
            problem = DiagnosticInfo.At(DiagnosticDescriptors.WeightsFileUnreadable, request.Location, request.WeightsFile, "the file cannot be read");
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            problem = DiagnosticInfo.At(DiagnosticDescriptors.WeightsFileUnreadable, request.Location, request.WeightsFile, "it holds characters outside base64, or a wrong length");
            return null;
        }

        var image = WeightsImage.Read(bytes, out var invalid);
        if (invalid is not null)
        {
            problem = DiagnosticInfo.At(invalid.Descriptor, request.Location, new object[] { request.WeightsFile }.Concat(invalid.Arguments).ToArray());
        }

        return image;
    }

    private static DiagnosticInfo? Check(EmbeddingRequest request, NetworkPlan plan, WeightsImage image)
    {
        string name = request.Type.MetadataName;
        bool wantsInt8 = request.Precision == (int)PrecisionKind.Int8;
        if (wantsInt8 != image.IsQuantized || request.Precision is not ((int)PrecisionKind.Float32 or (int)PrecisionKind.Int8))
        {
            string declared = Enum.IsDefined(typeof(PrecisionKind), request.Precision) ? ((PrecisionKind)request.Precision).ToString() : request.Precision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return image.IsQuantized
                ? At(DiagnosticDescriptors.PrecisionMismatch, name, declared, request.WeightsFile, "quantized int8", "float32 (.bfw)", "Int8")
                : At(DiagnosticDescriptors.PrecisionMismatch, name, declared, request.WeightsFile, "float32", "quantized int8 (.bfq)", "Float32");
        }

        if (image.Signature != plan.Signature)
        {
            return At(DiagnosticDescriptors.WeightsSignatureMismatch, request.WeightsFile, image.Signature, name, plan.Signature);
        }

        string? misfit = image.Layers is { } layers ? QuantizedMisfit(plan, layers) : FloatMisfit(plan, image.Parameters!);
        return misfit is null ? null : At(DiagnosticDescriptors.WeightsShapeMismatch, request.WeightsFile, name, misfit);

        DiagnosticInfo At(DiagnosticDescriptor descriptor, params object[] arguments) => DiagnosticInfo.At(descriptor, request.Location, arguments);
    }

    private static string? FloatMisfit(NetworkPlan plan, float[] parameters) =>
        parameters.Length == plan.ParameterCount ? null : $"it holds {parameters.Length} parameters, the declaration has {plan.ParameterCount}";

    private static string? QuantizedMisfit(NetworkPlan plan, IReadOnlyList<QuantizedLayerImage> layers)
    {
        var withParameters = plan.Layers.Where(l => l.Parameters.Count > 0).ToList();
        if (withParameters.FirstOrDefault(l => !l.Kind.SupportsInt8) is { } unsupported)
        {
            return $"{unsupported.Name} ({unsupported.Kind.Name}) has no int8 code";
        }

        if (layers.Count != withParameters.Count)
        {
            return $"it holds {layers.Count} quantized layers, the declaration has {withParameters.Count} dense layers";
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var (layer, image) = (withParameters[i], layers[i]);
            if (image.Units != layer.OutputLength || image.Inputs != layer.InputLength)
            {
                return $"its layer {i + 1} is {image.Units} × {image.Inputs}, but {layer.Name} is {layer.OutputLength} × {layer.InputLength}";
            }
        }

        return null;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
