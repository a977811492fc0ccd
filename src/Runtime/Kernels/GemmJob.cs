using System;

namespace Butterfly.Kernels;

/// <summary>
/// A <see cref="GemmProblem"/> for the dot tiles split by columns between threads: piece <c>t</c> of <c>T</c> takes
/// groups [t·G/T, (t+1)·G/T) of the G column groups, so each element is computed whole by one thread; or an outer
/// product split by rows. (The packed kernel splits its own work: <see cref="GemmBlocked"/>.)
/// </summary>
internal sealed class GemmJob : ParallelJob
{
    [ThreadStatic]
    private static GemmJob? t_job;

    public GemmProblem Problem;

    /// <summary>
    /// Whether it is a product over one step (k ≤ 1), split by rows instead: the rows of a batch-1 weight gradient,
    /// so that each thread writes the same part of the gradient buffer as its chunk of the optimizer update reads.
    /// </summary>
    public bool Outer;

    /// <summary>The calling thread's job, made once and refilled for every product.</summary>
    public static GemmJob ForThisThread => t_job ??= new GemmJob();

    public override void Run(int part, int parts)
    {
        if (Outer)
        {
            Gemm.OuterProduct(Problem, (int)((long)Problem.M * part / parts), (int)((long)Problem.M * (part + 1) / parts));
            return;
        }

        const int width = GemmDot.GroupWidth;
        int groups = (Problem.N + width - 1) / width;
        int j0 = Math.Min(Problem.N, (int)((long)groups * part / parts) * width);
        int j1 = Math.Min(Problem.N, (int)((long)groups * (part + 1) / parts) * width);
        if (j0 < j1)
        {
            GemmDot.Run(Problem, j0, j1);
        }
    }
}
