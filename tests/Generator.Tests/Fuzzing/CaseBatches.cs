using System.Collections.Generic;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// Packs cases into compilations, first fit in index order, so that the cases in one compilation are independent of
/// each other (see <see cref="ParsedCase"/>) and every diagnostic and generated file can be pinned on one case.
/// </summary>
internal static class CaseBatches
{
    public static List<List<ParsedCase>> Pack(IEnumerable<ParsedCase> cases, int maxCases)
    {
        var batches = new List<List<ParsedCase>>();
        foreach (var candidate in cases)
        {
            var batch = batches.FirstOrDefault(b => b.Count < maxCases && b.All(c => c.IsIndependentOf(candidate)));
            if (batch is null)
            {
                batch = [];
                batches.Add(batch);
            }

            batch.Add(candidate);
        }

        return batches;
    }
}
