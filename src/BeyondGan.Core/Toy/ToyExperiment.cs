using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Training;

namespace BeyondGan.Toy;

/// <summary>The outcome of one 2-D benchmark run.</summary>
/// <param name="Metrics">Mode-collapse metrics on <see cref="ToyConfig.EvalSamples"/> samples.</param>
/// <param name="Samples">The evaluated samples, N × 2.</param>
/// <param name="History">Per-step training metrics.</param>
/// <param name="Outcome">Whether training completed or was cancelled.</param>
/// <param name="StepsDone">Generator steps completed.</param>
public sealed record ToyResult(ModeCollapseMetrics Metrics, float[,] Samples, MetricsHistory History, TrainingOutcome Outcome, long StepsDone);

/// <summary>Builds, trains and evaluates one configuration of the 2-D mode-collapse benchmark.</summary>
public static class ToyExperiment
{
    /// <summary>Builds the trainer for <paramref name="config"/> on <paramref name="data"/>, seeded by <paramref name="seed"/>.</summary>
    public static GanTrainer<MlpGenerator, MlpCritic> BuildTrainer(ToyConfig config, GaussianMixture2D data, long seed, string device = "cpu")
    {
        config.Validate();
        Seeding.Seed(seed);
        var generator = new MlpGenerator(config.LatentSize, config.GeneratorHidden, 2, config.GeneratorActivation, config.BatchNorm);
        var critic = new MlpCritic(2, config.CriticHidden, config.CriticActivation, config.Pac,
            spectralNorm: config.SpectralNorm, minibatchStdDev: config.MinibatchStdDev, scoreGain: config.CriticGain);
        var (loss, constraint) = LossCatalog.Create(config.Loss);
        var regs = new List<GanRegularizer>();
        if (constraint is not null) regs.Add(constraint);
        if (config.GradientPenalty is double gp) regs.Add(new GradientPenalty(gp));
        if (config.R1 is double r1) regs.Add(new R1Penalty(r1));
        if (config.LabelSmoothing is double ls) regs.Add(new OneSidedLabelSmoothing(ls));
        if (config.InstanceNoise is double noise) regs.Add(new InstanceNoise(noise, config.Steps / 2));
        if (config.Replay) regs.Add(new ExperienceReplay(capacity: 50 * config.BatchSize, fraction: 0.5));
        if (config.HistoricalAveraging is double ha) regs.Add(new HistoricalAveraging(ha));
        if (config.Grow)
        {
            int depth = Math.Max(generator.MaxDepth, critic.MaxDepth);
            long every = Math.Max(1, config.Steps / (2 * depth));
            regs.Add(new ProgressiveGrowing(1, every, every / 2));
        }
        if (config.Ema is double ema) regs.Add(new GeneratorEma(ema));
        var adam = config.Grow ? OptimizerKind.Adam : OptimizerKind.FlatAdam;
        var options = new GanTrainerOptions
        {
            BatchSize = config.BatchSize,
            CriticSteps = config.CriticSteps,
            // FlatAdam gives Adam's updates when every parameter gets a gradient at every step; growing networks have
            // layers that sit unused at first, which Adam skips and FlatAdam would not.
            GeneratorOptimizer = new OptimizerSpec { Kind = adam, LearningRate = config.LearningRateG, Beta1 = config.Beta1, Beta2 = config.Beta2 },
            CriticOptimizer = new OptimizerSpec { Kind = adam, LearningRate = config.LearningRateD, Beta1 = config.Beta1, Beta2 = config.Beta2 },
            GradientClipNorm = config.ClipNorm,
            LearningRateDecay = config.LearningRateDecay is double start ? LearningRateDecay.OverLast(start, config.Steps) : null,
            Seed = seed,
            Device = device,
        };
        return new GanTrainer<MlpGenerator, MlpCritic>(generator, critic, loss, data, options, regs);
    }

    /// <summary>Draws the evaluation samples (EMA weights when present, evaluation mode; through
    /// <paramref name="rejection"/> when given) and scores them.</summary>
    public static (ModeCollapseMetrics Metrics, float[,] Samples) Evaluate(GanTrainer<MlpGenerator, MlpCritic> trainer, GaussianMixture2D data, int count, long seed,
        DiscriminatorRejectionSampler? rejection = null)
    {
        using var t = rejection is not null
            ? rejection.Sample(trainer, count, seed + 1_000_003)
            : trainer.Sample(count, seed: seed + 1_000_003);
        var flat = t.data<float>().ToArray();
        var samples = new float[count, 2];
        Buffer.BlockCopy(flat, 0, samples, 0, flat.Length * sizeof(float));
        return (ModeCollapseMetrics.Compute(samples, data), samples);
    }

    /// <summary>Trains and evaluates. With <paramref name="resumeFrom"/>, continues from that checkpoint; with
    /// <paramref name="checkpointTo"/>, saves one at the end or on cancellation.</summary>
    public static ToyResult Run(ToyConfig config, GaussianMixture2D data, long seed, CancellationToken cancellation = default,
        Action<StepReport>? onStep = null, string? resumeFrom = null, string? checkpointTo = null, string device = "cpu")
    {
        using var trainer = BuildTrainer(config, data, seed, device);
        if (resumeFrom is not null) trainer.LoadCheckpoint(resumeFrom);
        var outcome = trainer.Train(config.Steps, cancellation, onStep);
        if (checkpointTo is not null) trainer.SaveCheckpoint(checkpointTo);
        var (metrics, samples) = Evaluate(trainer, data, config.EvalSamples, seed,
            config.RejectionSampling ? new DiscriminatorRejectionSampler() : null);
        return new ToyResult(metrics, samples, trainer.History, outcome, trainer.Step);
    }
}
