using BeyondGan.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Losses;

/// <summary>
/// An adversarial loss applied to each of a critic's score parts and summed (<see cref="Critic.ScoreParts"/>; HiFi-GAN
/// Eq. 5–6 for several critics). For a critic of one part it is the loss itself.
/// </summary>
public static class PartwiseLoss
{
    /// <summary>Σ_k <see cref="IGanLoss.CriticLoss"/> over the parts of <paramref name="realScores"/> and <paramref name="fakeScores"/>.</summary>
    public static Tensor CriticLoss(this IGanLoss loss, Critic critic, Tensor realScores, Tensor fakeScores)
    {
        var real = critic.ScoreParts(realScores);
        var fake = critic.ScoreParts(fakeScores);
        var sum = loss.CriticLoss(real[0], fake[0]);
        for (int k = 1; k < real.Count; k++) sum = sum + loss.CriticLoss(real[k], fake[k]);
        return sum;
    }

    /// <summary>Σ_k <see cref="IGanLoss.GeneratorLoss"/> over the parts (<paramref name="realScores"/> null unless the loss needs them).</summary>
    public static Tensor GeneratorLoss(this IGanLoss loss, Critic critic, Tensor? realScores, Tensor fakeScores)
    {
        var real = realScores is null ? null : critic.ScoreParts(realScores);
        var fake = critic.ScoreParts(fakeScores);
        var sum = loss.GeneratorLoss(real?[0], fake[0]);
        for (int k = 1; k < fake.Count; k++) sum = sum + loss.GeneratorLoss(real?[k], fake[k]);
        return sum;
    }
}
