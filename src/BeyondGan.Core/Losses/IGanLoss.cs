using static TorchSharp.torch;

namespace BeyondGan.Losses;

/// <summary>
/// An adversarial objective: what the critic minimises and what the generator minimises, from the critic's
/// raw scores (logits for the probabilistic losses, unbounded values for the Wasserstein family).
/// </summary>
public interface IGanLoss
{
    /// <summary>Short name, as used on the command line (e.g. <c>ns</c>, <c>wgan-gp</c>).</summary>
    string Name { get; }

    /// <summary>True when <see cref="GeneratorLoss"/> needs the critic's scores on real data (relativistic losses).</summary>
    bool GeneratorNeedsRealScores { get; }

    /// <summary>Loss the critic minimises, given scores on real and on generated samples.</summary>
    Tensor CriticLoss(Tensor realScores, Tensor fakeScores);

    /// <summary>Loss the generator minimises. <paramref name="realScores"/> is null unless <see cref="GeneratorNeedsRealScores"/>.</summary>
    Tensor GeneratorLoss(Tensor? realScores, Tensor fakeScores);
}

/// <summary>A loss whose critic target for real samples can be softened (one-sided label smoothing).</summary>
public interface ISmoothableLoss
{
    /// <summary>Target probability for real samples in the critic's loss (1 without smoothing).</summary>
    double RealTarget { get; set; }
}
