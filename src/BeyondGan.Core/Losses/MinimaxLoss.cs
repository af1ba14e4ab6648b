using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>
/// The original minimax GAN objective (Goodfellow et al. 2014, Eq. 1): D maximises
/// E[log D(x)] + E[log(1 − D(G(z)))], G minimises E[log(1 − D(G(z)))]. With D = σ(logit),
/// −log σ(s) = softplus(−s) and −log(1 − σ(s)) = softplus(s).
/// </summary>
public sealed class MinimaxLoss : IGanLoss, ISmoothableLoss
{
    /// <inheritdoc />
    public string Name => "minimax";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => false;
    /// <inheritdoc />
    public double RealTarget { get; set; } = 1.0;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        BinaryCrossEntropy.WithTarget(realScores, RealTarget) + softplus(fakeScores).mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores) => -softplus(fakeScores).mean();
}
