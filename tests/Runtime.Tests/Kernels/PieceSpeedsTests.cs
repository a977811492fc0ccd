using System.Diagnostics;
using System.Threading;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

public sealed class PieceSpeedsTests
{
    [Fact]
    public void Pieces_start_equal_and_cover_every_unit()
    {
        var speeds = new PieceSpeeds();
        speeds.Split(100, 3);
        Assert.Equal([0, 33, 67, 100], new[] { speeds.First(0), speeds.First(1), speeds.First(2), speeds.First(3) });
    }

    [Fact]
    public void A_slower_piece_gets_less_work_next_time()
    {
        var speeds = new PieceSpeeds();
        speeds.Split(100, 2);
        long tick = Stopwatch.Frequency / 100;
        speeds.Ran(0, Stopwatch.GetTimestamp() - tick);
        RanOnAnotherThread(speeds, 1, 2 * tick);
        speeds.Learn(2);
        speeds.Split(100, 2);

        // Half the speed, learnt with weight 0.3: piece 1 weighs about 0.85 against piece 0's 1, so it starts near 54.
        Assert.InRange(speeds.First(1), 53, 56);
        Assert.Equal(100, speeds.First(2));
    }

    [Fact]
    public void One_thread_running_every_piece_teaches_nothing()
    {
        var speeds = new PieceSpeeds();
        speeds.Split(100, 2);
        long tick = Stopwatch.Frequency / 100;
        speeds.Ran(0, Stopwatch.GetTimestamp() - tick);
        speeds.Ran(1, Stopwatch.GetTimestamp() - 4 * tick);
        speeds.Learn(2);
        speeds.Split(100, 2);
        Assert.Equal(50, speeds.First(1));
    }

    private static void RanOnAnotherThread(PieceSpeeds speeds, int part, long ticks)
    {
        var thread = new Thread(() => speeds.Ran(part, Stopwatch.GetTimestamp() - ticks));
        thread.Start();
        thread.Join();
    }
}
