using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>
/// WGAN-GP gradient penalty (Gulrajani et al. 2017, Eq. 3): λ·E[(‖∇ D(x̂)‖₂ − 1)²] at x̂ = ε·x + (1 − ε)·G(z),
/// ε ~ U(0, 1) per critic input (per pack with PacGAN, the gradient norm taken over the whole pack).
/// The expectation may be estimated on the first <see cref="Fraction"/> of the batch's critic inputs only (the
/// batch is in random order, so they are a random subset): an unbiased, noisier estimate at a fraction of the cost
/// of the penalty's double backward. (With <see cref="ExperienceReplay"/>, replayed fakes come first in the batch.)
/// </summary>
public sealed class GradientPenalty : GanRegularizer
{
    /// <summary>Penalty weight λ.</summary>
    public double Lambda { get; }

    /// <summary>Share of the batch's critic inputs (packs) the expectation is estimated on, in (0, 1].</summary>
    public double Fraction { get; }

    /// <summary>Creates the penalty with weight <paramref name="lambda"/> (the paper's default is 10), estimated on
    /// <paramref name="fraction"/> of each batch (1 = all of it, as in the paper).</summary>
    public GradientPenalty(double lambda = 10.0, double fraction = 1.0)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentException($"The gradient penalty's fraction must be in (0, 1], got {fraction}.");
        Lambda = lambda;
        Fraction = fraction;
    }

    /// <inheritdoc />
    public override string Name => "gradient_penalty";

    /// <inheritdoc />
    public override Tensor? CriticPenalty(CriticPenaltyInputs inputs)
    {
        var real = inputs.Real.detach();
        var fake = inputs.Fake.detach();
        var condition = inputs.RealCondition;
        int pack = inputs.Critic.PackSize;
        long groups = real.shape[0] / pack;
        if (Fraction < 1)
        {
            groups = Math.Max(1, (long)Math.Ceiling(groups * Fraction));
            real = real.narrow(0, 0, groups * pack);
            fake = fake.narrow(0, 0, groups * pack);
            condition = condition?.narrow(0, 0, groups * pack);
        }
        var epsShape = new long[real.dim()];
        Array.Fill(epsShape, 1L);
        epsShape[0] = groups;
        var eps = rand(epsShape, generator: inputs.Rng).to(real.device);
        if (pack > 1) eps = eps.repeat_interleave(pack, 0);
        var mixed = (eps * real + (1.0 - eps) * fake).requires_grad_(true);
        var scores = inputs.Critic.call(mixed, condition);
        // TorchSharp defaults retain_graph to false; the penalty must be differentiated again (double backward).
        var grad = autograd.grad(new[] { scores }, new[] { mixed }, new[] { ones_like(scores) },
            retain_graph: true, create_graph: true)[0];
        var norm = (grad.reshape(groups, -1).square().sum(1) + 1e-12).sqrt();
        return Lambda * (norm - 1.0).square().mean();
    }
}
