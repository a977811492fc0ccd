using Butterfly.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator.Model;

/// <summary>A source location as plain data, so that diagnostics can travel through the cached pipeline.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>
    /// The location in <paramref name="compilation"/>'s tree of that path, so that the IDE attaches the diagnostic to the
    /// document (code fixes and <c>#pragma warning</c> need that); a path-only location when no tree has the path.
    /// </summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath)
            {
                return Location.Create(tree, Span);
            }
        }

        return Location.Create(FilePath, Span, LineSpan);
    }
}

/// <summary>
/// A diagnostic as plain data: descriptor, location, message arguments, and the argument value a code fix may write.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments, ArgumentFix? Fix = null)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] messageArguments) =>
        At(descriptor, LocationInfo.From(location), messageArguments);

    /// <summary>A diagnostic whose repair is <paramref name="fix"/>, when there is one.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, ArgumentFix? fix, object[] messageArguments) =>
        At(descriptor, LocationInfo.From(location), messageArguments) with { Fix = fix };

    /// <summary>A diagnostic at a location already kept as data, as later pipeline steps have it.</summary>
    public static DiagnosticInfo At(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] messageArguments)
    {
        var arguments = new string[messageArguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = System.Convert.ToString(messageArguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new DiagnosticInfo(descriptor, location, arguments.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Fix?.ToProperties(), MessageArguments.AsSpan().ToArray());
}
