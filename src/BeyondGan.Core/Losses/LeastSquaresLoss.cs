using static TorchSharp.torch;

namespace BeyondGan.Losses;

/// <summary>
/// Least-squares GAN (Mao et al. 2017, Eq. 2 with a = 0, b = c = 1): the critic minimises
/// ½E[(D(x) − 1)²] + ½E[D(G(z))²], the generator minimises ½E[(D(G(z)) − 1)²].
/// </summary>
public sealed class LeastSquaresLoss : IGanLoss
{
    /// <inheritdoc />
    public string Name => "lsgan";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => false;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        0.5 * (realScores - 1.0).square().mean() + 0.5 * fakeScores.square().mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores) => 0.5 * (fakeScores - 1.0).square().mean();
}
