namespace Butterfly.Kernels;

/// <summary>
/// One product <c>C[M×N] = init + op(A)[M×K] · op(B)[K×N]</c> with the transpositions folded into strides:
/// <c>A(i, p) = A[i·ARow + p·AColumn]</c>, <c>B(p, j) = B[p·BRow + j·BColumn]</c>, <c>C(i, j) = C[i·Ldc + j]</c>.
/// <c>init</c> is C itself when <see cref="Accumulate"/>, else <see cref="Bias"/> on every row, else 0.
/// </summary>
internal unsafe struct GemmProblem
{
    public float* A;
    public nint ARow;
    public nint AColumn;
    public float* B;
    public nint BRow;
    public nint BColumn;
    public float* C;
    public nint Ldc;
    public float* Bias;
    public int M;
    public int N;
    public int K;
    public bool Accumulate;
}
