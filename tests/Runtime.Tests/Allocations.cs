using System;

namespace Butterfly.Runtime.Tests;

/// <summary>Counting the calling thread's heap allocations.</summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="call"/> once to warm up, then <paramref name="calls"/> times, allocating nothing: in at least
    /// one of three such runs, so that every call of that run allocated nothing.
    /// </summary>
    /// <remarks>
    /// Now and then a run is charged a little under 8 KB that nothing in it allocates: a /tmp harness saw 7,888 or
    /// 8,168 B in about 1 of 80 runs of twenty training steps, with one thread, with tiered compilation off and with no
    /// collection counted during the run. That is 8 KB (an allocation context) less its used part, which points at the
    /// runtime's accounting rather than at an allocation; no kernel allocates those sizes. A call that does allocate
    /// shows up in every run, so it still fails.
    /// </remarks>
    public static void AssertNone(Action call, int calls)
    {
        call();
        AssertNoneInOneOfThree(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++)
            {
                call();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
    }

    /// <summary>
    /// Runs <paramref name="run"/>, which returns the bytes this thread allocated in the part it measures, up to three
    /// times, and asserts that one of the runs allocated nothing.
    /// </summary>
    public static void AssertNoneInOneOfThree(Func<long> run)
    {
        long allocated = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            allocated = run();
            if (allocated == 0)
            {
                return;
            }
        }

        Assert.Equal(0, allocated);
    }
}
