using BeyondGan.Losses;
using BeyondGan.Modules;
using static TorchSharp.torch;

using Generator = BeyondGan.Modules.Generator;
namespace BeyondGan.Regularizers;

/// <summary>
/// A stabiliser or regulariser that plugs into the training loop. Each one overrides only the hooks it needs,
/// so several can be combined; the trainer calls them in the order they were given.
/// </summary>
public abstract class GanRegularizer
{
    /// <summary>Short name, used as the metric column of its penalty term.</summary>
    public abstract string Name { get; }

    /// <summary>Checks compatibility and prepares state once the networks and loss are known.</summary>
    public virtual void Attach(Generator generator, Critic critic, IGanLoss loss) { }

    /// <summary>Called at the start of every generator step (e.g. to anneal or to grow the networks).</summary>
    public virtual void OnStepBegin(long step, long totalSteps) { }

    /// <summary>Transforms every input the critic sees, real or generated (e.g. instance noise).</summary>
    public virtual Tensor TransformCriticInput(Tensor x, TorchSharp.torch.Generator rng) => x;

    /// <summary>Chooses the generated samples the critic trains on (e.g. mixing in replayed old fakes).</summary>
    public virtual (Tensor Fake, Tensor? Condition) SelectFakesForCritic(Tensor fake, Tensor? condition, TorchSharp.torch.Generator rng) => (fake, condition);

    /// <summary>An extra term added to the critic's loss, or null.</summary>
    public virtual Tensor? CriticPenalty(CriticPenaltyInputs inputs) => null;

    /// <summary>An extra term added to the generator's loss, or null.</summary>
    public virtual Tensor? GeneratorPenalty(GeneratorPenaltyInputs inputs) => null;

    /// <summary>Called after each critic optimiser step (e.g. weight clipping).</summary>
    public virtual void AfterCriticStep(Critic critic) { }

    /// <summary>Called after each generator optimiser step (e.g. moving averages).</summary>
    public virtual void AfterGeneratorStep(Generator generator) { }

    /// <summary>Writes the state needed to resume exactly.</summary>
    public virtual void SaveState(BinaryWriter writer) { }

    /// <summary>Reads the state written by <see cref="SaveState"/>.</summary>
    public virtual void LoadState(BinaryReader reader) { }
}

/// <summary>What a critic penalty can look at: the inputs as the critic saw them, their condition and scores.</summary>
public sealed record CriticPenaltyInputs(Critic Critic, Tensor Real, Tensor Fake, Tensor? RealCondition, Tensor? FakeCondition,
    Tensor RealScores, Tensor FakeScores, TorchSharp.torch.Generator Rng);

/// <summary>What a generator penalty can look at: the generated batch, its latent, condition and scores.</summary>
public sealed record GeneratorPenaltyInputs(Generator Generator, Critic Critic, Tensor Fake, Tensor Latent, Tensor? Condition,
    Tensor FakeScores, TorchSharp.torch.Generator Rng);
