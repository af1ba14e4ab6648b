using BeyondGan.Runtime;
using static TorchSharp.torch;

namespace BeyondGan.Training;

/// <summary>
/// The one training loop of the engine: runs a step until the run is done or cancelled, each step in its own dispose
/// scope (native memory stays flat) and the whole run under one <see cref="CollectionGuard"/> (no .NET collection
/// starts while a native op runs). <see cref="GanTrainer{TGenerator, TCritic}"/> and <see cref="PhaseSchedule"/> both
/// train through it.
/// </summary>
public static class StepLoop
{
    /// <summary>Calls <paramref name="step"/> until <paramref name="done"/> is true; a cancellation stops it between steps.</summary>
    public static TrainingOutcome Run(Func<bool> done, Action step, CancellationToken cancellation = default)
    {
        using var guard = new CollectionGuard();
        while (!done())
        {
            if (cancellation.IsCancellationRequested) return TrainingOutcome.Cancelled;
            guard.Enter();
            using var scope = NewDisposeScope();
            step();
        }
        return TrainingOutcome.Completed;
    }
}
