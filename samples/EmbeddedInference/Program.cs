using System;
using System.Globalization;
using System.IO;
using System.Numerics.Tensors;
using Butterfly;
using Butterfly.Data;
using Butterfly.Samples.EmbeddedInference;

// Classifies MNIST test images with the weights compiled into this program (float32 and int8), with no instance, no
// heap and no workspace per prediction. Publish it with
//   dotnet publish samples/EmbeddedInference -c Release -r linux-x64 -p:PublishAot=true
// Options: --data DIR (default: data/mnist found by walking up from the current folder), --image N (classify test
// image N alone and exit).
string? data = null;
int? image = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length:
            data = args[++i];
            break;
        case "--image" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n):
            image = n;
            i++;
            break;
        default:
            Console.Error.WriteLine("usage: EmbeddedInference [--data DIR] [--image N]");
            return 2;
    }
}

data ??= Mnist.FindDataDirectory(Directory.GetCurrentDirectory());
if (data is null || !Directory.Exists(data))
{
    Console.Error.WriteLine("error: data/mnist was not found above the current folder; pass --data DIR.");
    return 1;
}

if (image is { } index)
{
    Span<float> pixels = stackalloc float[TestImage.Pixels];
    Span<float> output = stackalloc float[10];
    int label;
    try
    {
        label = TestImage.Read(data, index, pixels);
    }
    catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }

    MnistFloat32.PredictEmbedded(pixels, output);
    int fp32 = TensorPrimitives.IndexOfMax<float>(output);
    MnistInt8.PredictEmbedded(pixels, output);
    int int8 = TensorPrimitives.IndexOfMax<float>(output);
    Console.WriteLine($"image {index}: label {label}, fp32 predicts {fp32}, int8 predicts {int8}");
    return 0;
}

var test = Mnist.LoadTest(data);
var fp32Run = TestRun.Of(test, MnistFloat32.PredictEmbedded);
var int8Run = TestRun.Of(test, MnistInt8.PredictEmbedded);
long binary = Environment.ProcessPath is { } path ? new FileInfo(path).Length : 0;
Console.WriteLine(FormattableString.Invariant($"fp32 accuracy: {fp32Run.Accuracy:F2}% ({fp32Run.Correct}/{test.Count})"));
Console.WriteLine(FormattableString.Invariant($"int8 accuracy: {int8Run.Accuracy:F2}% ({int8Run.Correct}/{test.Count})"));
Console.WriteLine(FormattableString.Invariant($"embedded weights: fp32 {MnistFloat32.EmbeddedWeightBytes:N0} B, int8 {MnistInt8.EmbeddedWeightBytes:N0} B ({(double)MnistFloat32.EmbeddedWeightBytes / MnistInt8.EmbeddedWeightBytes:F2}x smaller)"));
Console.WriteLine(FormattableString.Invariant($"binary size: {binary:N0} B ({(binary / 1048576.0):F2} MiB)"));
Console.WriteLine(FormattableString.Invariant($"latency per image: fp32 {fp32Run.Microseconds:F2} us, int8 {int8Run.Microseconds:F2} us (int8 dot product: {Butterfly.Kernels.Int8Dot.Path}; best of 3 passes over {test.Count} images)"));
return 0;
