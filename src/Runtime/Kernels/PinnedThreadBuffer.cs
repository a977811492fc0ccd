using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Butterfly.Kernels;

/// <summary>
/// Per-thread scratch that a kernel addresses by pointer across calls of its own: allocated on the pinned object heap,
/// so the pointer stays valid without a <c>fixed</c> block; made on first use, grown when a call needs more, then reused.
/// </summary>
internal static unsafe class PinnedThreadBuffer
{
    /// <summary>The start of <paramref name="slot"/>, after growing it to at least <paramref name="length"/> floats.</summary>
    public static float* Get(ref float[]? slot, int length)
    {
        if (slot is null || slot.Length < length)
        {
            slot = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }

        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slot));
    }
}
