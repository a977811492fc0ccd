using Butterfly.Generator.Tests.Harness;

namespace Butterfly.Generator.Tests;

/// <summary>
/// Pins the generated code of representative networks (see <see cref="Snapshot"/> for the file layout). The
/// verified files are meant to be read: review them as code when they change.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Mnist_mlp() => VerifySingleSource(SnapshotDeclarations.MnistMlp, "Samples.MnistMlp.g.cs");

    [Fact]
    public void Log_softmax_classifier() => VerifySingleSource(SnapshotDeclarations.LogSoftmaxClassifier, "Samples.LogClassifier.g.cs");

    [Fact]
    public void Relu_regressor_with_mean_squared_error() =>
        VerifySingleSource(SnapshotDeclarations.ReluRegressor, "Samples.Regression.HousePrices.g.cs");

    [Fact]
    public void Deep_network_with_every_activation() =>
        VerifySingleSource(SnapshotDeclarations.DeepNetwork, "Samples.DeepClassifier.g.cs");

    [Fact]
    public void Network_nested_in_class_and_struct() =>
        VerifySingleSource(SnapshotDeclarations.NestedInClassAndStruct, "Models.Tiny.Xor.g.cs");

    [Fact]
    public void Network_class_named_with_a_keyword() =>
        VerifySingleSource(SnapshotDeclarations.KeywordName, "Samples.Keywords.class.g.cs");

    [Fact]
    public void LeNet_with_convolution_and_pooling() => VerifySingleSource(SnapshotDeclarations.LeNet, "Samples.Vision.LeNet.g.cs");

    [Fact]
    public void Normalization_dropout_and_new_activations() =>
        VerifySingleSource(SnapshotDeclarations.NormalizedConvolution, "Samples.Vision.Normalized.g.cs");

    [Fact]
    public void Rectangular_kernels_strides_per_axis_and_asymmetric_padding() =>
        VerifySingleSource(SnapshotDeclarations.RectangularConvolution, "Samples.Vision.Rectangular.g.cs");

    [Fact]
    public void Layers_that_onnx_models_need() => VerifySingleSource(SnapshotDeclarations.OnnxLayers, "Samples.Imported.OnnxLayers.g.cs");

    [Fact]
    public void Residual_network_with_every_merge() => VerifySingleSource(SnapshotDeclarations.Residual, "Samples.Vision.Residual.g.cs");

    [Fact]
    public void Residual_network_predicting_channels_last() => VerifySingleSource(SnapshotDeclarations.ChannelsLastResidual, "Samples.Vision.ResNet.g.cs");

    [Fact]
    public void Language_model_with_token_input_embedding_and_hierarchical_softmax() =>
        VerifySingleSource(SnapshotDeclarations.LanguageModel, "Samples.Text.NextWord.g.cs");

    private static void VerifySingleSource(
        string declaration,
        string hintName,
        [System.Runtime.CompilerServices.CallerFilePath] string testFile = "",
        [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorRun.Of(declaration);
        Assert.Null(run.Exception);
        Assert.Empty(run.GeneratorDiagnostics);
        var file = run.SingleSource();
        Assert.Equal(hintName, file.HintName);
        Snapshot.Verify(file, testFile, test);
    }
}
