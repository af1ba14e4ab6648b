using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Losses;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Trains the HiFi-GAN-class vocoder through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/>: least-squares loss
/// summed over the sub-critics (<see cref="HiFiGanCritic"/>), the generator by <see cref="HiFiGanObjective"/> (adversarial +
/// feature matching + mel L1), Adam 2e-4 β (0.8, 0.99) (Kong et al. 2020, §4) — after
/// <see cref="AudioModelOptions.ReconstructionSteps"/> steps of the reconstruction losses alone (<see cref="VocoderReconstructionPhase"/>).
/// </summary>
internal static class VocoderTraining
{
    public static AudioSynthesizer Fit(AudioFolder clips, AudioModelOptions options, Action<long, long>? progress, CancellationToken cancellation)
    {
        var prepared = clips.Clips.Select(options.Preparation.Prepare).ToList();
        var state = new AudioModelState
        {
            Library = AudioModelState.LibraryVersion,
            Options = options, TrainingClips = prepared.Count, CroppedClips = prepared.Count(r => r.Cropped),
        };
        var model = new AudioSynthesizer(state);
        using var examples = ClipPreparation.Stack(prepared.Select(p => p.Samples).ToList()).unsqueeze(1);
        var mel = model.Mel!;
        using var critic = new HiFiGanCritic(16);
        var adam = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = options.LearningRate, Beta1 = options.Beta1, Beta2 = options.Beta2 };
        var loss = new LeastSquaresLoss();
        var source = new MelBatchSource(examples, mel);
        var objective = new HiFiGanObjective(loss, mel, stftWeight: options.StftLoss);
        using var trainer = new GanTrainer<BeyondGan.Modules.Generator, HiFiGanCritic>(model.Generator, critic, loss, source,
            new GanTrainerOptions { BatchSize = options.BatchSize, CriticSteps = options.CriticSteps, Seed = options.Seed, Device = options.Device, GeneratorOptimizer = adam, CriticOptimizer = adam },
            generatorObjective: objective);
        // Reconstruction first (a phase of 0 steps is skipped), then the game: one schedule, seeded from the fit's seed (the
        // trainer keeps its own generator, so without reconstruction steps this is trainer.Train's run exactly).
        var reconstruction = new VocoderReconstructionPhase(model.Generator, source, objective, adam, options.BatchSize, options.ReconstructionSteps);
        using var schedule = new PhaseSchedule([reconstruction, trainer.AsPhase(options.Steps)], options.Seed, options.Device);
        try
        {
            schedule.Train(cancellation, r =>
            {
                model.StepsTrained = trainer.Step;
                model.ReconstructionStepsTrained = Math.Min(r.Done, options.ReconstructionSteps);
                progress?.Invoke(r.Done, r.Total);
            });
        }
        finally
        {
            model.History = Joined(schedule.History, trainer.History, options.ReconstructionSteps);
            model.Generator.eval();
        }
        return model;
    }

    /// <summary>One history: the reconstruction phase's metrics as "reconstruction_…" at their steps, then the game's at theirs after it.</summary>
    private static MetricsHistory Joined(MetricsHistory schedule, MetricsHistory game, long offset)
    {
        var rows = new List<(long Step, int Order, string Name, double Value)>();
        foreach (var column in schedule.Columns.Where(c => c.StartsWith("reconstruction/", StringComparison.Ordinal)))
            rows.AddRange(schedule.Series(column).Select(p => (p.Step, 0, "reconstruction_" + column["reconstruction/".Length..], p.Value)));
        foreach (var column in game.Columns) rows.AddRange(game.Series(column).Select(p => (p.Step + offset, 1, column, p.Value)));
        var joined = new MetricsHistory();
        foreach (var r in rows.OrderBy(r => r.Step).ThenBy(r => r.Order)) joined.Record(r.Step, r.Name, r.Value);
        return joined;
    }
}
