using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// The window attributes Conv and the pooling operators share (<c>kernel_shape</c>, <c>strides</c>, <c>pads</c>,
/// <c>auto_pad</c>, <c>dilations</c>), read for two-dimensional windows: the kernel and stride along each axis and the
/// explicit padding on each side that <c>auto_pad</c> stands for.
/// </summary>
internal readonly record struct Window(
    int KernelHeight, int KernelWidth, int StrideHeight, int StrideWidth, int PadTop, int PadLeft, int PadBottom, int PadRight)
{
    /// <summary>A square kernel, one stride and the same padding on every side: what the pooling layers take.</summary>
    public bool IsSquareSymmetric =>
        KernelHeight == KernelWidth && StrideHeight == StrideWidth && PadLeft == PadTop && PadBottom == PadTop && PadRight == PadTop;

    public static Window Read(ImportContext context, Activation input, long[] kernelShape)
    {
        if (kernelShape.Length != 2)
        {
            throw context.Reject($"a kernel of rank {kernelShape.Length}", "two-dimensional windows over [N, C, H, W]");
        }

        if (kernelShape.Any(k => k <= 0 || k > int.MaxValue))
        {
            throw context.Reject($"the kernel [{string.Join(", ", kernelShape)}]", "positive kernel sides");
        }

        long[] strides = context.Ints("strides") ?? [1, 1];
        if (strides.Length != 2 || strides.Any(s => s <= 0 || s > int.MaxValue))
        {
            throw context.Reject($"strides [{string.Join(", ", strides)}]", "a positive stride along each of the two axes");
        }

        long[] dilations = context.Ints("dilations") ?? [1, 1];
        if (dilations.Any(d => d != 1))
        {
            throw context.Reject($"dilations [{string.Join(", ", dilations)}]", "dilations of 1");
        }

        string autoPad = context.Text("auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad)
        {
            case "NOTSET":
                pads = context.Ints("pads") ?? [0, 0, 0, 0];
                if (pads.Length != 4 || pads.Any(p => p < 0 || p > int.MaxValue))
                {
                    throw context.Reject($"pads [{string.Join(", ", pads)}]", "four non-negative pads (top, left, bottom, right)");
                }

                break;
            case "VALID":
                pads = [0, 0, 0, 0];
                break;
            case "SAME_UPPER" or "SAME_LOWER":
                // The output is ceil(size / stride); the padding that takes, (out - 1) s + k - size, is split in two with
                // the odd one out at the end (UPPER) or at the start (LOWER). ONNX's pads are [top, left, bottom, right].
                pads = new long[4];
                for (int a = 0; a < 2; a++)
                {
                    long size = input.Shape[1 + a], stride = strides[a], output = (size + stride - 1) / stride;
                    long total = System.Math.Max(((output - 1) * stride) + kernelShape[a] - size, 0);
                    pads[autoPad == "SAME_UPPER" ? a : a + 2] = total / 2;
                    pads[autoPad == "SAME_UPPER" ? a + 2 : a] = total - (total / 2);
                }

                break;
            default:
                throw context.Reject($"auto_pad = \"{autoPad}\"", "NOTSET, VALID, SAME_UPPER and SAME_LOWER");
        }

        return new Window(
            (int)kernelShape[0], (int)kernelShape[1], (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
    }
}
