using BeyondGan.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Regularizers;

/// <summary>WGAN weight clipping (Arjovsky et al. 2017, Algorithm 1): after each critic step, w ← clip(w, −c, c).</summary>
public sealed class WeightClipping : GanRegularizer
{
    /// <summary>Clipping bound c.</summary>
    public double Bound { get; }

    /// <summary>Creates weight clipping with bound <paramref name="bound"/> (the paper's default is 0.01).</summary>
    public WeightClipping(double bound = 0.01) => Bound = bound;

    /// <inheritdoc />
    public override string Name => "weight_clipping";

    /// <inheritdoc />
    public override void AfterCriticStep(Critic critic)
    {
        using var _ = no_grad();
        foreach (var p in critic.parameters()) p.clamp_(-Bound, Bound);
    }
}
