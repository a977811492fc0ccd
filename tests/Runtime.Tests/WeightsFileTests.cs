using System;
using System.IO;
using System.Linq;
using Butterfly.Runtime.Tests.Networks;

namespace Butterfly.Runtime.Tests;

public sealed class WeightsFileTests
{
    [Fact]
    public void Save_then_load_restores_every_parameter_bit_for_bit()
    {
        using var folder = new TemporaryFolder();
        var saved = new MnistMlp(seed: 1);
        WeightsFile.Save(saved, folder.File("mlp.bfw"));
        var loaded = new MnistMlp(seed: 2);

        WeightsFile.Load(loaded, folder.File("mlp.bfw"));

        Assert.Equal(saved.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => f.Contains(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Loading_into_a_network_of_another_shape_fails_and_leaves_it_unchanged()
    {
        using var folder = new TemporaryFolder();
        WeightsFile.Save(new SigmoidSoftmaxNet(), folder.File("small.bfw"));
        var other = new TanhRegressor();
        var before = other.Parameters.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(other, folder.File("small.bfw")));

        Assert.Contains(SigmoidSoftmaxNet.Signature, error.Message);
        Assert.Contains(TanhRegressor.Signature, error.Message);
        Assert.Equal(before, other.Parameters.ToArray());
    }

    [Theory]
    [InlineData(20, "checksum")]
    [InlineData(60, "checksum")]
    [InlineData(0, "not a Butterfly weights file")]
    [InlineData(4, "format version")]
    public void A_corrupted_byte_is_detected(int offset, string expected)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("net.bfw");
        WeightsFile.Save(new SigmoidSoftmaxNet(), path);
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new SigmoidSoftmaxNet(), path));

        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(100)]
    public void A_truncated_file_is_detected(int keep)
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("net.bfw");
        WeightsFile.Save(new SigmoidSoftmaxNet(), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, keep).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => WeightsFile.Load(new SigmoidSoftmaxNet(), path));

        Assert.Matches("truncated|not a Butterfly", error.Message);
    }

    [Fact]
    public void A_missing_file_names_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WeightsFile.Load(new SigmoidSoftmaxNet(), "/nonexistent/net.bfw"));
        Assert.Contains("/nonexistent/net.bfw", error.Message);
    }

    [Fact]
    public void A_failed_save_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("net.bfw");
        WeightsFile.Save(new SigmoidSoftmaxNet(seed: 1), path);
        var original = File.ReadAllBytes(path);

        Assert.ThrowsAny<Exception>(() => WeightsFile.Save(new ThrowingNetwork(new SigmoidSoftmaxNet(seed: 2)), path));

        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_save_that_cannot_replace_the_target_keeps_the_target_and_leaves_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        string target = folder.File("taken");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "keep");

        Assert.ThrowsAny<IOException>(() => WeightsFile.Save(new SigmoidSoftmaxNet(), target));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "keep.txt")));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    /// <summary>A network whose parameters cannot be read, as if the process failed mid-save.</summary>
    private sealed class ThrowingNetwork(INetwork inner) : INetwork
    {
        public int InputLength => inner.InputLength;

        public int OutputLength => inner.OutputLength;

        public int ParameterCount => inner.ParameterCount;

        public LossFunction Loss => inner.Loss;

        public string Signature => inner.Signature;

        public string Summary => inner.Summary;

        public Span<float> Parameters => throw new IOException("disk full");

        public Span<float> Gradients => inner.Gradients;

        public ReadOnlySpan<ParameterBlock> ParameterBlocks => inner.ParameterBlocks;

        public ReadOnlySpan<LayerOutput> LayerOutputs => inner.LayerOutputs;

        public NetworkStructure Structure => inner.Structure;

        public Workspace CreateWorkspace(int maxBatch) => inner.CreateWorkspace(maxBatch);

        public ReadOnlySpan<float> Forward(Workspace workspace, ReadOnlySpan<float> inputs) => inner.Forward(workspace, inputs);

        public void Backward(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputGradient) =>
            inner.Backward(workspace, inputs, outputGradient);

        public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);

        public float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, Optimizer optimizer) =>
            inner.TrainStep(workspace, inputs, labels, optimizer);

        public float TrainStep(Workspace workspace, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Optimizer optimizer) =>
            inner.TrainStep(workspace, inputs, targets, optimizer);
    }
}
