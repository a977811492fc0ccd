using System;
using System.Diagnostics;
using System.Threading;

namespace Butterfly.Kernels;

/// <summary>
/// How fast each piece of a repeated split ran, relative to piece 0, so that the next split hands out work in proportion:
/// on a shared host one vCPU is often slower than the other for seconds at a time (on the 2-vCPU Zen 5 host, the same
/// one-thread product ran 15-20% slower on one of them), and hybrid CPUs have cores of two speeds; with equal pieces the
/// faster thread then waits for the slower at the end of every run. Piece 0 is the calling thread's and piece <c>t</c>
/// mostly worker <c>t</c>'s. Only where the pieces start changes: what each unit computes does not, so the bits do not.
/// </summary>
internal sealed class PieceSpeeds
{
    private const int MostParts = 8;

    /// <summary>How much of the last run's speed ratio a new estimate takes.</summary>
    private const double Weight = 0.3;

    private readonly double[] _relative = [1, 1, 1, 1, 1, 1, 1, 1];
    private readonly long[] _ticks = new long[MostParts];
    private readonly int[] _units = new int[MostParts];
    private readonly int[] _threads = new int[MostParts];
    private readonly int[] _first = new int[MostParts + 1];

    /// <summary>
    /// Runs <paramref name="job"/> on the shared pool in <paramref name="parts"/> pieces over <paramref name="units"/>,
    /// sized by the speeds learnt so far, and learns from this run. Each piece reads its range with <see cref="First"/>
    /// and reports its time with <see cref="Ran"/>.
    /// </summary>
    public void Run(ParallelJob job, int units, int parts)
    {
        Split(units, parts);
        WorkerPool.Shared.Run(job, parts);
        Learn(parts);
    }

    /// <summary>Splits <paramref name="units"/> into <paramref name="parts"/> ranges in proportion to the pieces' speeds; read them with <see cref="First"/>.</summary>
    public void Split(int units, int parts)
    {
        double total = 0;
        for (int p = 0; p < parts; p++)
        {
            total += Relative(p, parts);
        }

        double sum = 0;
        _first[0] = 0;
        for (int p = 0; p < parts; p++)
        {
            sum += Relative(p, parts);
            _first[p + 1] = p == parts - 1 ? units : Math.Clamp((int)Math.Round(units * sum / total), _first[p], units);
            _ticks[p] = 0;
            _units[p] = _first[p + 1] - _first[p];
        }
    }

    /// <summary>The first unit of piece <paramref name="part"/> (<c>First(parts)</c> is the unit count).</summary>
    public int First(int part) => _first[part];

    /// <summary>Records that piece <paramref name="part"/> ran from <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp) until now.</summary>
    public void Ran(int part, long start)
    {
        if (part < MostParts)
        {
            _ticks[part] = Stopwatch.GetTimestamp() - start;
            _threads[part] = Environment.CurrentManagedThreadId;
        }
    }

    /// <summary>After a run: each piece's speed against piece 0's, unless one thread ran two pieces (a worker was away).</summary>
    public void Learn(int parts)
    {
        if (parts > MostParts || _ticks[0] <= 0 || _units[0] == 0)
        {
            return;
        }

        double speed0 = _units[0] / (double)_ticks[0];
        for (int p = 1; p < parts; p++)
        {
            if (_threads[p] == _threads[0] || _ticks[p] <= 0 || _units[p] == 0)
            {
                return;
            }
        }

        for (int p = 1; p < parts; p++)
        {
            double ratio = Math.Clamp(_units[p] / (double)_ticks[p] / speed0, 0.25, 4);
            _relative[p] = (1 - Weight) * _relative[p] + Weight * ratio;
        }
    }

    private double Relative(int part, int parts) => parts > MostParts || part == 0 ? 1 : _relative[part];
}
