using System.Linq;

namespace Butterfly.Generator.Onnx.Operators;

/// <summary>
/// The window attributes Conv and the pooling operators share (<c>kernel_shape</c>, <c>strides</c>, <c>pads</c>,
/// <c>auto_pad</c>, <c>dilations</c>), reduced to what Butterfly's layers take: one square kernel, one stride, and the
/// same padding on every side.
/// </summary>
internal readonly record struct Window(int Kernel, int Stride, int Padding)
{
    public static Window Read(ImportContext context, Activation input, long[] kernelShape)
    {
        if (kernelShape.Length != 2)
        {
            throw context.Reject($"a kernel of rank {kernelShape.Length}", "two-dimensional windows over [N, C, H, W]");
        }

        if (kernelShape[0] != kernelShape[1])
        {
            throw context.Reject($"the kernel {kernelShape[0]}×{kernelShape[1]}", "square kernels");
        }

        long[] strides = context.Ints("strides") ?? [1, 1];
        if (strides.Length != 2 || strides[0] != strides[1] || strides[0] <= 0)
        {
            throw context.Reject($"strides [{string.Join(", ", strides)}]", "the same positive stride along both axes");
        }

        long[] dilations = context.Ints("dilations") ?? [1, 1];
        if (dilations.Any(d => d != 1))
        {
            throw context.Reject($"dilations [{string.Join(", ", dilations)}]", "dilations of 1");
        }

        int kernel = (int)kernelShape[0], stride = (int)strides[0];
        string autoPad = context.Text("auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad)
        {
            case "NOTSET":
                pads = context.Ints("pads") ?? [0, 0, 0, 0];
                break;
            case "VALID":
                pads = [0, 0, 0, 0];
                break;
            case "SAME_UPPER" or "SAME_LOWER":
                // The output is ceil(size / stride); the padding that takes is split, the odd one out at the end (UPPER) or start (LOWER).
                pads = new long[4];
                for (int a = 0; a < 2; a++)
                {
                    int size = input.Shape[1 + a], output = (size + stride - 1) / stride;
                    int total = System.Math.Max(((output - 1) * stride) + kernel - size, 0);
                    pads[autoPad == "SAME_UPPER" ? a : a + 2] = total / 2;
                    pads[autoPad == "SAME_UPPER" ? a + 2 : a] = total - (total / 2);
                }

                break;
            default:
                throw context.Reject($"auto_pad = \"{autoPad}\"", "NOTSET, VALID, SAME_UPPER and SAME_LOWER");
        }

        if (pads.Length != 4 || pads.Any(p => p != pads[0]))
        {
            throw context.Reject($"the padding [{string.Join(", ", pads)}] (begin, begin, end, end)", "the same padding on all four sides");
        }

        return new Window(kernel, stride, (int)pads[0]);
    }
}
