using static TorchSharp.torch;

namespace BeyondGan.Losses;

/// <summary>
/// Wasserstein GAN (Arjovsky et al. 2017, Eq. 3): the critic minimises E[f(G(z))] − E[f(x)], the generator
/// minimises −E[f(G(z))]. Needs a Lipschitz constraint: <c>WeightClipping</c> (WGAN) or <c>GradientPenalty</c> (WGAN-GP).
/// </summary>
public sealed class WassersteinLoss : IGanLoss
{
    /// <inheritdoc />
    public string Name => "wgan";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => false;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => fakeScores.mean() - realScores.mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores) => -fakeScores.mean();
}
