using System;

namespace Butterfly.Runtime.Tests.Boltzmann;

/// <summary>
/// The exact distribution of a small binary restricted Boltzmann machine, in double precision, by summing over every
/// joint state <c>(v, h)</c>: the reference the runtime's closed forms and estimators are tested against. Nothing here
/// uses the closed forms (softplus, sigmoid) that the runtime uses; each quantity is a sum of <c>e^-E(v, h)</c>.
/// </summary>
internal sealed class EnumeratedMachine
{
    private readonly double[] _w;
    private readonly double[] _b;
    private readonly double[] _c;

    /// <summary>Reads a machine's parameters, laid out as the generated machines lay them out: W [hidden × visible], b, c.</summary>
    public EnumeratedMachine(ReadOnlySpan<float> parameters, int visible, int hidden)
    {
        Visible = visible;
        Hidden = hidden;
        _w = new double[visible * hidden];
        _b = new double[visible];
        _c = new double[hidden];
        for (int i = 0; i < _w.Length; i++)
        {
            _w[i] = parameters[i];
        }

        for (int i = 0; i < visible; i++)
        {
            _b[i] = parameters[visible * hidden + i];
        }

        for (int j = 0; j < hidden; j++)
        {
            _c[j] = parameters[visible * hidden + visible + j];
        }

        // log Z over all 2^(V+H) joint states, stabilized by the largest term.
        double max = double.NegativeInfinity;
        for (int v = 0; v < VisibleStates; v++)
        {
            for (int h = 0; h < HiddenStates; h++)
            {
                max = Math.Max(max, -Energy(v, h));
            }
        }

        double sum = 0;
        for (int v = 0; v < VisibleStates; v++)
        {
            for (int h = 0; h < HiddenStates; h++)
            {
                sum += Math.Exp(-Energy(v, h) - max);
            }
        }

        LogPartition = max + Math.Log(sum);
    }

    public int Visible { get; }

    public int Hidden { get; }

    public int VisibleStates => 1 << Visible;

    public int HiddenStates => 1 << Hidden;

    public double LogPartition { get; }

    /// <summary>Unit <paramref name="i"/> of the state whose bits are <paramref name="state"/>.</summary>
    public static double Bit(int state, int i) => (state >> i) & 1;

    /// <summary>A visible state as floats, unit 0 first.</summary>
    public float[] VisibleVector(int state)
    {
        var vector = new float[Visible];
        for (int i = 0; i < Visible; i++)
        {
            vector[i] = (float)Bit(state, i);
        }

        return vector;
    }

    /// <summary><c>E(v, h) = -bᵀv - cᵀh - hᵀWv</c>.</summary>
    public double Energy(int v, int h)
    {
        double energy = 0;
        for (int i = 0; i < Visible; i++)
        {
            energy -= _b[i] * Bit(v, i);
        }

        for (int j = 0; j < Hidden; j++)
        {
            if (Bit(h, j) == 0)
            {
                continue;
            }

            energy -= _c[j];
            for (int i = 0; i < Visible; i++)
            {
                energy -= _w[j * Visible + i] * Bit(v, i);
            }
        }

        return energy;
    }

    /// <summary><c>F(v) = -log Σ_h e^-E(v, h)</c>, by the sum.</summary>
    public double FreeEnergy(int v)
    {
        double sum = 0;
        for (int h = 0; h < HiddenStates; h++)
        {
            sum += Math.Exp(-Energy(v, h));
        }

        return -Math.Log(sum);
    }

    /// <summary><c>p(v) = Σ_h e^-E(v, h) / Z</c>.</summary>
    public double Probability(int v) => Math.Exp(-FreeEnergy(v) - LogPartition);

    /// <summary><c>p(h_j = 1 | v)</c> as a ratio of sums over h.</summary>
    public double HiddenProbability(int v, int j)
    {
        double on = 0, all = 0;
        for (int h = 0; h < HiddenStates; h++)
        {
            double weight = Math.Exp(-Energy(v, h));
            all += weight;
            on += Bit(h, j) * weight;
        }

        return on / all;
    }

    /// <summary><c>p(v_i = 1 | h)</c> as a ratio of sums over v.</summary>
    public double VisibleProbability(int h, int i)
    {
        double on = 0, all = 0;
        for (int v = 0; v < VisibleStates; v++)
        {
            double weight = Math.Exp(-Energy(v, h));
            all += weight;
            on += Bit(v, i) * weight;
        }

        return on / all;
    }

    /// <summary>
    /// The exact gradient of the mean negative log-likelihood of <paramref name="data"/> (visible states), laid out as the
    /// parameters: <c>∂(-log p(v))/∂θ = E_model[-∂E/∂θ] - E_{p(h|v)}[-∂E/∂θ]</c>, with <c>-∂E/∂W_ji = h_j v_i</c>,
    /// <c>-∂E/∂b_i = v_i</c>, <c>-∂E/∂c_j = h_j</c>.
    /// </summary>
    public double[] NegativeLogLikelihoodGradient(ReadOnlySpan<int> data)
    {
        var model = new double[_w.Length + Visible + Hidden];
        for (int v = 0; v < VisibleStates; v++)
        {
            for (int h = 0; h < HiddenStates; h++)
            {
                Accumulate(model, v, h, Math.Exp(-Energy(v, h) - LogPartition));
            }
        }

        var observed = new double[model.Length];
        foreach (int v in data)
        {
            double all = 0;
            for (int h = 0; h < HiddenStates; h++)
            {
                all += Math.Exp(-Energy(v, h));
            }

            for (int h = 0; h < HiddenStates; h++)
            {
                Accumulate(observed, v, h, Math.Exp(-Energy(v, h)) / all / data.Length);
            }
        }

        for (int k = 0; k < model.Length; k++)
        {
            model[k] -= observed[k];
        }

        return model;
    }

    /// <summary><c>Σ_i log p(v_i | v_-i)</c>, from the probabilities of v and of v with unit i flipped.</summary>
    public double PseudoLogLikelihood(int v)
    {
        double sum = 0;
        for (int i = 0; i < Visible; i++)
        {
            double p = Probability(v), flipped = Probability(v ^ (1 << i));
            sum += Math.Log(p / (p + flipped));
        }

        return sum;
    }

    /// <summary>The mean log-likelihood of <paramref name="data"/>.</summary>
    public double LogLikelihood(ReadOnlySpan<int> data)
    {
        double sum = 0;
        foreach (int v in data)
        {
            sum += Math.Log(Probability(v));
        }

        return sum / data.Length;
    }

    private void Accumulate(double[] sums, int v, int h, double weight)
    {
        for (int j = 0; j < Hidden; j++)
        {
            double hj = Bit(h, j);
            if (hj == 0)
            {
                continue;
            }

            for (int i = 0; i < Visible; i++)
            {
                sums[j * Visible + i] += weight * Bit(v, i);
            }

            sums[_w.Length + Visible + j] += weight;
        }

        for (int i = 0; i < Visible; i++)
        {
            sums[_w.Length + i] += weight * Bit(v, i);
        }
    }
}
