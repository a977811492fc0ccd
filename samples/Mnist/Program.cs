using System;
using System.IO;
using Butterfly.Samples.Mnist;

// The main job: with no arguments, trains the founding article's network on MNIST and saves it under out/mnist.
// See --help for the options; 'export' writes the weights files [Network(Weights = ...)] embeds, or with --onnx FILE an
// ONNX model (export --help).
try
{
    return CommandLine.Run(args, (options, given) => TrainingRun.Execute(options, given, TrainingDisplay.ForConsole()), Console.Out, Console.Error);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
{
    // A corrupt or mismatched checkpoint, missing data, an unwritable folder, a layer ONNX cannot express: one line, not a
    // stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
