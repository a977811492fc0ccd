using System;
using System.IO;
using Butterfly.Samples.Mnist;

// The main job: with no arguments, trains the founding article's network on MNIST and saves it under out/mnist.
// See --help for the options; 'export' writes the weights files [Network(Weights = ...)] embeds (export --help).
try
{
    if (args.Length > 0 && args[0] == ExportCommand.Name)
    {
        return ExportCommand.Execute(args[1..], Console.WriteLine);
    }

    var (options, given) = CommandLine.Parse(args);
    if (options.Help)
    {
        Console.Write(CommandLine.Usage());
        return 0;
    }

    return TrainingRun.Execute(options, given, TrainingDisplay.ForConsole());
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
{
    // A corrupt or mismatched checkpoint, missing data, an unwritable folder: one line, not a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
