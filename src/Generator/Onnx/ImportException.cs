using System;
using Microsoft.CodeAnalysis;

namespace Butterfly.Generator.Onnx;

/// <summary>
/// Why a model cannot be imported, as the diagnostic to report and its message arguments; thrown by the importer and
/// its operator mappings, and caught once in <see cref="OnnxImporter"/>.
/// </summary>
internal sealed class ImportException(DiagnosticDescriptor descriptor, params object[] arguments) : Exception(descriptor.Id)
{
    public DiagnosticDescriptor Descriptor { get; } = descriptor;

    public object[] Arguments { get; } = arguments;
}
