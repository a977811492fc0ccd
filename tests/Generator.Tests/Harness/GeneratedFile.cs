namespace Butterfly.Generator.Tests.Harness;

/// <summary>One source the generator added: its hint name (such as <c>Samples.MnistMlp.g.cs</c>) and its text.</summary>
internal sealed record GeneratedFile(string HintName, string Text);
