namespace BeyondGan.TimeSeries.Model;

/// <summary>Hyper-parameters of the sequence model (SequenceSynthesizer): the default conditional WGAN-GP or TimeGAN.</summary>
public sealed record SequenceGanOptions
{
    /// <summary>Which sequence networks and training (the default, or TimeGAN as in its paper).</summary>
    public SequenceModelKind Model { get; init; } = SequenceModelKind.Default;
    /// <summary>Generator steps (each with <see cref="CriticSteps"/> critic steps); for TimeGAN, iterations of the joint phase.</summary>
    public long Steps { get; init; } = 5_000;
    /// <summary>TimeGAN only: steps of each pre-training phase (autoencoder, then supervisor); null = <see cref="Steps"/>, as in the paper.</summary>
    public long? PretrainSteps { get; init; }
    /// <summary>Steps of the whole run: <see cref="Steps"/>, and for TimeGAN its two pre-training phases besides.</summary>
    public long TotalSteps => Model == SequenceModelKind.TimeGan ? 2 * (PretrainSteps ?? Steps) + Steps : Steps;
    /// <summary>Fewest training steps of the entity-table model (panel data; its batch shrinks for small tables, <c>CtganOptions.ForTable</c>).</summary>
    public long EntityMinimumSteps { get; init; } = 3_000;
    /// <summary>Sequences per batch.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Critic updates per generator update.</summary>
    public int CriticSteps { get; init; } = 2;
    /// <summary>GRU units of the generator.</summary>
    public int Hidden { get; init; } = 64;
    /// <summary>GRU layers of the generator.</summary>
    public int Layers { get; init; } = 1;
    /// <summary>Noise drawn once per sequence.</summary>
    public int SequenceNoise { get; init; } = 32;
    /// <summary>Noise drawn for every time step.</summary>
    public int StepNoise { get; init; } = 8;
    /// <summary>Time steps each GRU cell emits (DoppelGANger's batch generation); 0 = one per 32 steps of the longest sequence, at least 1.</summary>
    public int StepsPerCell { get; init; }
    /// <summary>Channels of the critic's convolutions.</summary>
    public int CriticChannels { get; init; } = 32;
    /// <summary>Generator learning rate (Adam).</summary>
    public double GeneratorLearningRate { get; init; } = 1e-4;
    /// <summary>Critic learning rate (Adam).</summary>
    public double CriticLearningRate { get; init; } = 2e-4;
    /// <summary>WGAN-GP penalty weight.</summary>
    public double GradientPenaltyWeight { get; init; } = 10;
    /// <summary>Share of each batch the gradient penalty is estimated on (1 = all, as WGAN-GP; the penalty's double backward was most of a step).</summary>
    public double PenaltyFraction { get; init; } = 0.25;
    /// <summary>Decay of the generator's weight average used for sampling (null = off).</summary>
    public double? GeneratorEma { get; init; } = 0.999;
    /// <summary>Gumbel-softmax temperature of categorical outputs.</summary>
    public double GumbelTau { get; init; } = 0.2;
    /// <summary>Seed of everything random.</summary>
    public long Seed { get; init; }
    /// <summary>Device: cpu, cuda, cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// TimeGAN as its paper and released code train it (Yoon et al. 2019, §4 and Appendix; REFERENCES §3): GRU stacks of
    /// 3 layers and 24 units, batch 128, Adam at TensorFlow's defaults (1e-3, β 0.9 / 0.999), 50,000 iterations in each
    /// of the three phases.
    /// </summary>
    public static SequenceGanOptions TimeGanPaper { get; } = new()
    {
        Model = SequenceModelKind.TimeGan, Hidden = 24, Layers = 3, BatchSize = 128, Steps = 50_000, PretrainSteps = 50_000,
        GeneratorLearningRate = 1e-3, CriticLearningRate = 1e-3, GeneratorEma = null,
    };

    /// <summary>
    /// The paper's TimeGAN at a tenth of its budget: the paper's networks and optimiser, 5,000 iterations per phase (the
    /// default model's step count; about 45 minutes on 2 cores, where a joint iteration costs ≈ 0.45 s).
    /// </summary>
    public static SequenceGanOptions TimeGanCpu { get; } = TimeGanPaper with { Steps = 5_000, PretrainSteps = 5_000 };

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for a bad value.</summary>
    public void Validate()
    {
        if (Steps < 1) throw new ArgumentException($"--steps must be at least 1, got {Steps}.");
        if (PretrainSteps is < 0) throw new ArgumentException($"--pretrain-steps must be 0 or positive, got {PretrainSteps}.");
        if (BatchSize < 2) throw new ArgumentException($"--batch-size must be at least 2, got {BatchSize}.");
        if (EntityMinimumSteps < 0) throw new ArgumentException($"--entity-steps must be 0 or positive, got {EntityMinimumSteps}.");
        if (CriticSteps < 1) throw new ArgumentException($"--critic-steps must be at least 1, got {CriticSteps}.");
        if (Model == SequenceModelKind.TimeGan && Layers < 2) throw new ArgumentException($"--layers must be at least 2 for TimeGAN (its supervisor has one layer fewer), got {Layers}.");
        if (Hidden < 1 || Layers < 1 || SequenceNoise < 1 || StepNoise < 1 || CriticChannels < 1)
            throw new ArgumentException("Network sizes must be positive.");
        if (StepsPerCell < 0) throw new ArgumentException($"--steps-per-cell must be 0 (automatic) or positive, got {StepsPerCell}.");
        if (GeneratorLearningRate <= 0 || CriticLearningRate <= 0) throw new ArgumentException("Learning rates must be positive.");
        if (PenaltyFraction is <= 0 or > 1) throw new ArgumentException($"--penalty-fraction must be in (0, 1], got {PenaltyFraction}.");
        if (GeneratorEma is <= 0 or >= 1) throw new ArgumentException($"--ema must be between 0 and 1, got {GeneratorEma}.");
    }
}
