using System;

namespace Butterfly.Kernels;

/// <summary>
/// A memory-bound kernel over independent units (blocks of elements, or planes) split between threads in contiguous
/// ranges: piece <c>t</c> of <c>T</c> takes units [t·n/T, (t+1)·n/T). Each unit is computed the same way whatever the
/// split, so results never depend on the thread count. Small calls run on the calling thread alone.
/// </summary>
internal sealed unsafe class SplitJob : ParallelJob
{
    /// <summary>Floats a piece must touch before handing it to another thread saves more than it costs.</summary>
    private const int MinimumFloats = 1 << 15;

    [ThreadStatic]
    private static SplitJob? t_job;

    private delegate*<SplitJob, int, int, void> _body;
    private int _units;

    /// <summary>The operands, as the body reads them.</summary>
    public float* A, B, C, D;

    /// <summary>Shape values for the body (a plane's height and width, say).</summary>
    public int Height, Width;

    /// <summary>
    /// Runs <paramref name="body"/> over units [0, <paramref name="units"/>), in ranges split between threads when the
    /// call touches enough memory (<paramref name="floatsPerUnit"/> each) to pay for it.
    /// </summary>
    public static void Run(
        delegate*<SplitJob, int, int, void> body, int units, long floatsPerUnit, float* a, float* b, float* c, int height = 0, int width = 0, float* d = null)
    {
        if (units == 0)
        {
            return;
        }

        var job = t_job ??= new SplitJob();
        job._body = body;
        job.A = a;
        job.B = b;
        job.C = c;
        job.D = d;
        (job._units, job.Height, job.Width) = (units, height, width);
        int parts = (int)Math.Min(Math.Min(Parallelism.ThreadCount, units), Math.Max(1, units * floatsPerUnit / MinimumFloats));
        WorkerPool.Shared.Run(job, parts);
    }

    /// <summary>
    /// Runs an element-wise <paramref name="body"/> over <paramref name="length"/> floats of each operand, in blocks of
    /// <see cref="Block"/> (the body takes its range of floats from <see cref="Floats"/>); <paramref name="operands"/> is
    /// how many arrays it touches, which decides whether splitting pays.
    /// </summary>
    public static void RunElementwise(delegate*<SplitJob, int, int, void> body, int length, int operands, float* a, float* b, float* c, float* d = null) =>
        Run(body, (length + Block - 1) / Block, (long)operands * Block, a, b, c, width: length, d: d);

    /// <summary>The floats of blocks [<paramref name="from"/>, <paramref name="to"/>) of a <see cref="RunElementwise"/> job.</summary>
    public (int Start, int Length) Floats(int from, int to)
    {
        int start = from * Block;
        return (start, Math.Min(to * Block, Width) - start);
    }

    /// <summary>Floats per unit of an element-wise job.</summary>
    private const int Block = 256;

    public override void Run(int part, int parts)
    {
        int from = (int)((long)_units * part / parts), to = (int)((long)_units * (part + 1) / parts);
        if (from < to)
        {
            _body(this, from, to);
        }
    }
}
