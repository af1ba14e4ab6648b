using BeyondGan.Modules;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Discrete;

/// <summary>
/// REINFORCE with Monte-Carlo rollouts (SeqGAN, Yu et al. 2017, Eq. 4 and 8): the generator is a policy
/// <see cref="IPolicyGenerator"/>; the action value of the choice at position t is the critic's reward averaged over
/// <see cref="Rollouts"/> completions of the prefix y_1..t (the sample itself at the last position),
/// Q(t) = (1/N) Σ_n R(D(MC_n(y_1..t))), and the loss is −(1/B) Σ_b Σ_t log G(y_t | y_&lt;t) (Q(t) − b(t)),
/// with b(t) = 0 as in the paper or, with <see cref="Baseline"/>, the batch's mean Q(t) (a variance-reducing
/// baseline; Williams 1992). The reward R is the critic's probability of "real", σ(D(x)), for a critic trained
/// with the minimax (binary cross-entropy) loss.
/// </summary>
public sealed class PolicyGradient : IGeneratorObjective
{
    /// <summary>A policy gradient with <paramref name="rollouts"/> completions per prefix (SeqGAN: 16).</summary>
    public PolicyGradient(int rollouts, bool baseline = false)
    {
        if (rollouts < 1) throw new ArgumentException($"--rollouts must be at least 1, got {rollouts}.");
        Rollouts = rollouts;
        Baseline = baseline;
    }

    /// <summary>Monte-Carlo completions per prefix.</summary>
    public int Rollouts { get; }

    /// <summary>Subtract the batch's mean action value at each position.</summary>
    public bool Baseline { get; }

    /// <inheritdoc />
    public string Name => "policy_gradient";

    /// <summary>The reward of critic scores (σ: the probability the critic gives to "real").</summary>
    public static Tensor Reward(Tensor scores) => scores.sigmoid();

    /// <inheritdoc />
    public Tensor Loss(GeneratorObjectiveInputs inputs)
    {
        var policy = inputs.Generator as IPolicyGenerator
            ?? throw new InvalidOperationException($"{inputs.Generator.GetType().Name} is not a policy (IPolicyGenerator); a policy gradient needs one.");
        var (sample, logProbabilities) = policy.SampleWithLogProbabilities(inputs.Z, inputs.Condition, inputs.Rng);
        var values = ActionValues(policy, inputs.Critic, sample.detach(), inputs.Condition, inputs.Rng);
        if (Baseline) values = values - values.mean(new long[] { 0 }, keepdim: true);
        inputs.Terms["reward"] = values.mean().item<float>();
        return -(logProbabilities * values).sum(1).mean();
    }

    /// <summary>Q(t) [batch, positions] of every choice of <paramref name="sample"/> (no graph).</summary>
    public Tensor ActionValues(IPolicyGenerator policy, Critic critic, Tensor sample, Tensor? condition, TorchSharp.torch.Generator rng)
    {
        using var _ = no_grad();
        int positions = policy.Positions;
        long batch = sample.shape[0];
        var columns = new Tensor[positions];
        int k = 0;
        var repeated = condition is null ? null : cat(Enumerable.Repeat(condition, Rollouts).ToArray(), 0);
        foreach (var completions in policy.Rollouts(sample, Rollouts, condition, rng))
        {
            if (k >= positions - 1) throw new InvalidOperationException($"the policy gave more than {positions - 1} prefixes of rollouts.");
            using var scope = NewDisposeScope();   // the critic's activations of each prefix are freed before the next
            columns[k++] = Reward(critic.call(completions, repeated).reshape(-1)).reshape(Rollouts, batch).mean(new long[] { 0 }).MoveToOuterDisposeScope();
            completions.Dispose();
        }
        if (k != positions - 1) throw new InvalidOperationException($"the policy gave {k} prefixes of rollouts, not {positions - 1}.");
        columns[positions - 1] = Reward(critic.call(sample, condition).reshape(-1));
        return stack(columns, 1);
    }
}
