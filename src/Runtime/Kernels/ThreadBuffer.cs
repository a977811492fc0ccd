using System;

namespace Butterfly.Kernels;

/// <summary>Per-thread scratch a kernel keeps in a <c>[ThreadStatic]</c> field: made on first use, grown when a call needs more, then reused.</summary>
internal static class ThreadBuffer
{
    /// <summary>The first <paramref name="length"/> floats of <paramref name="slot"/>, after growing it if it is shorter.</summary>
    public static Span<float> Get(ref float[]? slot, int length)
    {
        if (slot is null || slot.Length < length)
        {
            slot = GC.AllocateUninitializedArray<float>(length);
        }

        return slot.AsSpan(0, length);
    }
}
