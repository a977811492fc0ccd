using System.Collections.Generic;

namespace Butterfly.Generator.Tests.Fuzzing;

/// <summary>What happened to one fuzz case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Failure">Why the generator broke on it, with everything needed to reproduce it; null when it did not.</param>
/// <param name="GeneratedCleanCode">Whether it produced code that compiled with no error and no warning.</param>
/// <param name="GeneratorErrors">The IDs of the generator's errors (BF...).</param>
/// <param name="CompilerErrors">The IDs of the compiler's errors in the case's own sources.</param>
/// <param name="CompiledLayers">The layer kinds in the signatures of the code it generated.</param>
internal sealed record CaseOutcome(
    ParsedCase Case,
    string? Failure,
    bool GeneratedCleanCode,
    IReadOnlyList<string> GeneratorErrors,
    IReadOnlyList<string> CompilerErrors,
    IReadOnlyList<string> CompiledLayers);
