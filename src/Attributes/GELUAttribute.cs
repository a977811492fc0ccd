using System;

namespace Butterfly;

/// <summary>
/// The Gaussian error linear unit (Hendrycks and Gimpel 2016), <c>y = x Φ(x)</c> with <c>Φ</c> the standard normal
/// distribution function, element-wise. By default in its tanh form,
/// <c>y = x/2 · (1 + tanh(sqrt(2/π) (x + 0.044715 x³)))</c>, as Butterfly has always computed it (so that networks
/// trained before keep their outputs); <see cref="Exact"/> selects <c>y = x/2 (1 + erf(x / sqrt 2))</c>, the form
/// ONNX's <c>Gelu</c> and PyTorch's <c>nn.GELU()</c> compute by default (<c>approximate = "none"</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GELUAttribute : LayerAttribute
{
    /// <summary>
    /// Whether to compute the exact erf form instead of the tanh approximation (the two differ by at most 4.7e-4, near
    /// x = ±2.7).
    /// </summary>
    public bool Exact { get; set; }
}
