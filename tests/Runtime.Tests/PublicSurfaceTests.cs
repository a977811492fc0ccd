using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;

namespace Butterfly.Runtime.Tests;

/// <summary>
/// The runtime's public surface is what users call. The kernels in <c>Butterfly.Kernels</c> are public only because
/// generated code in the user's assembly calls them, so they are hidden from IntelliSense, and a new kernel cannot
/// forget to be.
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void Every_kernel_type_is_hidden_from_IntelliSense()
    {
        var visible = typeof(INetwork).Assembly.GetExportedTypes()
            .Where(type => type.Namespace == "Butterfly.Kernels" && type.DeclaringType is null)
            .Where(type => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(type => type.FullName)
            .ToArray();

        Assert.True(visible.Length == 0, "Mark these [EditorBrowsable(EditorBrowsableState.Never)]: " + string.Join(", ", visible));
    }

    [Fact]
    public void Kernels_exist_to_be_checked()
    {
        Assert.Contains(typeof(INetwork).Assembly.GetExportedTypes(), type => type.Namespace == "Butterfly.Kernels");
    }

    [Fact]
    public void Dataset_readers_live_in_Butterfly_Data()
    {
        var readers = typeof(INetwork).Assembly.GetExportedTypes().Where(type => type.Name is "Mnist" or "IdxFile").ToArray();
        Assert.Equal(2, readers.Length);
        Assert.All(readers, type => Assert.Equal("Butterfly.Data", type.Namespace));
    }
}
