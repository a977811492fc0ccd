using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Each message says how to fix the declaration; docs/diagnostics.md
/// has a section per ID with a wrong declaration and its fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Butterfly";
    // Relative to the repository root; the package README points there too.
    private const string HelpBase = "docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NetworkNotPartial = Error(
        "BF0001",
        "Network class must be partial",
        "The network class '{0}' must be declared partial, because Butterfly generates the rest of it: write 'partial class {0}'");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "BF0002",
        "Type containing a network must be partial",
        "'{1}' contains the network class '{0}' and must be declared partial too: add 'partial' to '{1}'");

    public static readonly DiagnosticDescriptor NetworkNotClass = Error(
        "BF0003",
        "Network must be a class",
        "[Network] applies to a partial class, but '{0}' is a {1}: declare it as 'partial class {0}'");

    public static readonly DiagnosticDescriptor NetworkGeneric = Error(
        "BF0004",
        "Network class cannot be generic",
        "'{0}' is generic or nested in a generic type, but a network is compiled for fixed shapes: remove the type parameters");

    public static readonly DiagnosticDescriptor NetworkStatic = Error(
        "BF0005",
        "Network class cannot be static",
        "'{0}' is static, but a network keeps its parameters in an instance: remove 'static'");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "BF0006",
        "Network has no input",
        "Network '{0}' declares no input: add [Input(...)] before the first layer, for example [Input(784)]");

    public static readonly DiagnosticDescriptor InputNotFirst = Error(
        "BF0007",
        "Input must come first",
        "[Input] must be the first layer attribute of '{0}': move it above [{1}]");

    public static readonly DiagnosticDescriptor DuplicateInput = Error(
        "BF0008",
        "Input declared twice",
        "Network '{0}' declares [Input] more than once: keep a single [Input] before the first layer");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "BF0009",
        "Size must be positive",
        "{0} must be positive, but it is {1}: give a size of at least 1");

    public static readonly DiagnosticDescriptor InvalidInputRank = Error(
        "BF0010",
        "Input has the wrong number of dimensions",
        "[Input] takes one to three dimensions but has {0}: declare a vector as [Input(784)] or an image as [Input(channels, height, width)]");

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "BF0011",
        "Softmax must be the last layer",
        "[Softmax] must be the last layer of '{0}', but layer {1} of {2} is a softmax: move it to the end, or use another activation here");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "BF0012",
        "Layers split over several partial declarations",
        "[{1}] is on another partial declaration of '{0}' than [Network], where its order is undefined: move every layer attribute onto the declaration that carries [Network]");

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "BF0013",
        "Loss does not fit the output layer",
        "Loss CrossEntropy needs [Softmax] or [LogSoftmax] as the last layer of '{0}', but the last layer is [{1}]: add [Softmax] at the end, or set Loss = LossFunction.MeanSquaredError");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "BF0014",
        "Too many parameters",
        "Network '{0}' has {1} parameters, more than the limit of {2} (1 GiB of float32): use fewer or smaller layers");

    public static readonly DiagnosticDescriptor ActivationsTooLarge = Error(
        "BF0015",
        "Activations too large",
        "Network '{0}' needs {1} floats of activations per sample, more than the limit of {2}: use smaller layers");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "BF0016",
        "Network has no layers",
        "Network '{0}' has an input but no layers: add at least one layer attribute after [Input], for example [Dense(10)]");

    public static readonly DiagnosticDescriptor ReservedName = Error(
        "BF0017",
        "Network class name is taken by a generated member",
        "The network class cannot be named '{0}', because Butterfly generates a member of that name in it: rename the class");

    public static readonly DiagnosticDescriptor UnknownLoss = Error(
        "BF0018",
        "Unknown loss",
        "Loss value {0} is not a LossFunction member: use LossFunction.Auto, LossFunction.CrossEntropy or LossFunction.MeanSquaredError");

    public static readonly DiagnosticDescriptor ImpossibleShape = Error(
        "BF0019",
        "Layer cannot take its input shape",
        "[{0}] cannot take an input of shape {1}: {2}");

    public static readonly DiagnosticDescriptor NetworkFileLocal = Error(
        "BF0020",
        "Network class cannot be file-local",
        "'{1}' is declared 'file', so the network class '{0}' cannot be completed from the generated file: remove the 'file' modifier");

    public static readonly DiagnosticDescriptor MemberClash = Error(
        "BF0021",
        "Member clashes with a generated member",
        "'{0}' declares '{1}', but Butterfly generates '{2}' in it: rename or remove '{1}'");

    public static readonly DiagnosticDescriptor InheritedMemberClash = Error(
        "BF0022",
        "Inherited member clashes with a generated member",
        "'{0}' inherits '{1}' from '{2}', which the generated '{3}' would hide: rename it in '{2}', or derive '{0}' from another class");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "BF0023",
        "Base class has no parameterless constructor",
        "'{0}' derives from '{1}', which has no accessible constructor the generated constructors can call without arguments: add one to '{1}', or derive '{0}' from another class");

    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "BF0024",
        "Network class cannot have a primary constructor",
        "'{0}' has a primary constructor, which the generated constructors '{0}()' and '{0}(int seed)' could not call: remove the parameter list and declare what it held as fields or properties");

    public static readonly DiagnosticDescriptor NeedsImageInput = Error(
        "BF0025",
        "Layer needs an image input",
        "[{0}] needs an input of shape (channels, height, width), but its input has shape {1}: declare the input as [Input(channels, height, width)], and put [{0}] before any [Dense] or [Flatten]");

    public static readonly DiagnosticDescriptor WindowLargerThanInput = Error(
        "BF0026",
        "Window larger than its input",
        "[{0}] has a {1}×{1} window, larger than its input of {2}×{3}{4}: use a smaller window, pad the input, or remove a layer that shrinks it before this one");

    public static readonly DiagnosticDescriptor WindowsDoNotTile = new(
        "BF0027",
        "Pooling windows leave rows or columns out",
        "[{0}]: windows of {1}×{1} with stride {2} do not tile an input of {3}×{4}, so the output is rounded down and the last {5} take no part in it: choose a window and stride that tile the input, or suppress BF0027 where that is meant",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "bf0027");

    public static readonly DiagnosticDescriptor ArgumentOutOfRange = Error(
        "BF0028",
        "Layer argument out of range",
        "{0} must be {1}, but it is {2}: give a value in that range");

    public static readonly DiagnosticDescriptor WeightsFileNotFound = Error(
        "BF0030",
        "Weights file not found",
        "Network '{0}' embeds the weights file '{1}', but no AdditionalFiles item has that name: add <AdditionalFiles Include=\"...{1}\" /> to the project, or correct Weights");

    public static readonly DiagnosticDescriptor WeightsFileAmbiguous = Error(
        "BF0031",
        "Weights file name is ambiguous",
        "Network '{0}' embeds the weights file '{1}', but several AdditionalFiles items end with that name ({2}): give Weights a longer path suffix that names one");

    public static readonly DiagnosticDescriptor WeightsFileUnreadable = Error(
        "BF0032",
        "Weights file is not base64 text",
        "The weights file '{0}' cannot be read as base64 text ({1}): write it with EmbeddedWeights.Export, or 'dotnet run --project samples/Mnist -- export'");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "BF0033",
        "Not a Butterfly weights file",
        "The weights file '{0}' is not a Butterfly weights file: {1}; export it again with EmbeddedWeights.Export");

    public static readonly DiagnosticDescriptor WeightsFileChecksum = Error(
        "BF0034",
        "Weights file is corrupt",
        "The weights file '{0}' is corrupt: its checksum is 0x{1} but its contents give 0x{2}; export it again with EmbeddedWeights.Export");

    public static readonly DiagnosticDescriptor WeightsFileVersion = Error(
        "BF0035",
        "Weights file has another format version",
        "The weights file '{0}' has format version {1}, but this generator reads version {2}: export it again with the Butterfly runtime of this version");

    public static readonly DiagnosticDescriptor WeightsSignatureMismatch = Error(
        "BF0036",
        "Weights file is for another network",
        "The weights file '{0}' was saved from network '{1}', but '{2}' declares '{3}': embed weights trained for this declaration, or change the declaration to match them");

    public static readonly DiagnosticDescriptor WeightsShapeMismatch = Error(
        "BF0037",
        "Weights file does not fit the declaration",
        "The weights file '{0}' does not fit network '{1}': {2}; export it again from a network of this declaration");

    public static readonly DiagnosticDescriptor PrecisionMismatch = Error(
        "BF0038",
        "Weights file has another precision",
        "Network '{0}' declares Precision = {1}, but the weights file '{2}' holds {3} weights: embed a {4} file, or set Precision = Precision.{5}");

    public static readonly DiagnosticDescriptor PrecisionWithoutWeights = Error(
        "BF0039",
        "Precision without embedded weights",
        "Network '{0}' sets Precision, which applies only to embedded weights: add Weights = \"NAME.bfq.b64\" naming the quantized weights, or remove Precision");

    public static readonly DiagnosticDescriptor UnknownLayerName = Error(
        "BF0040",
        "Unknown layer name",
        "{0} reads '{1}', but no layer or input of network '{2}' has that name: name the output you mean with Name = \"{1}\", or correct the name");

    public static readonly DiagnosticDescriptor DuplicateLayerName = Error(
        "BF0041",
        "Layer name used twice",
        "The name '{0}' is given to {1} and again to {2}: give each output its own name");

    public static readonly DiagnosticDescriptor LaterLayerName = Error(
        "BF0042",
        "Layer reads a later output",
        "{0} reads '{1}', the output of {2}, which comes at or after it: a layer reads only outputs declared before it, since the order of the attributes is the order of the data flow");

    public static readonly DiagnosticDescriptor MergedShapesDisagree = Error(
        "BF0043",
        "Merged shapes do not agree",
        "{0} merges '{1}' of shape {2} with '{3}' of shape {4}: {5}");

    public static readonly DiagnosticDescriptor UnreadOutput = new(
        "BF0044",
        "Layer output is never read",
        "The output of {0} is read by no later layer and is not the network's output: its work is wasted; read it with From(\"NAME\") or a merge, or remove the layer",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "bf0044");

    public static readonly DiagnosticDescriptor NothingToMerge = Error(
        "BF0045",
        "Merge has nothing to merge",
        "{0} names no output to merge with the current one: give it the name of an earlier layer, such as {1}(\"stem\")");

    public static readonly DiagnosticDescriptor FromWithoutLayer = Error(
        "BF0046",
        "From is not followed by a layer",
        "[From(\"{0}\")] must be followed by the layer that reads '{0}', but {1}: put it just before that layer");

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        "BF0047",
        "Invalid layer name",
        "The name '{0}' is not a valid output name: use letters, digits, '_', '.', '-' or '/', starting with a letter or '_'");

    public static readonly DiagnosticDescriptor SamePaddingNeedsOddKernel = Error(
        "BF0048",
        "Same padding needs an odd kernel",
        "Conv2D with padding: Padding.Same needs an odd kernel, so that (kernel - 1) / 2 zeros on each side keep the size, but the kernel is {0}: use a kernel of {1} or {2}, or give the padding as a number");

    public static readonly DiagnosticDescriptor MachineAndNetwork = Error(
        "BF0060",
        "Class is both a network and a Boltzmann machine",
        "'{0}' carries both [Network] and [BoltzmannMachine], but a class is compiled as one or the other: declare the machine and the network in two classes");

    public static readonly DiagnosticDescriptor MachineTooLarge = Error(
        "BF0061",
        "Boltzmann machine too large",
        "Machine '{0}' has {1} parameters ({2} visible × {3} hidden weights and both biases), more than the limit of {4} (1 GiB of float32): use fewer units");

    public static readonly DiagnosticDescriptor UnknownVisibleUnits = Error(
        "BF0062",
        "Unknown kind of visible units",
        "Visible value {0} is not a VisibleUnits member: use VisibleUnits.Bernoulli for data in [0, 1] or VisibleUnits.Gaussian for standardized real data");

    public static readonly DiagnosticDescriptor LayerOnMachine = Error(
        "BF0063",
        "Layer attribute on a Boltzmann machine",
        "'{0}' is a [BoltzmannMachine], whose two layers are given by its visible and hidden sizes, so [{1}] does not apply to it: remove [{1}], or declare a [Network] in another class");

    public static readonly DiagnosticDescriptor TokenInputNeedsEmbedding = Error(
        "BF0050",
        "Token input must be followed by an embedding",
        "'{0}' takes token ids ([Input(..., Vocabulary = {1})]), which only an [Embedding] can read, but its first layer is [{2}]: add [Embedding({1}, dimensions)] right after the input, or remove Vocabulary to take floats");

    public static readonly DiagnosticDescriptor EmbeddingNeedsTokenInput = Error(
        "BF0051",
        "Embedding must directly follow a token input",
        "[Embedding] reads token ids, so it must be the first layer of '{0}' after an input with a vocabulary, but {1}: declare [Input(n, Vocabulary = {2})] and put the embedding first");

    public static readonly DiagnosticDescriptor EmbeddingVocabularyMismatch = Error(
        "BF0052",
        "Embedding vocabulary differs from the input's",
        "[Embedding({0}, ...)] has {0} rows, but the input of '{1}' declares Vocabulary = {2}: give both the same vocabulary");

    public static readonly DiagnosticDescriptor VocabularyTooLarge = Error(
        "BF0053",
        "Vocabulary too large",
        "{0} is {1}, but token ids travel as exact floats in datasets and weights files, which caps a vocabulary at {2}: use a smaller vocabulary");

    public static readonly DiagnosticDescriptor HierarchicalSoftmaxNotLast = Error(
        "BF0054",
        "Hierarchical softmax must be the last layer",
        "[HierarchicalSoftmax] is an output layer that owns its loss, so it must be the last layer of '{0}', but layer {1} of {2} is one: move it to the end");

    public static readonly DiagnosticDescriptor HierarchicalSoftmaxClasses = Error(
        "BF0055",
        "Hierarchical softmax needs at least two classes",
        "[HierarchicalSoftmax({0})] needs between 2 and {1} classes (a tree of one leaf makes no decision): give a class count in that range");

    public static readonly DiagnosticDescriptor HierarchicalSoftmaxLoss = Error(
        "BF0056",
        "Hierarchical softmax owns its loss",
        "'{0}' ends in [HierarchicalSoftmax], which trains on the negative log-likelihood of class labels, but [Network] sets Loss = {1}: remove Loss or set it to LossFunction.CrossEntropy");

    public static readonly DiagnosticDescriptor EmbeddedWeightsUnsupported = Error(
        "BF0057",
        "Embedded weights need float inputs and a plain output",
        "'{0}' has {1}, which embedded weights (Weights = ...) do not support yet: remove Weights and load the weights file at run time with WeightsFile.Load");

    public static readonly DiagnosticDescriptor NormalizedAxisOutsideInput = Error(
        "BF0064",
        "Normalized axis outside the input",
        "[{0}] normalizes from axis {1}, but its input has shape {2}, whose axes are 0 to {3} (or {4} to -1 counting from the end): give an axis in that range, or leave Axis out to normalize the whole sample");

    public static readonly DiagnosticDescriptor NormalizesOneValue = Error(
        "BF0065",
        "Normalization over a single value",
        "[{0}] normalizes groups of one value in its input of shape {1}, so x - μ is always 0 and the output is β whatever the input: normalize over more values (an earlier Axis), or remove the layer");

    public static readonly DiagnosticDescriptor OnnxModelNotFound = Error(
        "BF0070",
        "ONNX model not found",
        "'{0}' imports the ONNX model '{1}', but no additional file of the project has that name: add <OnnxModel Include=\"{1}\" /> to the project file, so that Butterfly's build targets hand the model to the generator");

    public static readonly DiagnosticDescriptor OnnxModelAmbiguous = Error(
        "BF0071",
        "ONNX model name is ambiguous",
        "The ONNX model name '{0}' matches several files ({1}): give a longer path suffix that names one of them");

    public static readonly DiagnosticDescriptor OnnxModelUnreadable = Error(
        "BF0072",
        "Not a readable ONNX model",
        "'{0}' is not a readable ONNX model: {1}; give the .onnx file an ONNX exporter saved (torch.onnx.export, tf2onnx, onnx.save), whole and unchanged");

    public static readonly DiagnosticDescriptor OnnxOperatorUnsupported = Error(
        "BF0073",
        "ONNX operator not supported",
        "Node '{0}' of '{1}' is {2}, which Butterfly cannot import; the operators it imports are {3}: replace the operator before exporting the model");

    public static readonly DiagnosticDescriptor OnnxAttributeUnsupported = Error(
        "BF0074",
        "ONNX attribute value not supported",
        "Node '{0}' ({1}) of '{2}' has {3}, which Butterfly does not import: it supports {4}");

    public static readonly DiagnosticDescriptor OnnxTypeUnsupported = Error(
        "BF0075",
        "ONNX tensor is not float32",
        "'{0}' in '{1}' holds {2} values, but Butterfly imports float32 models only: convert the model to float32 before exporting it");

    public static readonly DiagnosticDescriptor OnnxShapeNotFixed = Error(
        "BF0076",
        "ONNX input shape is not fixed",
        "The input '{0}' of '{1}' has shape {2}, but Butterfly compiles one fixed shape per sample, of 1 to 3 dimensions after the batch: export the model with every dimension but the first fixed");

    public static readonly DiagnosticDescriptor OnnxTensorSizeMismatch = Error(
        "BF0077",
        "ONNX tensor size does not match its shape",
        "Tensor '{0}' in '{1}' has shape {2}, which takes {3} values, but it holds {4}: the file is damaged or cut; export the model again");

    public static readonly DiagnosticDescriptor OnnxGraphArity = Error(
        "BF0078",
        "ONNX graph has several inputs or outputs",
        "'{0}' has {1} graph {2} ({3}), but Butterfly compiles a graph with one input and one output: export the model with a single input and a single output");

    public static readonly DiagnosticDescriptor OnnxWithLayers = Error(
        "BF0079",
        "Imported network also declares layers",
        "'{0}' takes its layers from the ONNX model '{1}' and cannot also declare [{2}]: remove the layer attributes, or remove Onnx");

    public static readonly DiagnosticDescriptor OnnxNodeNotLowered = Error(
        "BF0081",
        "ONNX node cannot be compiled",
        "Node '{0}' ({1}) of '{2}' cannot be compiled: {3}");

    public static readonly DiagnosticDescriptor OnnxOpsetUnsupported = Error(
        "BF0082",
        "ONNX operator set not supported",
        "'{0}' uses operator set {1} of the default ONNX domain, but Butterfly imports operator sets 9 to 21: export the model at one of those, or convert it with onnx.version_converter");

    public static readonly DiagnosticDescriptor OnnxLayerRejected = Error(
        "BF0083",
        "ONNX node does not fit its input",
        "Node '{0}' ({1}) of '{2}' becomes [{3}], which does not fit: {4}");

    public static readonly DiagnosticDescriptor ConvolutionWindowLargerThanInput = Error(
        "BF0084",
        "Convolution window larger than its padded input",
        "[{0}] has a {1}×{2} window (rows × columns), larger than its input of {3}×{4} padded to {5}×{6}: use a smaller KernelHeight or KernelWidth, pad the input more (PadTop, PadBottom, PadLeft, PadRight), or remove a layer that shrinks it before this one");

    public static readonly DiagnosticDescriptor SamePaddingNeedsOddSide = Error(
        "BF0085",
        "Same padding needs odd kernel sides",
        "Conv2D with padding: Padding.Same puts (side - 1) / 2 zeros on both ends of each axis, which keeps the size only for an odd side, but {0} is {1}: make it {2} or {3}, or set that axis's padding as numbers ({4})");

    public static readonly DiagnosticDescriptor LogSoftmaxNotLast = Error(
        "BF0088",
        "LogSoftmax must be the last layer",
        "[LogSoftmax] must be the last layer of '{0}', but layer {1} of {2} is a log-softmax: move it to the end, or use another activation here");

    public static readonly DiagnosticDescriptor ClampBoundsCrossed = Error(
        "BF0066",
        "Clamp bounds crossed",
        "[{0}] has max {2} below min {1}, so no value lies between them: give a max at least the min (swap them if they were meant the other way)");

    public static readonly DiagnosticDescriptor ClampWithoutBounds = new(
        "BF0067",
        "Clamp without a bound",
        "[{0}] has no finite bound, so it passes every value unchanged: give min, max or both, or remove the layer",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "bf0067");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
