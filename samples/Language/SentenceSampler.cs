using System;
using System.Collections.Generic;
using System.Text;

namespace Butterfly.Samples.Language;

/// <summary>Draws a verse word by word from a model's next-word distribution, seeded, until the verse-end marker.</summary>
internal static class SentenceSampler
{
    private const int MaxWords = 40;

    public static string Sample(LanguageModel model, IReadOnlyList<string> words, int seed)
    {
        var random = new SeededRandom(seed);
        var probabilities = new float[words.Count];
        Span<int> context = stackalloc int[KjvCorpus.Context];
        context.Fill(KjvCorpus.VerseEnd);
        var text = new StringBuilder();
        for (int i = 0; i < MaxWords; i++)
        {
            model.Distribution(context, probabilities);
            int next = Draw(probabilities, random.NextSingle());
            if (next == KjvCorpus.VerseEnd)
            {
                break;
            }

            text.Append(text.Length == 0 ? Capitalized(words[next]) : " " + words[next]);
            context[1..].CopyTo(context);
            context[^1] = next;
        }

        return text.Append('.').ToString();
    }

    /// <summary>The class where the cumulative probability passes <paramref name="u"/> (the last, should rounding leave it short).</summary>
    private static int Draw(ReadOnlySpan<float> probabilities, float u)
    {
        double total = 0;
        foreach (float p in probabilities)
        {
            total += p;
        }

        double target = u * total, sum = 0;
        for (int c = 0; c < probabilities.Length; c++)
        {
            sum += probabilities[c];
            if (sum > target)
            {
                return c;
            }
        }

        return probabilities.Length - 1;
    }

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
