using System.Globalization;
using System.Linq;
using System.Text;
using Butterfly.Generator.Layers;
using Butterfly.Generator.Model;

namespace Butterfly.Generator.Emitting;

/// <summary>
/// A spec written back as the attributes that declare it, one per line: what an imported network would look like
/// declared by hand, for its documentation. Arguments are positional, in the attribute constructors' order, which is the
/// order the parser reads them in (and the importer writes them in).
/// </summary>
internal static class AttributeDeclaration
{
    public static string Of(NetworkSpec spec, string loss)
    {
        var text = new StringBuilder();
        text.Append("[Network").Append(loss.Length > 0 ? "(Loss = LossFunction." + loss + ")" : "").Append("]\n");
        text.Append("[Input(").Append(string.Join(", ", spec.Input.Dimensions)).Append(NameArgument(spec.InputName)).Append(")]\n");
        foreach (var layer in spec.Layers)
        {
            if (layer.From is { } from)
            {
                text.Append("[From(").Append(Literals.String(from)).Append(")]\n");
            }

            var arguments = layer.Merged.Count > 0
                ? layer.Merged.Select(Literals.String).ToList()
                : layer.Arguments.Select(a => LayerCatalog.Get(layer.Kind).PropertyArgument(a) ?? Number(a.Value)).ToList();
            if (layer.Name is { } name)
            {
                arguments.Add("Name = " + Literals.String(name));
            }

            text.Append('[').Append(layer.Kind).Append(arguments.Count > 0 ? "(" + string.Join(", ", arguments) + ")" : "").Append("]\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string NameArgument(string? name) => name is null ? "" : ", Name = " + Literals.String(name);

    /// <summary>An integer as itself, anything else as a float literal (every fractional layer argument is a float).</summary>
    private static string Number(double value) =>
        value == System.Math.Floor(value) && System.Math.Abs(value) < 1e9
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : Literals.Float((float)value);
}
