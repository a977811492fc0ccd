using System;
using Butterfly.Kernels;

namespace Butterfly.Runtime.Tests.Kernels;

/// <summary>
/// ReLU and its backward rule on arrays large enough to be split between threads: every thread count gives the
/// element-wise formula's bits, whatever the array's length modulo the split's block and vector sizes.
/// </summary>
[Collection(KernelSettingsCollection.Name)]
public sealed class ActivationSplitTests
{
    [Theory]
    [InlineData(1, 300_000)]
    [InlineData(2, 300_000)]
    [InlineData(3, 300_001)]
    [InlineData(8, 299_999)]
    [InlineData(2, 17)]
    [InlineData(2, 0)]
    public void ReLU_and_its_backward_rule_match_the_formula_on_every_thread_count(int threads, int length)
    {
        using var scope = KernelPaths.Threads(threads);
        var random = new Random(length);
        var x = new float[length];
        var dy = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = random.Next(6) switch { 0 => 0f, 1 => -0f, 2 => float.NaN, _ => (float)(random.NextDouble() * 2 - 1) };
            dy[i] = (float)(random.NextDouble() * 2 - 1);
        }

        var y = new float[length];
        var dx = new float[length];
        y.AsSpan().Fill(12345f);
        dx.AsSpan().Fill(12345f);
        Activations.ReLU(x, y);
        Activations.ReLUBackward(y, dy, dx);
        for (int i = 0; i < length; i++)
        {
            float expected = float.IsNaN(x[i]) ? x[i] : MathF.Max(x[i], 0f);
            Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[i]) || (float.IsNaN(expected) && float.IsNaN(y[i])), $"y[{i}] = {y[i]}, expected {expected}.");
            Assert.Equal(y[i] > 0f ? dy[i] : 0f, dx[i]);
        }
    }
}
