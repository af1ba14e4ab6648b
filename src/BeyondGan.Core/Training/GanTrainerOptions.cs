namespace BeyondGan.Training;

/// <summary>Hyper-parameters of the alternating GAN training loop.</summary>
public sealed record GanTrainerOptions
{
    /// <summary>Samples per batch (real and generated each).</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Critic updates per generator update (n_critic).</summary>
    public int CriticSteps { get; init; } = 1;
    /// <summary>Generator optimiser.</summary>
    public OptimizerSpec GeneratorOptimizer { get; init; } = new();
    /// <summary>Critic optimiser.</summary>
    public OptimizerSpec CriticOptimizer { get; init; } = new();
    /// <summary>Clip the global gradient norm of each network to this value (null = no clipping).</summary>
    public double? GradientClipNorm { get; init; }
    /// <summary>Seed of the trainer's random generator (latent noise, batches, regularisers).</summary>
    public long Seed { get; init; } = 42;
    /// <summary>Device name: cpu, cuda, cuda:N.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>
    /// The generator update reuses the last critic update's batch and generated samples (their forward pass is kept
    /// for the generator's backward) instead of drawing a new batch and running the generator again, as in the
    /// reference DCGAN training loop. Saves one generator forward pass and one batch per step; off = Algorithm 1 of
    /// Goodfellow et al. (2014), which draws fresh noise for the generator update.
    /// </summary>
    public bool ReuseCriticFakes { get; init; }
    /// <summary>
    /// Score real and generated samples in one critic call (one pass, half the per-operation overhead) when the
    /// critic scores packs independently (<see cref="BeyondGan.Modules.Critic.ScoresPacksIndependently"/>). The scores
    /// are the same function of the inputs; only the draws of dropout masks differ from two calls.
    /// </summary>
    public bool JointCriticPass { get; init; }
    /// <summary>Learning-rate schedule of both optimisers over the run (null = constant rates).</summary>
    public LearningRateDecay? LearningRateDecay { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message for any invalid value.</summary>
    public void Validate(int packSize)
    {
        if (BatchSize < 1) throw new ArgumentException($"Batch size must be positive, got {BatchSize}.");
        if (CriticSteps < 1) throw new ArgumentException($"Critic steps must be at least 1, got {CriticSteps}.");
        if (packSize > 1 && BatchSize % packSize != 0)
            throw new ArgumentException($"Batch size {BatchSize} must be divisible by the pack size {packSize}.");
        if (GradientClipNorm is <= 0) throw new ArgumentException("Gradient clip norm must be positive.");
        foreach (var o in new[] { GeneratorOptimizer, CriticOptimizer })
            if (o.LearningRate <= 0) throw new ArgumentException($"Learning rate must be positive, got {o.LearningRate}.");
        LearningRateDecay?.Validate();
    }
}
