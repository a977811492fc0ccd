using System.Collections.Generic;
using System.Linq;
using Butterfly.Generator.Diagnostics;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;
using Butterfly.Generator.Planning;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Parsing;

/// <summary>
/// Where token inputs, embeddings and loss-owning outputs may stand: an input with a vocabulary is read by an
/// <c>[Embedding]</c> of the same vocabulary and nothing else reads ids; an embedding reads only ids; a layer that owns its
/// loss (the hierarchical softmax) is the last.
/// </summary>
internal static class TokenInputChecks
{
    /// <summary>Ids travel as floats in datasets and weights files; a float holds every whole number up to 2^24 exactly.</summary>
    public const int MaxVocabulary = 1 << 24;

    public static void Check(string networkName, int vocabulary, Location inputLocation, IReadOnlyList<(LayerKind Kind, LayerSpec Spec, Location Location)> layers, List<DiagnosticInfo> diagnostics)
    {
        if (vocabulary < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, inputLocation, "Input Vocabulary", vocabulary));
        }
        else if (vocabulary > MaxVocabulary)
        {
            // An embedding of that vocabulary is too large as well, and one error says it.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VocabularyTooLarge, inputLocation, "Input Vocabulary", vocabulary, MaxVocabulary));
            return;
        }

        if (vocabulary > 0 && layers[0].Kind is not EmbeddingLayer)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TokenInputNeedsEmbedding, layers[0].Location, networkName, vocabulary, layers[0].Kind.Name));
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var (kind, spec, location) = layers[i];
            if (kind is EmbeddingLayer)
            {
                int rows = spec.GetInt32("vocabulary");
                if (i != 0 || vocabulary <= 0)
                {
                    string where = i != 0 ? $"it is layer {i + 1}" : "the input takes floats";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddingNeedsTokenInput, location, networkName, where, rows));
                }
                else if (rows != vocabulary)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmbeddingVocabularyMismatch, location, rows, networkName, vocabulary));
                }
            }

            if (kind.OwnsLoss && i != layers.Count - 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HierarchicalSoftmaxNotLast, location, networkName, i + 1, layers.Count));
            }
        }
    }

    /// <summary>What of <paramref name="plan"/> embedded weights cannot compile yet, or null.</summary>
    public static string? EmbeddingUnsupported(NetworkPlan plan) =>
        plan.Spec.TakesTokens ? "a token input"
        : plan.Layers.FirstOrDefault(l => l.Kind.OwnsLoss) is { } owner ? $"an output layer that owns its loss ([{owner.Kind.Name}])"
        : null;
}
