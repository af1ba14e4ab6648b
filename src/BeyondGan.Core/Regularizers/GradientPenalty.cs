using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>
/// WGAN-GP gradient penalty (Gulrajani et al. 2017, Eq. 3): λ·E[(‖∇ D(x̂)‖₂ − 1)²] at x̂ = ε·x + (1 − ε)·G(z),
/// ε ~ U(0, 1) per critic input (per pack with PacGAN, the gradient norm taken over the whole pack).
/// </summary>
public sealed class GradientPenalty : GanRegularizer
{
    /// <summary>Penalty weight λ.</summary>
    public double Lambda { get; }

    /// <summary>Creates the penalty with weight <paramref name="lambda"/> (the paper's default is 10).</summary>
    public GradientPenalty(double lambda = 10.0) => Lambda = lambda;

    /// <inheritdoc />
    public override string Name => "gradient_penalty";

    /// <inheritdoc />
    public override Tensor? CriticPenalty(CriticPenaltyInputs inputs)
    {
        var real = inputs.Real.detach();
        var fake = inputs.Fake.detach();
        int pack = inputs.Critic.PackSize;
        long groups = real.shape[0] / pack;
        var epsShape = new long[real.dim()];
        Array.Fill(epsShape, 1L);
        epsShape[0] = groups;
        var eps = rand(epsShape, generator: inputs.Rng).to(real.device);
        if (pack > 1) eps = eps.repeat_interleave(pack, 0);
        var mixed = (eps * real + (1.0 - eps) * fake).requires_grad_(true);
        var scores = inputs.Critic.call(mixed, inputs.RealCondition);
        // TorchSharp defaults retain_graph to false; the penalty must be differentiated again (double backward).
        var grad = autograd.grad(new[] { scores }, new[] { mixed }, new[] { ones_like(scores) },
            retain_graph: true, create_graph: true)[0];
        var norm = (grad.reshape(groups, -1).square().sum(1) + 1e-12).sqrt();
        return Lambda * (norm - 1.0).square().mean();
    }
}
