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
    /// <summary>
    /// The input of <see cref="Compile"/> for <paramref name="request"/>: the text of the one item whose path is
    /// <c>Weights</c> or ends with <c>/</c> + <c>Weights</c> (either separator, so that a declaration reads the same on
    /// every OS), or the problem that there is none, or several.
    /// </summary>
    public static EmbeddingInput Read(EmbeddingRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        string wanted = Normalize(request.WeightsFile);
        var matches = wanted.Length == 0
            ? []
            : files.Where(f => Normalize(f.Path) is var path && (path == wanted || path.EndsWith("/" + wanted, StringComparison.Ordinal))).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        DiagnosticInfo? problem = null;
        string? text = null;
        if (matches.Count == 1)
        {
            text = matches[0].GetText(cancellationToken)?.ToString();
            problem = text is null ? Problem(DiagnosticDescriptors.WeightsFileUnreadable, request.WeightsFile, "the file cannot be read") : null;
        }
        else
        {
            problem = matches.Count == 0
                ? Problem(DiagnosticDescriptors.WeightsFileNotFound, request.Type.MetadataName, request.WeightsFile)
                : Problem(DiagnosticDescriptors.WeightsFileAmbiguous, request.Type.MetadataName, request.WeightsFile,
                    string.Join(", ", matches.Select(m => m.Path).OrderBy(p => p, StringComparer.Ordinal)));
        }

        return new EmbeddingInput(request.Type, request.Spec, request.WeightsFile, request.Precision, text, problem);
    }

    /// <summary>Decodes and checks the weights, and emits the embedded Predict; the expensive step.</summary>
    public static EmbeddedNetwork Compile(EmbeddingInput input, CancellationToken cancellationToken)
    {
        var plan = Planner.Plan(input.Spec, input.Type.MetadataName, new List<PlanError>())
            ?? throw new InvalidOperationException("A model that passed parsing failed to plan.");
        var problem = input.Problem;
        var image = input.Text is { } text ? Decode(input, text, out problem) : null;
        cancellationToken.ThrowIfCancellationRequested();
        if (image is not null)
        {
            problem = Check(input, plan, image);
        }

        return problem is not null
            ? new EmbeddedNetwork(input.Type, null, new[] { problem }.ToEquatableArray())
            : new EmbeddedNetwork(
                input.Type,
                new GeneratedNetwork(EmbeddedEmitter.HintName(input.Type), input.Type.QualifiedName, EmbeddedEmitter.Emit(input, plan, image!)),
                EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The diagnostics embedding gave <paramref name="request"/>'s network, at its <c>[Network]</c> attribute.</summary>
    public static EquatableArray<DiagnosticInfo> Locate(EmbeddingRequest request, ImmutableArray<EmbeddedNetwork> results) =>
        Locate(request.Type, request.Location, results);

    /// <summary>The diagnostics embedding gave <paramref name="type"/>'s weights, at <paramref name="location"/> (its <c>[Network]</c> attribute).</summary>
    public static EquatableArray<DiagnosticInfo> Locate(TypeDeclaration type, LocationInfo? location, ImmutableArray<EmbeddedNetwork> results)
    {
        var result = results.FirstOrDefault(r => r.Type == type);
        return result is null || result.Diagnostics.Count == 0
            ? EquatableArray<DiagnosticInfo>.Empty
            : result.Diagnostics.Select(d => d with { Location = location }).ToEquatableArray();
    }

    private static WeightsImage? Decode(EmbeddingInput input, string text, out DiagnosticInfo? problem)
    {
        problem = null;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            problem = Problem(DiagnosticDescriptors.WeightsFileUnreadable, input.WeightsFile, "it holds characters outside base64, or a wrong length");
            return null;
        }

        var image = WeightsImage.Read(bytes, out var invalid);
        if (invalid is not null)
        {
            problem = Problem(invalid.Descriptor, new object[] { input.WeightsFile }.Concat(invalid.Arguments).ToArray());
        }

        return image;
    }

    private static DiagnosticInfo? Check(EmbeddingInput request, NetworkPlan plan, WeightsImage image)
    {
        string name = request.Type.MetadataName;
        bool wantsInt8 = request.Precision == (int)PrecisionKind.Int8;
        if (wantsInt8 != image.IsQuantized || request.Precision is not ((int)PrecisionKind.Float32 or (int)PrecisionKind.Int8))
        {
            string declared = Enum.IsDefined(typeof(PrecisionKind), request.Precision) ? ((PrecisionKind)request.Precision).ToString() : request.Precision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return image.IsQuantized
                ? Problem(DiagnosticDescriptors.PrecisionMismatch, name, declared, request.WeightsFile, "quantized int8", "float32 (.bfw)", "Int8")
                : Problem(DiagnosticDescriptors.PrecisionMismatch, name, declared, request.WeightsFile, "float32", "quantized int8 (.bfq)", "Float32");
        }

        if (image.Signature != plan.Signature)
        {
            return Problem(DiagnosticDescriptors.WeightsSignatureMismatch, request.WeightsFile, image.Signature, name, plan.Signature);
        }

        string? misfit = image.Layers is { } layers ? QuantizedMisfit(plan, layers) : FloatMisfit(plan, image.Parameters!);
        return misfit is null ? null : Problem(DiagnosticDescriptors.WeightsShapeMismatch, request.WeightsFile, name, misfit);
    }

    /// <summary>A diagnostic without a location yet (see <see cref="Locate"/>).</summary>
    private static DiagnosticInfo Problem(DiagnosticDescriptor descriptor, params object[] arguments) => DiagnosticInfo.At(descriptor, null, arguments);

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
