namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// Tests that force an instruction-set path or change <see cref="Parallelism.ThreadCount"/>: both are process-wide,
/// so these run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelSettingsCollection
{
    public const string Name = "Kernel settings";
}
