using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>
/// Relativistic average standard GAN, RaSGAN (Jolicoeur-Martineau 2018, Eq. 9–10): with
/// D̃(x) = C(x) − E[C(G(z))] and D̃(G(z)) = C(G(z)) − E[C(x)], the critic minimises
/// −E[log σ(D̃(x))] − E[log(1 − σ(D̃(G(z))))] and the generator the same with real and fake swapped.
/// </summary>
public sealed class RelativisticAverageLoss : IGanLoss, ISmoothableLoss
{
    /// <inheritdoc />
    public string Name => "ragan";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => true;
    /// <inheritdoc />
    public double RealTarget { get; set; } = 1.0;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores)
    {
        var realRel = realScores - fakeScores.mean();
        var fakeRel = fakeScores - realScores.mean();
        return BinaryCrossEntropy.WithTarget(realRel, RealTarget) + softplus(fakeRel).mean();
    }

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores)
    {
        ArgumentNullException.ThrowIfNull(realScores);
        var realRel = realScores - fakeScores.mean();
        var fakeRel = fakeScores - realScores.mean();
        return softplus(realRel).mean() + softplus(-fakeRel).mean();
    }
}
