using System;
using System.Diagnostics;
using System.IO;
using Butterfly;
using Butterfly.Samples.Mnist;

string? data = Mnist.FindDataDirectory(AppContext.BaseDirectory) ?? Mnist.FindDataDirectory(Directory.GetCurrentDirectory());
if (data is null)
{
    Console.Error.WriteLine("error: data/mnist not found above the current folder.");
    return 1;
}

var clock = Stopwatch.StartNew();
var train = Mnist.LoadTraining(data);
var test = Mnist.LoadTest(data);
Console.WriteLine($"Loaded {train.Count} training and {test.Count} test images from {data} in {clock.ElapsedMilliseconds} ms.");

var network = new MnistMlp(seed: 1);
Console.WriteLine(MnistMlp.Summary);
var trainer = new Trainer(network, new Sgd(0.1f, momentum: 0.9f), new TrainerOptions { Epochs = 20, BatchSize = 32, Seed = 1, LearningRateDecay = 0.85f });
clock.Restart();
trainer.Fit(train, test, report =>
    Console.WriteLine($"epoch {report.Epoch,2}/{report.Epochs}  loss {report.TrainLoss:F4}  test accuracy {report.Test!.Value.Accuracy:P2}  lr {report.LearningRate:G3}  {report.Elapsed.TotalSeconds:F2} s ({report.SamplesPerSecond:N0} samples/s)"));
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s.");
return 0;
