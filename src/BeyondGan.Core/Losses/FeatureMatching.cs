using static TorchSharp.torch;

namespace BeyondGan.Losses;

/// <summary>
/// Feature matching as HiFi-GAN uses it (Kong et al. 2020, Eq. 3): Σ_i (1/N_i) ‖D_i(x) − D_i(G(s))‖₁ over the critic's
/// hidden layers i, with the real activations as constants.
/// </summary>
public static class FeatureMatching
{
    /// <summary>The loss between the real batch's activations and the generated batch's, layer by layer.</summary>
    public static Tensor Loss(IReadOnlyList<Tensor> real, IReadOnlyList<Tensor> fake)
    {
        if (real.Count != fake.Count || real.Count == 0) throw new ArgumentException($"feature matching needs the same, non-zero number of layers (got {real.Count} and {fake.Count}).");
        var loss = (real[0].detach() - fake[0]).abs().mean();
        for (int i = 1; i < real.Count; i++) loss = loss + (real[i].detach() - fake[i]).abs().mean();
        return loss;
    }
}
