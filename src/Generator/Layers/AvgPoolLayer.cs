namespace Butterfly.Generator.Layers;

/// <summary>Average pooling; its Jacobian spreads <c>dy</c> evenly over the window, so backward reads nothing else.</summary>
internal sealed class AvgPoolLayer : PoolingLayer
{
    public override string Name => "AvgPool";

    public override string Stem => "avg_pool";

    public override ForwardValues BackwardReads => ForwardValues.None;

    protected override string Kernel => "Average";

    protected override string Formula => "y[c, i, j] = (1 / size²) Σ_{u, v < size} x[c, i s + u, j s + v]";

    protected override string BackwardFormula => "dx[c, i s + u, j s + v] += dy[c, i, j] / size²";
}
