using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Butterfly.Samples.Mnist;

/// <summary>
/// The job of <c>--network dbn</c>: pretrain the hidden layers of <see cref="MnistDbn"/> greedily as two restricted
/// Boltzmann machines (CD-1 on the pixels, then on the first machine's hidden probabilities), fine-tune the whole
/// network with backpropagation, and fine-tune the same network from a random start with the same budget, so the two
/// test accuracies can be compared side by side. Draws the first machine's filters and Gibbs chains.
/// </summary>
internal static class DeepBeliefRun
{
    /// <summary>Epochs of CD-1 per machine: past about five, the pretrained network's accuracy moved little in our runs.</summary>
    private const int PretrainingEpochs = 5;

    /// <summary>
    /// The machines' optimizer: SGD with momentum 0.9 at rate 0.05 and weight decay 2e-4 on the weights, close to
    /// Hinton's practical guide (2010, sections 5, 9 and 10) for binary units and batches of 100.
    /// </summary>
    private static Optimizer CreateMachineOptimizer(int _) =>
        new Sgd(0.05f, momentum: 0.9f) { Regularization = Regularization.WeightDecay(2e-4f) };

    /// <summary>Chain lengths drawn as rows of <c>rbm-samples.png</c>; row 0 is where the chains start, test digits.</summary>
    private static readonly int[] ChainLengths = [0, 1, 10, 100, 1000];

