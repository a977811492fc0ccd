using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// The matrix-vector product against the scalar reference on each path, against a batch-1 GEMM, and split between
/// Predict's threads.
/// </summary>
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

    [Theory]
    [MemberData(nameof(Paths))]
    public void Results_do_not_depend_on_where_the_operands_lie_in_memory(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        const int n = 5, k = 300;
        var random = new Random(11);
        var w = ReferenceGemm.Random(random, n * k);
        var x = ReferenceGemm.Random(random, k);
        var bias = ReferenceGemm.Random(random, n);
        float[]? first = null;
        // Every offset of the weights and the input within a 64-byte line (the 512-bit row kernel reads misaligned
        // weights through aligned loads and a permute, and copies a misaligned input).
        for (int offset = 0; offset < 16; offset++)
        {
            var wBuffer = new float[n * k + 16];
            var xBuffer = new float[k + 16];
            w.CopyTo(wBuffer, offset);
            x.CopyTo(xBuffer, 15 - offset);
            var y = new float[n];
            Gemv.MultiplyAddBias(wBuffer.AsSpan(offset, n * k), xBuffer.AsSpan(15 - offset, k), bias, y, n, k);
            first ??= y;
            Assert.True(first.AsSpan().SequenceEqual(y), $"{path}: weights at offset {offset} give other bits.");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Predict_threads_give_the_same_bits(string pathName)
    {
        var path = KernelPaths.Parse(pathName);
        if (path > Simd.Best)
        {
            return;
        }

        using var forced = Simd.Force(path);
        var random = new Random(13);
        // Above and below the split threshold (2^16 multiply-adds), with output counts that are not whole groups of 4.
        foreach (var (n, k) in new[] { (100, 784), (301, 300), (7, 10_000), (129, 257) })
        {
            var w = ReferenceGemm.Random(random, n * k);
            var x = ReferenceGemm.Random(random, k);
            var bias = ReferenceGemm.Random(random, n);
            var single = new float[n];
            Gemv.MultiplyAddBias(w, x, bias, single, n, k);
            foreach (int threads in new[] { 2, 3 })
            {
                using var scope = KernelPaths.PredictThreads(threads);
                var y = new float[n];
                Gemv.MultiplyAddBias(w, x, bias, y, n, k);
                Assert.True(single.AsSpan().SequenceEqual(y), $"{path} Gemv {n}x{k}: {threads} Predict threads differ from 1.");
            }
        }
    }

    [Fact]
    public void Predict_thread_count_out_of_range_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.PredictThreadCount = 0);
        Assert.Equal(nameof(Parallelism.PredictThreadCount), error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.PredictThreadCount = Environment.ProcessorCount * 4 + 1);
        Assert.Equal(1, Parallelism.PredictThreadCount);
    }
}
