using System.Collections.Generic;
using System.IO;
using Butterfly.Samples.Mnist;

namespace Butterfly.Integration.Tests;

/// <summary>
/// The MNIST sample's command line, in-process: the options and defaults it always had, help and errors from
/// System.CommandLine, and the exit codes scripts rely on (0 done, 2 usage error).
/// </summary>
public sealed class MnistCommandLineTests
{
    [Fact]
    public void No_options_is_the_main_job()
    {
        var (options, given, code, _, _) = Run();

        Assert.Equal(0, code);
        Assert.Empty(given!);
        Assert.Equal(new RunOptions(), options);
        Assert.Equal(("mlp", "momentum", 20, 32), (options!.Network, options.Optimizer, options.Epochs, options.BatchSize));
    }

    [Fact]
    public void Options_are_read_with_both_spellings_of_a_value()
    {
        var (options, given, code, _, _) = Run("--optimizer", "adam", "--lr=0.001", "--epochs", "2", "--batch", "full", "--seed", "-3", "--threads", "1", "--out", "A");

        Assert.Equal(0, code);
        Assert.Equal(["batch", "epochs", "lr", "optimizer", "out", "seed", "threads"], Sorted(given!));
        Assert.Equal(("adam", 0.001f, 2, TrainerOptions.FullBatch, -3, 1, "A"), (options!.Optimizer, options.LearningRate, options.Epochs, options.BatchSize, options.Seed, options.Threads, options.Out));
    }

    [Fact]
    public void A_network_brings_its_defaults_and_the_command_line_overrides_them()
    {
        var (cnn, _, _, _, _) = Run("--network", "cnn");
        var (overridden, given, _, _, _) = Run("--network", "cnn", "--optimizer", "sgd");

        Assert.Equal(("adam", 0.001f, 12, 64, "cosine"), (cnn!.Optimizer, cnn.LearningRate, cnn.Epochs, cnn.BatchSize, cnn.Schedule));
        Assert.Equal(("sgd", 12), (overridden!.Optimizer, overridden.Epochs));
        var (resnet, _, _, _, _) = Run("--network", "resnet");
        Assert.Equal((15, 2), (resnet!.Epochs, resnet.Shift));
        Assert.Equal(0, Run("--network", "resnet", "--shift", "0").Options!.Shift);
        Assert.Equal(["network", "optimizer"], Sorted(given!));
    }

    [Fact]
    public void The_deep_belief_job_has_its_fine_tuning_defaults_and_refuses_to_resume()
    {
        var (dbn, _, code, _, _) = Run("--network", "dbn");

        Assert.Equal(0, code);
        Assert.Equal(("momentum", 0.1f, 30, 50, "cosine", 1), (dbn!.Optimizer, dbn.LearningRate, dbn.Epochs, dbn.BatchSize, dbn.Schedule, dbn.Shift));
        var error = Assert.Throws<UsageException>(() => DeepBeliefRun.Execute(dbn with { Resume = "out/dbn" }, new PlainDisplay()));
        Assert.Contains("--resume does not apply", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option_and_the_export_command()
    {
        var (options, _, code, output, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.Null(options);
        foreach (string name in RunOptions.RunSettingNames)
        {
            Assert.Contains("--" + name, output);
        }

        Assert.Contains("--threads", output);
        Assert.Contains("--resume", output);
        Assert.Contains("export", output);
    }

    [Fact]
    public void Export_has_its_own_help()
    {
        var (_, _, code, output, _) = Run("export", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--calibration", output);
        Assert.Contains("--weights", output);
        Assert.Contains("--network", output);
        Assert.Contains("--onnx", output);
    }

    [Fact]
    public void Export_onnx_writes_the_trained_network_as_an_onnx_model()
    {
        string folder = Path.Combine(Path.GetTempPath(), "butterfly-export-" + System.Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string weights = Path.Combine(folder, "mlp.bfw"), model = Path.Combine(folder, "models", "mlp.onnx");
            var trained = new MnistMlp(5);
            WeightsFile.Save(trained, weights);

            var (_, _, code, output, error) = Run("export", "--network", "mlp", "--weights", weights, "--onnx", model);

            Assert.True(code == 0, error);
            Assert.Contains("-> " + model, output);
            Assert.Equal(OnnxExport.Encode(trained), File.ReadAllBytes(model));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_misspelled_option_is_a_usage_error_with_a_suggestion()
    {
        var (options, _, code, output, error) = Run("--epoch", "3");

        Assert.Equal(2, code);
        Assert.Null(options);
        Assert.Contains("Unrecognized command or argument '--epoch'", error);
        Assert.Contains("Did you mean one of the following?\n--epochs", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("--weight-decay", output);
    }

    [Fact]
    public void A_missing_value_is_a_usage_error()
    {
        var (options, _, code, _, error) = Run("--epochs");

        Assert.Equal(2, code);
        Assert.Null(options);
        Assert.Contains("--epochs", error);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs expects a whole number of at least 1; got '0'.")]
    [InlineData("--network", "rnn", "--network must be one of")]
    [InlineData("--lr", "-1", "--lr expects a positive number; got '-1'.")]
    [InlineData("--patience", "2", "--patience needs a validation split")]
    public void A_value_out_of_range_says_what_was_expected(string option, string value, string message)
    {
        var exception = Assert.Throws<UsageException>(() => Run(option, value));

        Assert.StartsWith(message, exception.Message);
    }

    [Fact]
    public void A_resumed_run_re_reads_its_saved_settings()
    {
        var (options, given) = CommandLine.Parse(["--network", "cnn", "--epochs", "4"]);

        Assert.Equal(("cnn", "adam", 4), (options.Network, options.Optimizer, options.Epochs));
        Assert.Equal(["epochs", "network"], Sorted(given));
        Assert.Throws<UsageException>(() => CommandLine.Parse(["--epochz", "4"]));
    }

    private static (RunOptions? Options, IReadOnlySet<string>? Given, int Code, string Output, string Error) Run(params string[] args)
    {
        RunOptions? options = null;
        IReadOnlySet<string>? given = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CommandLine.Run(args, (o, g) => { (options, given) = (o, g); return 0; }, output, error);
        return (options, given, code, output.ToString(), error.ToString());
    }

    private static List<string> Sorted(IReadOnlySet<string> names)
    {
        var list = new List<string>(names);
        list.Sort(System.StringComparer.Ordinal);
        return list;
    }
}
