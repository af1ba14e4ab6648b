using static TorchSharp.torch;

namespace BeyondGan.Modules;

/// <summary>
/// A generator whose output is a sequence of discrete choices drawn one position at a time — a policy in the sense of
/// reinforcement learning (SeqGAN, Yu et al. 2017, §3) — so it can learn from a critic through policy gradients
/// (<see cref="Discrete.PolicyGradient"/>) when no gradient passes through its samples. Samples are in the form the
/// critic reads (for text, one-hot tokens [batch, positions, vocabulary]).
/// </summary>
public interface IPolicyGenerator
{
    /// <summary>Positions of a sample.</summary>
    int Positions { get; }

    /// <summary>
    /// Draws a sample for each row of <paramref name="z"/> and returns it with the log-probability [batch, positions]
    /// of the choice made at each position (0 where the sample had already ended), with their graph.
    /// </summary>
    (Tensor Sample, Tensor LogProbabilities) SampleWithLogProbabilities(Tensor z, Tensor? condition, TorchSharp.torch.Generator rng);

    /// <summary>
    /// Monte-Carlo rollout: keeps the first <paramref name="prefix"/> positions of <paramref name="sample"/> and draws
    /// the rest from the policy (no graph needed).
    /// </summary>
    Tensor Rollout(Tensor sample, int prefix, Tensor? condition, TorchSharp.torch.Generator rng);
}
