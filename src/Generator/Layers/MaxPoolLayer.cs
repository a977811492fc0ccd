namespace Butterfly.Generator.Layers;

/// <summary>
/// Max pooling. Only a window's maximum reaches the output, so its Jacobian routes <c>dy</c> to that one input; the
/// backward pass finds the argmax again from the input rather than keeping indices.
/// </summary>
internal sealed class MaxPoolLayer : PoolingLayer
{
    public override string Name => "MaxPool";

    public override string Stem => "max_pool";

    public override ForwardValues BackwardReads => ForwardValues.Input;

    protected override string Kernel => "Max";

    protected override string Formula => "y[c, i, j] = max_{u, v < size} x[c, i s + u, j s + v]";

    protected override string BackwardFormula => "dx[argmax of window (i, j)] += dy[i, j]; 0 elsewhere";
}
