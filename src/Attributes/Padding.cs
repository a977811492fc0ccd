namespace Butterfly;

/// <summary>Named paddings for <see cref="Conv2DAttribute"/>'s <c>padding</c> argument.</summary>
public static class Padding
{
    /// <summary>
    /// "Same" padding: <c>(kernel - 1) / 2</c> zeros on every side, so that a stride-1 convolution keeps the input's
    /// height and width (and stride <c>s</c> gives <c>ceil(size / s)</c>). It needs an odd kernel.
    /// </summary>
    public const int Same = -1;
}
