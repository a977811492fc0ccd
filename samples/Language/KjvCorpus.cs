using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;

namespace Butterfly.Samples.Language;

/// <summary>
/// The King James Bible as next-word samples. A word is a run of letters, lower-cased, with one inner apostrophe
/// (<c>lord's</c>); every 20th verse (the 20th, 40th, ...) is held out for testing. The vocabulary is every word of the
/// training verses, most frequent first, after two markers: <see cref="VerseEnd"/>, predicted after a verse's last word,
/// and <see cref="Unknown"/>, which test words outside the vocabulary become (and, to train it, every second word that the
/// training verses hold only once). A sample is the <see cref="Context"/> tokens
/// before a position (a verse starts with verse-end markers as its context) and the token there.
/// </summary>
internal sealed partial class KjvCorpus
{
    /// <summary>Tokens of context per sample.</summary>
    public const int Context = 4;

    /// <summary>The vocabulary this text gives, markers included; the networks are declared with it.</summary>
    public const int VocabularySize = 12559;

    /// <summary>The verse-end marker's id.</summary>
    public const int VerseEnd = 0;

    /// <summary>The unknown-word marker's id.</summary>
    public const int Unknown = 1;

    /// <summary>Context ids told apart in <see cref="ContextFeatures"/>: ids are in order of frequency, so the first ones, and one share for the rest.</summary>
    public const int FrequentContexts = 256;

    /// <summary>Floats per id in <see cref="ContextFeatures"/>: the two preceding words' shares.</summary>
    public const int ContextFeatureLength = 2 * FrequentContexts;

    private KjvCorpus(string[] words, long[] counts, Samples train, Samples test, int unknownTestWords)
    {
        Words = words;
        Counts = counts;
        Train = train;
        Test = test;
        UnknownTestWords = unknownTestWords;
    }

    /// <summary>Each id's text (the markers as <c>&lt;/v&gt;</c> and <c>&lt;unk&gt;</c>).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>How often each id is a training target: the hierarchical softmax's tree keeps the frequent ones near its root.</summary>
    public long[] Counts { get; }

    public Samples Train { get; }

    public Samples Test { get; }

    /// <summary>Test positions whose word is not in the vocabulary.</summary>
    public int UnknownTestWords { get; }

    /// <summary>The directory holding <c>data/kjv/kjv.txt.gz</c>, searched upward from <paramref name="start"/>.</summary>
    public static string? FindDataDirectory(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "data", "kjv");
            if (File.Exists(Path.Combine(candidate, "kjv.txt.gz")))
            {
                return candidate;
            }
        }

        return null;
    }

    public static KjvCorpus Load(string directory)
    {
        string[] lines;
        using (var stream = new GZipStream(File.OpenRead(Path.Combine(directory, "kjv.txt.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(stream))
        {
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        // "Ge1:1 In the beginning ...": the reference before the first space is not text.
        var verses = lines.Select(line => WordPattern().Matches(line[(line.IndexOf(' ') + 1)..].ToLowerInvariant()).Select(m => m.Value).ToArray()).ToArray();
        static bool HeldOut(int verse) => verse % 20 == 19;

        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int v = 0; v < verses.Length; v++)
        {
            if (!HeldOut(v))
            {
                foreach (string word in verses[v])
                {
                    frequency[word] = frequency.GetValueOrDefault(word) + 1;
                }
            }
        }

        var words = new[] { "</v>", "<unk>" }
            .Concat(frequency.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key))
            .ToArray();
        if (words.Length != VocabularySize)
        {
            throw new InvalidDataException($"The training verses give a vocabulary of {words.Length} ids, but the networks are declared for {VocabularySize}: is data/kjv the committed text?");
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 2; i < words.Length; i++)
        {
            ids[words[i]] = i;
        }

        // The unknown-word marker learns from words seen once in training: every second of them, in order of appearance, is
        // read as <unk> there (it stays in the vocabulary, as a class the training text never asks for). Without that the
        // marker is never a target, and the few unknown test words would cost the models whatever the untrained class gets.
        var standIns = new HashSet<string>(StringComparer.Ordinal);
        int once = 0;
        for (int v = 0; v < verses.Length; v++)
        {
            if (!HeldOut(v))
            {
                foreach (string word in verses[v])
                {
                    if (frequency[word] == 1 && once++ % 2 == 1)
                    {
                        standIns.Add(word);
                    }
                }
            }
        }

        var counts = new long[words.Length];
        var (trainContexts, trainTargets, testContexts, testTargets) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
        int unknown = 0;
        Span<int> context = stackalloc int[Context];
        for (int v = 0; v < verses.Length; v++)
        {
            var (contexts, targets) = HeldOut(v) ? (testContexts, testTargets) : (trainContexts, trainTargets);
            context.Fill(VerseEnd);
            for (int i = 0; i <= verses[v].Length; i++)
            {
                int target = i == verses[v].Length ? VerseEnd
                    : !HeldOut(v) && standIns.Contains(verses[v][i]) ? Unknown
                    : ids.GetValueOrDefault(verses[v][i], Unknown);
                unknown += HeldOut(v) && target == Unknown ? 1 : 0;
                foreach (int id in context)
                {
                    contexts.Add(id);
                }

                targets.Add(target);
                if (!HeldOut(v))
                {
                    counts[target]++;
                }

                context[1..].CopyTo(context);
                context[^1] = target;
            }
        }

        var train = new Samples(trainContexts.ToArray(), trainTargets.ToArray());
        var test = new Samples(testContexts.ToArray(), testTargets.ToArray());
        return new KjvCorpus(words, counts, train, test, unknown);
    }

    /// <summary>
    /// For each id, how the words before it are distributed in the training text: for the word just before and the one
    /// before that, the share of each of the <see cref="FrequentContexts"/> − 1 most frequent ids and of all the others
    /// together, each share's square root (so that Euclidean distance between two rows is the Hellinger distance of the
    /// distributions). Ids that follow alike get near rows: <see cref="ClassTree.Clustered"/> builds the tree from them.
    /// </summary>
    /// <returns><see cref="VocabularySize"/> rows of <see cref="ContextFeatureLength"/> floats.</returns>
    public float[] ContextFeatures()
    {
        var features = new float[VocabularySize * ContextFeatureLength];
        for (int s = 0; s < Train.Count; s++)
        {
            int row = Train.Targets[s] * ContextFeatureLength;
            for (int back = 1; back <= 2; back++)
            {
                int id = Train.Contexts[s * Context + Context - back];
                features[row + (back - 1) * FrequentContexts + Math.Min(id, FrequentContexts - 1)]++;
            }
        }

        for (int id = 0; id < VocabularySize; id++)
        {
            var row = features.AsSpan(id * ContextFeatureLength, ContextFeatureLength);
            float total = Counts[id];
            for (int i = 0; total > 0 && i < row.Length; i++)
            {
                row[i] = MathF.Sqrt(row[i] / total);
            }
        }

        return features;
    }

    [GeneratedRegex("[a-z]+(?:'[a-z]+)?")]
    private static partial Regex WordPattern();

    /// <summary>Contexts (<see cref="Context"/> ids each, one after another) and the next-token targets.</summary>
    internal sealed record Samples(int[] Contexts, int[] Targets)
    {
        public int Count => Targets.Length;
    }
}
