using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>
/// Non-saturating GAN (Goodfellow et al. 2014, §3): the critic's loss is the minimax one, the generator
/// maximises E[log D(G(z))] instead, i.e. minimises softplus(−D_logit(G(z))).
/// </summary>
public sealed class NonSaturatingLoss : IGanLoss, ISmoothableLoss
{
    /// <inheritdoc />
    public string Name => "ns";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => false;
    /// <inheritdoc />
    public double RealTarget { get; set; } = 1.0;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        BinaryCrossEntropy.WithTarget(realScores, RealTarget) + softplus(fakeScores).mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores) => softplus(-fakeScores).mean();
}
