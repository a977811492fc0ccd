using System.Runtime.Intrinsics.X86;

namespace Butterfly.Runtime.Tests.Quantization;

/// <summary>A test of one instruction-set path, skipped with the reason when this CPU lacks the instructions.</summary>
public sealed class CpuFactAttribute : FactAttribute
{
    public CpuFactAttribute(string instructionSet)
    {
        bool supported = instructionSet switch
        {
            nameof(AvxVnni) => AvxVnni.IsSupported,
            nameof(Avx512BW) => Avx512BW.IsSupported,
            nameof(Avx2) => Avx2.IsSupported,
            _ => false,
        };
        if (!supported)
        {
            Skip = $"This CPU (or the runtime's configuration) has no {instructionSet}, so its int8 path cannot run here.";
        }
    }
}
