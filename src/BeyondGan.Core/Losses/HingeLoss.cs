using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>
/// Hinge loss (Lim &amp; Ye 2017; Miyato et al. 2018, Eq. 16–17): the critic minimises
/// E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))], the generator minimises −E[D(G(z))].
/// </summary>
public sealed class HingeLoss : IGanLoss
{
    /// <inheritdoc />
    public string Name => "hinge";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => false;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        relu(1.0 - realScores).mean() + relu(1.0 + fakeScores).mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores) => -fakeScores.mean();
}
