using System;

namespace Butterfly.Kernels;

/// <summary>
/// A <see cref="GemmProblem"/> split by columns between threads: piece <c>t</c> of <c>T</c> takes panels
/// [t·P/T, (t+1)·P/T) of the P column panels, so each element is computed whole by one thread.
/// </summary>
internal sealed class GemmJob : ParallelJob
{
    [ThreadStatic]
    private static GemmJob? t_job;

    public GemmProblem Problem;

    /// <summary>Whether the dot tiles (<see cref="GemmDot"/>) compute it rather than the packed kernel.</summary>
    public bool Dot;

    /// <summary>
    /// Whether it is a product over one step (k ≤ 1), split by rows instead: the rows of a batch-1 weight gradient,
    /// so that each thread writes the same part of the gradient buffer as its chunk of the optimizer update reads.
    /// </summary>
    public bool Outer;

    /// <summary>The calling thread's job, made once and refilled for every product.</summary>
    public static GemmJob ForThisThread => t_job ??= new GemmJob();

    /// <summary>Columns per panel: a thread's share is a whole number of panels.</summary>
    public int PanelWidth => Dot ? GemmDot.GroupWidth : GemmBlocked.PanelWidth;

    public override void Run(int part, int parts)
    {
        if (Outer)
        {
            Gemm.OuterProduct(Problem, (int)((long)Problem.M * part / parts), (int)((long)Problem.M * (part + 1) / parts));
            return;
        }

        int width = PanelWidth;
        int panels = (Problem.N + width - 1) / width;
        int j0 = Math.Min(Problem.N, (int)((long)panels * part / parts) * width);
        int j1 = Math.Min(Problem.N, (int)((long)panels * (part + 1) / parts) * width);
        if (j0 >= j1)
        {
            return;
        }

        if (Dot)
        {
            GemmDot.Run(Problem, j0, j1);
        }
        else
        {
            GemmBlocked.Run(Problem, j0, j1);
        }
    }
}
