using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The parameter buffer starts on a 64-byte boundary whatever the allocator hands out, and behaves as a span.</summary>
public sealed unsafe class AlignedFloatsTests
{
    [Fact]
    public void Every_buffer_starts_on_a_64_byte_boundary_zeroed()
    {
        // Many sizes, so that the pinned arrays behind them land at many addresses.
        for (int length = 0; length < 200; length++)
        {
            var buffer = new AlignedFloats(length);
            Assert.Equal(length, buffer.Length);
            Assert.Equal(length, buffer.Span.Length);
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer.Span));
            Assert.True(length == 0 || address % 64 == 0, $"{length} floats start at {address:x}, not on a 64-byte boundary.");
            Assert.True(buffer.Span.IndexOfAnyExcept(0f) < 0);
        }
    }

    [Fact]
    public void Slices_and_conversions_see_the_same_floats()
    {
        var buffer = new AlignedFloats(10);
        buffer.Slice(3, 2).Fill(7f);
        Span<float> whole = buffer;
        ReadOnlySpan<float> readOnly = buffer;
        Assert.Equal(new float[] { 0, 0, 0, 7, 7, 0, 0, 0, 0, 0 }, whole.ToArray());
        Assert.Equal(7f, readOnly[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(9, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
    }
}
