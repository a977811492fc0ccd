using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>The matrix-vector product against the scalar reference on each path, and against a batch-1 GEMM.</summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class GemvTests
{
    public static TheoryData<string> Paths => KernelPaths.All();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Matches_the_scalar_reference_and_the_batched_forward(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new Random(5);
        foreach (var (n, k) in new[] { (1, 1), (1, 17), (3, 8), (7, 9), (8, 16), (10, 100), (13, 31), (100, 784), (129, 257) })
        {
            var w = ReferenceGemm.Random(random, n * k);
            var x = ReferenceGemm.Random(random, k);
            var bias = ReferenceGemm.Random(random, n);
            var y = new float[n];
            Gemv.MultiplyAddBias(w, x, bias, y, n, k);
            var expected = ReferenceGemm.Multiply((_, p) => x[p], (p, j) => w[j * k + p], (_, j) => bias[j], 1, n, k);
            ReferenceGemm.AssertClose(expected, y, $"{path} Gemv {n}x{k}");

            // Predict and a batch of one through Forward give the same bits.
            var batched = new float[n];
            Gemm.ABtAddBias(x, w, bias, batched, 1, n, k);
            if (path != SimdPath.VectorT)
            {
                Assert.True(y.AsSpan().SequenceEqual(batched), $"{path} Gemv {n}x{k} differs from the batch-1 GEMM.");
            }
        }
    }
}
