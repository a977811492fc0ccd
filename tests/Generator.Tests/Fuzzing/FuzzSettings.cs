using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>
/// What a fuzz run covers, from the environment: by default the first <see cref="DefaultCount"/> cases of
/// <see cref="DefaultSeed"/>, which the normal test command runs; <c>BUTTERFLY_FUZZ_COUNT</c> asks for more,
/// <c>BUTTERFLY_FUZZ_SEED</c> for other cases, and <c>BUTTERFLY_FUZZ_CASE</c> reruns one case alone;
/// <c>BUTTERFLY_FUZZ_REPORT</c> names a file to write every failure to (the test message shows the first few).
internal sealed record FuzzSettings(int Seed, IReadOnlyList<int> CaseIndexes, bool IsSingleCase, string? ReportPath)
{
    public const string CountVariable = "BUTTERFLY_FUZZ_COUNT";
    public const string SeedVariable = "BUTTERFLY_FUZZ_SEED";
    public const string CaseVariable = "BUTTERFLY_FUZZ_CASE";
    public const string ReportVariable = "BUTTERFLY_FUZZ_REPORT";

    public const int DefaultSeed = 20_251_001;

    /// <summary>Enough to touch every edit and layer kind a few times while keeping the normal test run short.</summary>
    public const int DefaultCount = 1_500;

    public static FuzzSettings FromEnvironment()
    {
        int seed = Read(SeedVariable) ?? DefaultSeed;
        string? report = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path ? path : null;
        if (Read(CaseVariable) is { } single)
        {
            return new FuzzSettings(seed, [single], IsSingleCase: true, report);
        }

        int count = Read(CountVariable) ?? DefaultCount;
        return new FuzzSettings(seed, Enumerable.Range(0, count).ToList(), IsSingleCase: false, report);
    }

    private static int? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}
