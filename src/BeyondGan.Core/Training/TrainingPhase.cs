using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// One stage of a training run — training an autoencoder before the game (TimeGAN), maximum-likelihood
/// pre-training (SeqGAN, RelGAN), the adversarial game itself (<see cref="GanTrainer{TGenerator, TCritic}.AsPhase"/>),
/// a joint stage with reconstruction and supervised losses beside the adversarial one — run for <see cref="Steps"/>
/// steps by a <see cref="PhaseSchedule"/>. A phase owns the optimisers it steps and saves, in
/// <see cref="SaveState"/>, what a resumed run needs; the schedule gives every step its dispose scope, the collection
/// guard, seeded randomness and a place to record metrics.
/// </summary>
public abstract class TrainingPhase
{
    /// <summary>Creates a phase called <paramref name="name"/> of <paramref name="steps"/> steps.</summary>
    protected TrainingPhase(string name, long steps)
    {
        if (steps < 0) throw new ArgumentException($"The phase '{name}' cannot have {steps} steps.");
        Name = name;
        Steps = steps;
    }

    /// <summary>Short name, the prefix of the phase's metrics ("embedding", "mle", "adversarial").</summary>
    public string Name { get; }

    /// <summary>Steps the phase runs.</summary>
    public long Steps { get; }

    /// <summary>Called before the phase's first step, and again when a run resumes inside it (set training modes here).</summary>
    public virtual void Begin() { }

    /// <summary>One step of the phase.</summary>
    public abstract void Step(PhaseStep step);

    /// <summary>Writes what resuming the phase needs (optimiser moments, counters).</summary>
    public virtual void SaveState(BinaryWriter writer) { }

    /// <summary>Reads what <see cref="SaveState"/> wrote.</summary>
    public virtual void LoadState(BinaryReader reader) { }
}

/// <summary>What one step of a <see cref="TrainingPhase"/> gets from the <see cref="PhaseSchedule"/>.</summary>
public sealed class PhaseStep
{
    private readonly Dictionary<string, double> metrics;

    internal PhaseStep(long step, long steps, TorchSharp.torch.Generator rng, Device device, Dictionary<string, double> metrics)
    {
        Step = step;
        Steps = steps;
        Rng = rng;
        Device = device;
        this.metrics = metrics;
    }

    /// <summary>Steps of this phase already done (0 at its first step).</summary>
    public long Step { get; }
    /// <summary>Steps of this phase in all.</summary>
    public long Steps { get; }
    /// <summary>The run's random generator: batches, noise and every random draw of the step come from it.</summary>
    public TorchSharp.torch.Generator Rng { get; }
    /// <summary>The device the networks live on.</summary>
    public Device Device { get; }

    /// <summary>Records a metric of this step (a loss, a penalty).</summary>
    public void Record(string name, double value) => metrics[name] = value;
}

/// <summary>What a <see cref="PhaseSchedule"/> reports after each step.</summary>
/// <param name="Phase">The phase's name.</param>
/// <param name="PhaseIndex">Its 0-based place in the schedule.</param>
/// <param name="PhaseCount">Phases in the schedule.</param>
/// <param name="Step">Steps of the phase done.</param>
/// <param name="PhaseSteps">Steps of the phase in all.</param>
/// <param name="Done">Steps of the whole run done.</param>
/// <param name="Total">Steps of the whole run.</param>
/// <param name="Metrics">The step's metrics.</param>
public readonly record struct PhaseReport(string Phase, int PhaseIndex, int PhaseCount, long Step, long PhaseSteps, long Done, long Total,
    IReadOnlyDictionary<string, double> Metrics);
