namespace Butterfly.Bench.Quick;

/// <summary>
/// One row of the quick table. A workload sets itself up once, then runs rounds; the runner times many rounds and
/// turns the median seconds per round into the row's value. To add a row, derive from this class and list the new
/// class in <see cref="QuickBench.Workloads"/>.
/// </summary>
internal abstract class QuickWorkload
{
    /// <summary>The row id, such as <c>W1</c>.</summary>
    public abstract string Id { get; }

    /// <summary>What the row measures, in words.</summary>
    public abstract string Description { get; }

    /// <summary>The unit of <see cref="ValueOf"/>: <c>us/sample</c>, <c>samples/s</c> or <c>GFLOP/s</c>.</summary>
    public abstract string Unit { get; }

    /// <summary>Rounds per timed run, chosen so that one run takes tens of milliseconds.</summary>
    public abstract int RoundsPerRun { get; }

    /// <summary>
    /// How many threads a round keeps busy, for the CPU-time estimate printed beside the table: 1 for work below the
    /// kernels' threading thresholds, <see cref="Parallelism.ThreadCount"/> for work split between threads.
    /// </summary>
    public virtual int BusyThreads => 1;

    /// <summary>The id of the row this one is compared with, if any: the two are timed one after the other, and the ratio of their medians printed.</summary>
    public virtual string? ComparedWith => null;

    /// <summary>Builds the network, data and buffers. Called once, before warm-up.</summary>
    public abstract void Setup();

    /// <summary>One round: one operation of the workload (a prediction, a training step, a product).</summary>
    public abstract void Round();

    /// <summary>The row's value from the median time of one round.</summary>
    public abstract double ValueOf(double secondsPerRound);

    /// <summary>
    /// What the value means on this machine, for the table's last column: a share of the FMA peak, a distance from a
    /// bandwidth floor. Empty by default.
    /// </summary>
    public virtual string Note(double value, Machine machine) => "";

    /// <summary>Releases what <see cref="Setup"/> made (native sessions, for example).</summary>
    public virtual void Cleanup()
    {
    }
}