    public static int Execute(RunOptions options, TrainingDisplay display)
    {
        if (options.Resume is not null)
        {
            throw new UsageException("--network dbn pretrains and fine-tunes in one go and saves no checkpoint, so --resume does not apply to it.");
        }

        if (options.Threads is { } threads)
        {
            Parallelism.ThreadCount = threads;
        }

        string folder = options.Out ?? Path.Combine("out", "mnist");
        Directory.CreateDirectory(folder);
        var (train, test) = TrainingRun.LoadMnist(display);

        var pixels = new MnistPixelRbm(options.Seed);
        var features = new MnistFeatureRbm(options.Seed + 1);
        var pretrained = new MnistDbn(options.Seed);
        display.Line(MnistDbn.Summary.TrimEnd());
        display.Line($"Pretraining {MnistPixelRbm.Signature} then {MnistFeatureRbm.Signature}: CD-1, {PretrainingEpochs} epochs each, batch 100, {CreateMachineOptimizer(0).Configuration}, lr 0.05, {Parallelism.ThreadCount} thread(s).");
        var clock = Stopwatch.StartNew();
        var machineOptions = new BoltzmannTrainerOptions { Epochs = PretrainingEpochs, BatchSize = 100, GibbsSteps = 1, Seed = options.Seed };
        DeepBelief.Pretrain(
            pretrained,
            [pixels, features],
            train.Features,
            CreateMachineOptimizer,
            machineOptions,
            (machine, report) => display.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"rbm {machine + 1} epoch {report.Epoch}/{PretrainingEpochs}  reconstruction error {report.ReconstructionError:F3}  pseudo-log-likelihood {report.PseudoLogLikelihood:F2}  {report.Seconds:F1} s ({60000 / 100 * 100 / report.Seconds:N0} samples/s)")));
        var pretrainingTime = clock.Elapsed;
        display.Line(string.Create(CultureInfo.InvariantCulture, $"Pretrained both machines in {pretrainingTime.TotalSeconds:F1} s."));

        string filtersPath = Path.Combine(folder, "rbm-filters.png");
        string samplesPath = Path.Combine(folder, "rbm-samples.png");
        DrawFilters(pixels, filtersPath);
        DrawChains(pixels, test, samplesPath, options.Seed);

        var random = new MnistDbn(options.Seed);
        var fromPretrained = FineTune(pretrained, "pretrained", options, train, test, display);
        var fromRandom = FineTune(random, "random start", options, train, test, display);

        display.Line("");
        display.Line(string.Create(CultureInfo.InvariantCulture, $"{"784-500-500-10, same fine-tuning",-36}{"pretrained (DBN)",18}{"random start",16}"));
        display.Line(string.Create(CultureInfo.InvariantCulture, $"{"test accuracy",-36}{fromPretrained.Score.Accuracy,18:P2}{fromRandom.Score.Accuracy,16:P2}"));
        display.Line(string.Create(CultureInfo.InvariantCulture, $"{"test loss",-36}{fromPretrained.Score.Loss,18:F4}{fromRandom.Score.Loss,16:F4}"));
        display.Line(string.Create(CultureInfo.InvariantCulture, $"{"fine-tuning time",-36}{fromPretrained.Seconds,16:F1} s{fromRandom.Seconds,14:F1} s"));
        display.Line(string.Create(CultureInfo.InvariantCulture, $"{"pretraining time",-36}{pretrainingTime.TotalSeconds,16:F1} s{"-",16}"));

        string weightsPath = Path.Combine(folder, "dbn.bfw");
        WeightsFile.Save(pretrained, weightsPath);
        WeightsFile.Save(pixels, Path.Combine(folder, "rbm-1.bfw"));
        WeightsFile.Save(features, Path.Combine(folder, "rbm-2.bfw"));
        display.Line($"Saved {weightsPath} (the fine-tuned pretrained network), rbm-1.bfw, rbm-2.bfw, {filtersPath} and {samplesPath}.");
        return 0;
    }

    private static (EvaluationResult Score, double Seconds) FineTune(INetwork network, string name, RunOptions options, Dataset train, Dataset test, TrainingDisplay display)
    {
        var optimizer = options.CreateOptimizer();
        var trainer = new Trainer(network, optimizer, new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Schedule = options.ResolvedSchedule.Create(options.ResolvedLearningRate, options.Warmup),
            Augmentation = options.CreateAugmentation(),
        });
        display.Line(string.Create(
            CultureInfo.InvariantCulture,
            $"Fine-tuning from {name}: {optimizer.Configuration}; lr {options.ResolvedLearningRate:R}, schedule {options.ResolvedSchedule}; batch {options.BatchSize}, {options.Epochs} epochs, seed {options.Seed}."));
        var clock = Stopwatch.StartNew();
        display.Train((onBatch, onEpoch) => trainer.Fit(train, test, onEpoch, onBatch));
        double seconds = clock.Elapsed.TotalSeconds;
        return (Evaluation.Evaluate(network, test, network.CreateWorkspace(1000)), seconds);
    }

    /// <summary>The first 100 hidden units' weights, each row of <c>W</c> as a 28×28 tile scaled to its own range.</summary>
    private static void DrawFilters(MnistPixelRbm machine, string path)
    {
        var weights = machine.Weights.ToArray();
        TileChart.Save(
            10,
            10,
            (r, c) => weights.AsMemory((r * 10 + c) * MnistPixelRbm.VisibleCount, MnistPixelRbm.VisibleCount),
            scalePerTile: true,
            "RBM 784-500: weights of hidden units 0-99, each tile scaled to its range",
            path);
    }

    /// <summary>
    /// Ten block Gibbs chains of the machine, started at the first test image of each digit, drawn as the visible
    /// probabilities <c>p(v | h)</c> after each chain length (row 0: the starting digits).
    /// </summary>
    private static void DrawChains(MnistPixelRbm machine, Dataset test, string path, int seed)
    {
        const int Chains = 10;
        int length = MnistPixelRbm.VisibleCount;
        var visible = new float[Chains * length];
        for (int digit = 0; digit < Chains; digit++)
        {
            int index = test.Labels.IndexOf(digit);
            test.Sample(index).CopyTo(visible.AsSpan(digit * length));
        }

        var workspace = machine.CreateWorkspace(Chains);
        workspace.NoiseSeed = seed;
        var rows = new float[ChainLengths.Length][];
        rows[0] = visible.ToArray();
        int done = 0;
        for (int row = 1; row < ChainLengths.Length; row++)
        {
            rows[row] = machine.Gibbs(workspace, visible, ChainLengths[row] - done).ToArray();
            done = ChainLengths[row];
        }

        TileChart.Save(
            ChainLengths.Length,
            Chains,
            (r, c) => rows[r].AsMemory(c * length, length),
            scalePerTile: false,
            "RBM 784-500: ten Gibbs chains from test digits, p(v | h)",
            path,
            rowLabel: "Gibbs steps",
            rowName: r => ChainLengths[r] == 0 ? "start" : ChainLengths[r].ToString(CultureInfo.InvariantCulture));
    }
}
