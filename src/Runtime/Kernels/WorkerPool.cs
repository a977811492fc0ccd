using System;
using System.Diagnostics;
using System.Threading;

namespace Butterfly.Kernels;

/// <summary>
/// Work that splits into <c>parts</c> independent pieces. A kernel keeps one instance per calling thread and
/// refills its fields before each run, so running it allocates nothing.
/// </summary>
internal abstract class ParallelJob
{
    /// <summary>Runs piece <paramref name="part"/> of <paramref name="parts"/>.</summary>
    public abstract void Run(int part, int parts);
}

/// <summary>
/// A few persistent threads that help run the pieces of one <see cref="ParallelJob"/> at a time. The calling
/// thread runs piece 0 and then claims pieces like any worker, so a worker that is asleep or descheduled delays
/// nothing: its pieces are taken by whoever is free. Which thread runs a piece never changes what the piece
/// computes, so results depend only on the number of pieces. Unlike <c>Parallel.For</c>, a run allocates nothing.
/// </summary>
/// <remarks>
/// An idle worker spins for a short while (the kernels of one training step come close together), then polls with
/// 1 ms sleeps, then blocks on an event. Only the last stage needs a wake-up signal, and signalling a waiting thread
/// allocates a little on Unix, so it happens only after the pool has idled for <see cref="s_pollTicks"/>. When the
/// pool is busy with another caller's job, or is called from inside a job, the pieces run one after another on
/// the calling thread.
/// </remarks>
internal sealed class WorkerPool
{
    private static readonly long s_spinTicks = Stopwatch.Frequency / 5000;
    private static readonly long s_pollTicks = Stopwatch.Frequency / 20;

    private readonly AutoResetEvent[] _wakeUps;
    private readonly int[] _blocked;
    private Thread[] _threads = [];

    // 1 while a job is out; a compare-exchange, not Monitor.TryEnter, which allocates on .NET 10.
    private int _busy;
    private ParallelJob? _job;
    private int _parts;

    // The job's generation in the high half, the next unclaimed piece in the low half: a claim is one
    // compare-exchange that fails if the job it read about has since been replaced.
    private long _ticket;
    private int _finished;

    private WorkerPool()
    {
        int most = Environment.ProcessorCount * 4;
        _wakeUps = new AutoResetEvent[most];
        _blocked = new int[most];
    }

    /// <summary>The pool the kernels share.</summary>
    public static WorkerPool Shared { get; } = new();

    /// <summary>Runs <paramref name="job"/> in <paramref name="parts"/> pieces and returns when all have finished.</summary>
    public void Run(ParallelJob job, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int part = 0; part < Math.Max(parts, 1); part++)
            {
                job.Run(part, parts);
            }

            return;
        }

        try
        {
            EnsureWorkers(parts - 1);
            _job = job;
            _parts = parts;
            Volatile.Write(ref _finished, 0);
            long generation = (Volatile.Read(ref _ticket) >> 32) + 1;
            Interlocked.Exchange(ref _ticket, (generation << 32) | 1);
            for (int i = 0; i < _threads.Length; i++)
            {
                if (Interlocked.Exchange(ref _blocked[i], 0) == 1)
                {
                    _wakeUps[i].Set();
                }
            }

            job.Run(0, parts);
            Interlocked.Increment(ref _finished);
            RunClaimedParts();
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _finished) < parts)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        finally
        {
            _job = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Claims and runs pieces of the current job until none is left.</summary>
    private void RunClaimedParts()
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            var job = _job;
            int parts = _parts;
            int part = (int)ticket;
            if (job is null || part >= parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket)
            {
                continue;
            }

            job.Run(part, parts);
            Interlocked.Increment(ref _finished);
        }
    }

    private void EnsureWorkers(int count)
    {
        count = Math.Min(count, _wakeUps.Length);
        if (_threads.Length >= count)
        {
            return;
        }

        var threads = new Thread[count];
        Array.Copy(_threads, threads, _threads.Length);
        for (int i = _threads.Length; i < count; i++)
        {
            int index = i;
            _wakeUps[i] = new AutoResetEvent(false);
            threads[i] = new Thread(() => WorkLoop(index)) { IsBackground = true, Name = $"Butterfly worker {index + 1}" };
            threads[i].Start();
        }

        _threads = threads;
    }

    private void WorkLoop(int index)
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForJob(index, seen);
            RunClaimedParts();
        }
    }

    /// <summary>Waits until a job newer than generation <paramref name="seen"/> is out; returns its generation.</summary>
    private long WaitForJob(int index, long seen)
    {
        long idleSince = Stopwatch.GetTimestamp();
        int spins = 0;
        while (true)
        {
            long generation = Volatile.Read(ref _ticket) >> 32;
            if (generation != seen)
            {
                return generation;
            }

            if ((++spins & 63) != 0)
            {
                Thread.SpinWait(8);
                continue;
            }

            long idle = Stopwatch.GetTimestamp() - idleSince;
            if (idle < s_spinTicks)
            {
                Thread.SpinWait(8);
            }
            else if (idle < s_pollTicks)
            {
                Thread.Sleep(1);
            }
            else
            {
                // Dekker-style: the worker raises its flag before it reads the generation again, and the
                // dispatcher publishes the generation before it reads the flags, so one of the two sees the
                // other. A wake-up left over from a race only costs one more look at the generation.
                Interlocked.Exchange(ref _blocked[index], 1);
                if (Volatile.Read(ref _ticket) >> 32 == seen)
                {
                    _wakeUps[index].WaitOne();
                }
                else
                {
                    Interlocked.Exchange(ref _blocked[index], 0);
                }

                idleSince = Stopwatch.GetTimestamp();
            }
        }
    }
}
