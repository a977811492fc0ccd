using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Butterfly.Generator.Parsing;

/// <summary>
/// Tells whether an attribute failed to bind. The compiler reports such errors itself; the parser then reads
/// nothing from the declaration, because a half-bound attribute (an unknown named argument is silently dropped, a
/// mistyped one reads as an error constant) would otherwise be compiled as if it said something else.
/// </summary>
internal static class AttributeErrors
{
    public static bool Any(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(named => named.Value.Kind == TypedConstantKind.Error))
        {
            return true;
        }

        // A named argument that names no settable member is dropped from NamedArguments without a trace there.
        int written = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } list }
            ? list.Arguments.Count(argument => argument.NameEquals is not null)
            : 0;
        return written != attribute.NamedArguments.Length;
    }
}
