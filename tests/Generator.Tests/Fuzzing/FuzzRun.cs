using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// A whole fuzz run: builds the cases, packs them into compilations of up to <see cref="BatchSize"/> independent
/// cases, runs the batches in parallel, and compiles alone every case of a batch that could not be judged case by case.
/// </summary>
internal static class FuzzRun
{
    public const int BatchSize = 48;

    public static FuzzReport Execute(int seed, IReadOnlyList<int> caseIndexes, Func<ISourceGenerator> createGenerator)
    {
        var clock = Stopwatch.StartNew();
        var cases = caseIndexes.AsParallel().AsOrdered().Select(i => new ParsedCase(DeclarationFactory.Create(seed, i))).ToList();
        var batches = cases.Chunk(BatchSize).SelectMany(chunk => CaseBatches.Pack(chunk, BatchSize)).ToList();

        var outcomes = new ConcurrentBag<CaseOutcome>();
        int compilations = 0;
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            Interlocked.Increment(ref compilations);
            var judged = FuzzCompilation.Run(batch, createGenerator());
            if (judged is null)
            {
                judged = batch.SelectMany(fuzzCase => FuzzCompilation.Run([fuzzCase], createGenerator())!).ToList();
                Interlocked.Add(ref compilations, batch.Count);
            }

            foreach (var outcome in judged)
            {
                outcomes.Add(outcome);
            }
        });

        return new FuzzReport(seed, outcomes.OrderBy(o => o.Case.Case.Index).ToList(), compilations, clock.Elapsed);
    }
}
