namespace Butterfly.Runtime.Tests;

/// <summary>
/// The tests that count the calling thread's heap allocations. The worker pool is shared by the whole process:
/// while another test holds it, a kernel runs every piece inline and may grow a per-thread buffer or start a
/// worker the warm-up never needed. So these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCounting
{
    public const string Name = "Allocation counting";
}
