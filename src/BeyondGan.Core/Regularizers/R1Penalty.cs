using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>
/// R1 regularisation (Mescheder et al. 2018, Eq. 9): (γ/2)·E_x[‖∇ D(x)‖²] on real data only.
/// </summary>
public sealed class R1Penalty : GanRegularizer
{
    /// <summary>Penalty weight γ.</summary>
    public double Gamma { get; }

    /// <summary>Creates the penalty with weight <paramref name="gamma"/>.</summary>
    public R1Penalty(double gamma = 10.0) => Gamma = gamma;

    /// <inheritdoc />
    public override string Name => "r1";

    /// <inheritdoc />
    public override Tensor? CriticPenalty(CriticPenaltyInputs inputs)
    {
        var real = inputs.Real.detach().requires_grad_(true);
        var scores = inputs.Critic.call(real, inputs.RealCondition);
        var grad = autograd.grad(new[] { scores }, new[] { real }, new[] { ones_like(scores) },
            retain_graph: true, create_graph: true)[0];
        long groups = scores.shape[0];
        return 0.5 * Gamma * grad.reshape(groups, -1).square().sum(1).mean();
    }
}
