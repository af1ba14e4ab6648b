using BeyondGan.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// The vocoder's generator trained on its reconstruction losses alone, the critics off — Parallel WaveGAN's first stage
/// (Yamamoto et al. 2020 §4.1.2: the discriminator is fixed for the first 100 k of 400 k steps). Each step draws a batch
/// of clips and their log-mels (from the schedule's random generator), re-synthesises the clips from the mels and
/// minimises <see cref="HiFiGanObjective.Reconstruction"/> with its own Adam.
/// </summary>
internal sealed class VocoderReconstructionPhase(BeyondGan.Modules.Generator generator, IBatchSource source, HiFiGanObjective objective,
    OptimizerSpec adam, int batchSize, long steps) : TrainingPhase("reconstruction", steps)
{
    private OptimizerHelper? optimizer;

    public override void Begin()
    {
        generator.train();
        optimizer ??= adam.Create(generator.parameters());
    }

    public override void Step(PhaseStep step)
    {
        var batch = source.Next(batchSize, step.Rng, step.Device);
        var mel = batch.ConditionForFakes!.to(step.Device);
        var fake = generator.call(generator.SampleLatent(batchSize, step.Rng, step.Device), mel);
        var terms = new Dictionary<string, double>();
        var loss = objective.Reconstruction(batch.Real.to(step.Device), mel, fake, terms);
        optimizer!.zero_grad();
        loss.backward();
        optimizer.step();
        foreach (var (name, value) in terms) step.Record(name, value);
    }
}
