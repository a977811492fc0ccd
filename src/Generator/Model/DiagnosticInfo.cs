using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Butterfly.Generator.Model;

/// <summary>A source location as plain data, so that diagnostics can travel through the cached pipeline.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

/// <summary>A diagnostic as plain data: descriptor, location and message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] messageArguments) =>
        At(descriptor, LocationInfo.From(location), messageArguments);

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

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.AsSpan().ToArray());
}
