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
    /// Monte-Carlo rollouts: for each prefix length k = 1 … <see cref="Positions"/> − 1 in order, <paramref name="count"/>
    /// completions of every sample that keep its first k positions and draw the rest from the policy, as one tensor
    /// [count · batch, …] (completion n of sample b at row n · batch + b). No graph is needed; an implementation may
    /// draw all prefixes' completions together and hand them out one prefix at a time.
    /// </summary>
    IEnumerable<Tensor> Rollouts(Tensor sample, int count, Tensor? condition, TorchSharp.torch.Generator rng);
}
