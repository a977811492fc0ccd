using System;
using System.IO;

namespace Butterfly;

/// <summary>
/// Writes weights in the form <c>[Network(Weights = ...)]</c> embeds: the base64 text of a <c>.bfw</c> (float32) or
/// <c>.bfq</c> (int8) file. A source generator sees <c>AdditionalFiles</c> only as text and must not read files itself,
/// so the binary file travels as base64; add the written file to the project as an <c>AdditionalFiles</c> item.
/// </summary>
public static class EmbeddedWeights
{
    /// <summary>The base64 text of <paramref name="network"/>'s <c>.bfw</c> weights file.</summary>
    public static string ToText(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return ToText(network.Signature, network.Parameters);
    }

    /// <summary>The base64 text of the <c>.bfw</c> weights file of a network with these signature and parameters.</summary>
    public static string ToText(string signature, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Base64(WeightsFile.Encode(signature, parameters));
    }

    /// <summary>The base64 text of <paramref name="network"/>'s <c>.bfq</c> file.</summary>
    public static string ToText(QuantizedNetwork network) => Base64(QuantizedWeightsFile.Encode(network));

    /// <summary>Writes <see cref="ToText(INetwork)"/> to <paramref name="path"/> (conventionally <c>NAME.bfw.b64</c>).</summary>
    public static void Export(INetwork network, string path) => Write(path, ToText(network));

    /// <summary>Writes <see cref="ToText(QuantizedNetwork)"/> to <paramref name="path"/> (conventionally <c>NAME.bfq.b64</c>).</summary>
    public static void Export(QuantizedNetwork network, string path) => Write(path, ToText(network));

    /// <summary>Base64 in lines of 76 characters with LF ends on every OS, so that the text does not depend on the exporting machine.</summary>
    private static string Base64(byte[] bytes) =>
        Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static void Write(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, System.Text.Encoding.ASCII.GetBytes(text + "\n"));
    }
}
