using System;
using System.Collections.Generic;
using System.Text;

namespace Butterfly.Generator.Tests.Harness;

/// <summary>
/// A line diff for failure messages: the lines only the expected text has (<c>-</c>) and the lines only the actual
/// text has (<c>+</c>), each with its line number, found by a longest common subsequence so that one inserted line
/// shows as one line and not as a shifted tail.
/// </summary>
internal static class LineDiff
{
    /// <summary>Past this many lines on either side, lines are compared by position only (quadratic table otherwise).</summary>
    private const int MaxAlignedLines = 4000;

    public static string Describe(string expected, string actual, int maxShown = 20)
    {
        var before = expected.Split('\n');
        var after = actual.Split('\n');
        var text = new StringBuilder();
        int shown = 0, hidden = 0;
        foreach (var (sign, number, line) in Differences(before, after))
        {
            if (shown == maxShown)
            {
                hidden++;
                continue;
            }

            text.Append(sign).Append(' ').Append(number.ToString().PadLeft(5)).Append(": ").Append(line).Append('\n');
            shown++;
        }

        if (hidden > 0)
        {
            text.Append($"... and {hidden} more differing lines\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(char Sign, int Number, string Line)> Differences(string[] before, string[] after)
    {
        if (before.Length > MaxAlignedLines || after.Length > MaxAlignedLines)
        {
            for (int i = 0; i < Math.Max(before.Length, after.Length); i++)
            {
                if (i >= before.Length || i >= after.Length || before[i] != after[i])
                {
                    if (i < before.Length)
                    {
                        yield return ('-', i + 1, before[i]);
                    }

                    if (i < after.Length)
                    {
                        yield return ('+', i + 1, after[i]);
                    }
                }
            }

            yield break;
        }

        // common[i, j]: length of the longest common subsequence of before[i..] and after[j..].
        var common = new int[before.Length + 1, after.Length + 1];
        for (int i = before.Length - 1; i >= 0; i--)
        {
            for (int j = after.Length - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int b = 0, a = 0;
        while (b < before.Length || a < after.Length)
        {
            if (b < before.Length && a < after.Length && before[b] == after[a])
            {
                b++;
                a++;
            }
            else if (a == after.Length || (b < before.Length && common[b + 1, a] >= common[b, a + 1]))
            {
                yield return ('-', b + 1, before[b]);
                b++;
            }
            else
            {
                yield return ('+', a + 1, after[a]);
                a++;
            }
        }
    }
}
