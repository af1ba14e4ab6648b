using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace BeyondGan.Losses;

/// <summary>
/// Relativistic standard GAN, RSGAN (Jolicoeur-Martineau 2018, Eq. 5–6; RelGAN's loss): pairs of a real and a
/// generated sample, the critic minimises −E[log σ(C(x_r) − C(x_f))] and the generator −E[log σ(C(x_f) − C(x_r))].
/// </summary>
public sealed class RelativisticStandardLoss : IGanLoss
{
    /// <inheritdoc />
    public string Name => "rsgan";
    /// <inheritdoc />
    public bool GeneratorNeedsRealScores => true;

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => softplus(fakeScores - realScores).mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores)
    {
        ArgumentNullException.ThrowIfNull(realScores);
        return softplus(realScores - fakeScores).mean();
    }
}
