using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Losses;
using BeyondGan.Training;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// Trains the HiFi-GAN-class vocoder through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/>: least-squares loss
/// summed over the sub-critics (<see cref="HiFiGanCritic"/>), the generator by <see cref="HiFiGanObjective"/> (adversarial +
/// feature matching + mel L1), Adam 2e-4 β (0.8, 0.99) (Kong et al. 2020, §4).
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
        using var trainer = new GanTrainer<BeyondGan.Modules.Generator, HiFiGanCritic>(model.Generator, critic, loss, new MelBatchSource(examples, mel),
            new GanTrainerOptions { BatchSize = options.BatchSize, CriticSteps = options.CriticSteps, Seed = options.Seed, Device = options.Device, GeneratorOptimizer = adam, CriticOptimizer = adam },
            generatorObjective: new HiFiGanObjective(loss, mel, stftWeight: options.StftLoss));
        try
        {
            trainer.Train(options.Steps, cancellation, r =>
            {
                model.StepsTrained = r.Step;
                progress?.Invoke(r.Step, r.TotalSteps);
            });
        }
        finally
        {
            model.History = trainer.History;
            model.Generator.eval();
        }
        return model;
    }
}
