using BeyondGan.Modules;

namespace BeyondGan.Toy;

/// <summary>
/// Everything that defines one run of the 2-D benchmark: architecture, loss, optimiser and stabilisers.
/// Named presets live in <see cref="ToyPresets"/>; any field can be overridden from the command line.
/// </summary>
public sealed record ToyConfig
{
    /// <summary>Adversarial loss name (see <see cref="Losses.LossCatalog"/>).</summary>
    public string Loss { get; init; } = "ns";
    /// <summary>PacGAN pack size (1 = none).</summary>
    public int Pac { get; init; } = 1;
    /// <summary>Latent size.</summary>
    public int LatentSize { get; init; } = 2;
    /// <summary>Generator hidden widths.</summary>
    public int[] GeneratorHidden { get; init; } = { 400, 400, 400, 400 };
    /// <summary>Generator activation.</summary>
    public Activation GeneratorActivation { get; init; } = Activation.ReLU;
    /// <summary>BatchNorm in the generator.</summary>
    public bool BatchNorm { get; init; } = true;
    /// <summary>Critic hidden widths.</summary>
    public int[] CriticHidden { get; init; } = { 200, 200, 200 };
    /// <summary>Critic activation (Maxout = maxout layers).</summary>
    public Activation CriticActivation { get; init; } = Activation.Maxout;
    /// <summary>Spectral normalisation in the critic.</summary>
    public bool SpectralNorm { get; init; }
    /// <summary>Constant factor on the critic's score (with spectral norm: the critic's Lipschitz bound).</summary>
    public double CriticGain { get; init; } = 1.0;
    /// <summary>Minibatch standard-deviation feature in the critic.</summary>
    public bool MinibatchStdDev { get; init; }
    /// <summary>Generator learning rate.</summary>
    public double LearningRateG { get; init; } = 1e-4;
    /// <summary>Critic learning rate.</summary>
    public double LearningRateD { get; init; } = 1e-4;
    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.8;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Batch size.</summary>
    public int BatchSize { get; init; } = 100;
    /// <summary>Generator steps.</summary>
    public long Steps { get; init; } = 20_000;
    /// <summary>Critic steps per generator step.</summary>
    public int CriticSteps { get; init; } = 1;
    /// <summary>Extra gradient penalty weight λ (besides the one <c>wgan-gp</c> implies), or null.</summary>
    public double? GradientPenalty { get; init; }
    /// <summary>R1 weight γ, or null.</summary>
    public double? R1 { get; init; }
    /// <summary>One-sided label smoothing real target, or null.</summary>
    public double? LabelSmoothing { get; init; }
    /// <summary>Initial instance-noise σ (annealed to 0 over the first half of training), or null.</summary>
    public double? InstanceNoise { get; init; }
    /// <summary>Experience replay of past fakes.</summary>
    public bool Replay { get; init; }
    /// <summary>Historical averaging weight λ, or null.</summary>
    public double? HistoricalAveraging { get; init; }
    /// <summary>Generator EMA decay, or null.</summary>
    public double? Ema { get; init; }
    /// <summary>Grow both networks from one hidden block, adding one every Steps/(2·depth) steps.</summary>
    public bool Grow { get; init; }
    /// <summary>Fraction of the run after which both learning rates decay linearly to zero (<see cref="Training.LearningRateDecay"/>), or null.</summary>
    public double? LearningRateDecay { get; init; }
    /// <summary>Gradient clipping norm, or null.</summary>
    public double? ClipNorm { get; init; }
    /// <summary>Draw the evaluation samples by discriminator rejection sampling (<see cref="Training.DiscriminatorRejectionSampler"/>).</summary>
    public bool RejectionSampling { get; init; }
    /// <summary>Samples drawn for evaluation (2,500 in the protocol).</summary>
    public int EvalSamples { get; init; } = 2500;

    /// <summary>Throws <see cref="ArgumentException"/> for inconsistent values.</summary>
    public void Validate()
    {
        if (Pac < 1) throw new ArgumentException($"--pac must be at least 1, got {Pac}.");
        if (BatchSize % Pac != 0) throw new ArgumentException($"Batch size {BatchSize} must be divisible by --pac {Pac}.");
        if (Steps < 1) throw new ArgumentException($"--steps must be positive, got {Steps}.");
        if (LearningRateDecay is double decay && !(decay is >= 0 and < 1)) throw new ArgumentException($"--lr-decay must be a fraction of the run in [0, 1), got {LearningRateDecay}.");
        if (EvalSamples < 1) throw new ArgumentException("The evaluation needs at least one sample.");
        if (RejectionSampling && Pac > 1) throw new ArgumentException("Rejection sampling needs a critic that scores single samples (--pac 1).");
        if (Grow && (GeneratorHidden.Distinct().Count() > 1 || CriticHidden.Distinct().Count() > 1))
            throw new ArgumentException("Growing needs hidden layers of equal width.");
    }
}
