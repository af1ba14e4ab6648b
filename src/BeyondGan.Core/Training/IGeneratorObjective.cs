using BeyondGan.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// How the generator learns from the critic, when it is not by backpropagating the adversarial loss through the
/// critic into its samples (the trainer's default): a policy gradient for discrete samples
/// (<see cref="Discrete.PolicyGradient"/>), or an objective that adds reconstruction or feature-matching terms.
/// Give one to <see cref="GanTrainer{TGenerator, TCritic}"/>; it replaces the adversarial term of the generator step
/// (the critic's weights are frozen meanwhile; regularisers' generator penalties are not added).
/// </summary>
public interface IGeneratorObjective
{
    /// <summary>Short name, the metric the generator step records ("policy_gradient").</summary>
    string Name { get; }

    /// <summary>The generator's loss for one step (with its graph); record extra terms in <see cref="GeneratorObjectiveInputs.Terms"/>.</summary>
    Tensor Loss(GeneratorObjectiveInputs inputs);
}

/// <summary>What an <see cref="IGeneratorObjective"/> gets for one generator step.</summary>
/// <param name="Generator">The generator.</param>
/// <param name="Critic">The critic (weights frozen).</param>
/// <param name="Z">The step's latent batch.</param>
/// <param name="Condition">The step's fake conditions, or null.</param>
/// <param name="Rng">The trainer's random generator.</param>
/// <param name="Terms">The step's metrics, to record extra terms in.</param>
/// <param name="Real">The step's real batch (the targets of a reconstruction or feature-matching term), or null.</param>
/// <param name="RealCondition">The real batch's conditions, or null.</param>
public sealed record GeneratorObjectiveInputs(BeyondGan.Modules.Generator Generator, Critic Critic, Tensor Z, Tensor? Condition,
    TorchSharp.torch.Generator Rng, IDictionary<string, double> Terms, Tensor? Real = null, Tensor? RealCondition = null);
