namespace BeyondGan.Tabular.Model;

/// <summary>Hyper-parameters of <see cref="CtganSynthesizer"/>; the defaults are the CTGAN paper's (Xu et al. 2019, §5).</summary>
public sealed record CtganOptions
{
    /// <summary>Passes over the training rows (one epoch = max(1, rows / batch) steps).</summary>
    public int Epochs { get; init; } = 300;
    /// <summary>
    /// The fewest training steps <c>tabular fit</c> gives a table (<see cref="ForTable"/>): CTGAN's 300 epochs are 300
    /// steps for a table under 1,000 rows. Measured in docs/BENCHMARKS.md §3.7.
    /// </summary>
    public const long DefaultMinimumSteps = 10_000;

    /// <summary>
    /// These options with a training budget of at least <paramref name="minimumSteps"/> steps for a table of
    /// <paramref name="rows"/> rows: where <see cref="Epochs"/> epochs of <see cref="BatchSize"/> rows would be fewer
    /// steps (CTGAN's epoch is rows / batch steps: 300 epochs of a 900-row table are 300 steps), the batch shrinks to
    /// about a tenth of the table (at least 5 packs) and the epochs grow until the steps reach the minimum. Larger
    /// tables keep these options as they are.
    /// </summary>
    public CtganOptions ForTable(int rows, long minimumSteps)
    {
        if (minimumSteps <= 0 || (long)Math.Max(1, rows / BatchSize) * Epochs >= minimumSteps) return this;
        int batch = Math.Min(BatchSize, Math.Max(5 * Pac, rows / 10 / Pac * Pac));
        long stepsPerEpoch = Math.Max(1, rows / batch);
        return this with { BatchSize = batch, Epochs = (int)Math.Max(Epochs, (minimumSteps + stepsPerEpoch - 1) / stepsPerEpoch) };
    }

    /// <summary>Rows per batch; must be a multiple of <see cref="Pac"/>.</summary>
    public int BatchSize { get; init; } = 500;
    /// <summary>PacGAN pack size of the critic.</summary>
    public int Pac { get; init; } = 10;
    /// <summary>Noise size.</summary>
    public int LatentSize { get; init; } = 128;
    /// <summary>Widths of the generator's residual blocks.</summary>
    public IReadOnlyList<int> GeneratorDims { get; init; } = [256, 256];
    /// <summary>Widths of the critic's hidden layers.</summary>
    public IReadOnlyList<int> CriticDims { get; init; } = [256, 256];
    /// <summary>Generator learning rate (Adam).</summary>
    public double GeneratorLearningRate { get; init; } = 2e-4;
    /// <summary>Critic learning rate (Adam).</summary>
    public double CriticLearningRate { get; init; } = 2e-4;
    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2.</summary>
    public double Beta2 { get; init; } = 0.9;
    /// <summary>L2 weight decay of both optimisers.</summary>
    public double WeightDecay { get; init; } = 1e-6;
    /// <summary>Critic steps per generator step.</summary>
    public int CriticSteps { get; init; } = 1;
    /// <summary>WGAN-GP penalty weight λ.</summary>
    public double GradientPenaltyWeight { get; init; } = 10;
    /// <summary>Gumbel-softmax temperature.</summary>
    public double GumbelTau { get; init; } = 0.2;
    /// <summary>Dropout after each critic layer.</summary>
    public double CriticDropout { get; init; } = 0.5;
    /// <summary>
    /// Decay of an exponential moving average of the generator's weights (Yazıcı et al. 2019), used for sampling;
    /// null = off, as in the paper. The averaged weights replace the live ones when training ends and BatchNorm
    /// statistics are recomputed for them. Default 0.999, not the paper's: on Adult it raised quality from
    /// 0.914–0.930 to 0.947–0.954 and TSTR F1 from 0.52–0.66 to 0.61–0.65 over three seeds (1 and 2 threads) (docs/BENCHMARKS.md §3).
    /// </summary>
    public double? GeneratorEma { get; init; } = 0.999;
    /// <summary>
    /// Share of each batch's packs the gradient penalty is estimated on (1 = all, as in the paper). Default 0.2, not
    /// the paper's: it saves most of the penalty's double backward (a noisier, unbiased estimate); with the two
    /// options below, a step on Adult takes 19 ms instead of 35 at the same measured quality (docs/BENCHMARKS.md §3).
    /// </summary>
    public double GradientPenaltyFraction { get; init; } = 0.2;
    /// <summary>
    /// The generator update reuses the critic update's batch and generated rows instead of generating a new batch,
    /// as the reference DCGAN loop does. Default true; false = the paper, which draws fresh noise and conditions for
    /// the generator update. Saves one generator forward pass and one batch per step.
    /// </summary>
    public bool ReuseCriticFakes { get; init; } = true;
    /// <summary>
    /// Score real and generated rows in one critic call instead of two (the same function of the rows; only the
    /// dropout draws differ). Default true: ≈ 0.8 ms less per step on Adult, quality the same over three seeds
    /// (docs/BENCHMARKS.md §3); false = the paper's two calls.
    /// </summary>
    public bool JointCriticPass { get; init; } = true;
    /// <summary>
    /// Number type of the networks' matrix products: Auto (default) = bfloat16 on a CPU with native bfloat16 dot
    /// products, else float32; weights, biases, activations and the optimiser stay float32 either way. A model records
    /// the concrete precision it was trained with. The paper: float32.
    /// </summary>
    public BeyondGan.Runtime.ComputePrecision Precision { get; init; } = BeyondGan.Runtime.ComputePrecision.Auto;
    /// <summary>Seed of everything random: transformer, weights, batches, noise.</summary>
    public long Seed { get; init; }
    /// <summary>Device: cpu, cuda, cuda:N.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Largest sample each column's Gaussian mixture is fitted on.</summary>
    public int MixtureFitRows { get; init; } = 50_000;
    /// <summary>
    /// A discrete column to train on more (beyond the paper; `tabular fit --focus-column`, and augmentation for its
    /// class column): this share of each batch is conditioned on it, with its levels drawn uniformly, so rare classes
    /// are learned from as often as common ones. Null = CTGAN's training-by-sampling only. On Adult, naming the label
    /// (share 0.25) raised TSTR F1 from 0.619–0.630 to 0.639–0.659 over three seeds (docs/BENCHMARKS.md §3).
    /// </summary>
    public string? FocusColumn { get; init; }
    /// <summary>Share of each batch conditioned on <see cref="FocusColumn"/> (default 0.5).</summary>
    public double FocusShare { get; init; } = 0.5;

    /// <summary>The share a label named as "COLUMN" (no share) gets in <see cref="ParseFocus"/>: the one measured on Adult.</summary>
    public const double LabelFocusShare = 0.25;

    /// <summary>
    /// Reads "COLUMN" or "COLUMN:SHARE" (invariant culture) as <see cref="FocusColumn"/> and <see cref="FocusShare"/>;
    /// a text after the last colon that is not a number belongs to the column's name. The share is not checked here.
    /// </summary>
    public static (string Column, double Share) ParseFocus(string spec)
    {
        int colon = spec.LastIndexOf(':');
        return colon >= 0 && double.TryParse(spec[(colon + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double share)
            ? (spec[..colon], share)
            : (spec, LabelFocusShare);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with one clear sentence for any invalid value.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"--epochs must be at least 1, got {Epochs}.");
        if (Pac < 1) throw new ArgumentException($"--pac must be at least 1, got {Pac}.");
        if (BatchSize < 2) throw new ArgumentException($"--batch-size must be at least 2, got {BatchSize}.");
        if (BatchSize % Pac != 0)
            throw new ArgumentException($"--batch-size {BatchSize} must be a multiple of --pac {Pac} (the critic scores packs of {Pac} rows); try {Math.Max(Pac, BatchSize / Pac * Pac)}.");
        if (LatentSize < 1) throw new ArgumentException($"The noise size must be positive, got {LatentSize}.");
        if (GeneratorDims.Count == 0 || GeneratorDims.Any(d => d < 1)) throw new ArgumentException("The generator needs at least one layer of positive width.");
        if (CriticDims.Count == 0 || CriticDims.Any(d => d < 1)) throw new ArgumentException("The critic needs at least one layer of positive width.");
        if (GeneratorLearningRate <= 0 || CriticLearningRate <= 0) throw new ArgumentException("Learning rates must be positive.");
        if (CriticSteps < 1) throw new ArgumentException($"--critic-steps must be at least 1, got {CriticSteps}.");
        if (GumbelTau <= 0) throw new ArgumentException("The Gumbel-softmax temperature must be positive.");
        if (CriticDropout is < 0 or >= 1) throw new ArgumentException("Critic dropout must be in [0, 1).");
        if (GeneratorEma is <= 0 or >= 1) throw new ArgumentException($"--ema must be in (0, 1), got {GeneratorEma}.");
        if (GradientPenaltyFraction is <= 0 or > 1) throw new ArgumentException($"--penalty-fraction must be in (0, 1], got {GradientPenaltyFraction}.");
        if (MixtureFitRows < 100) throw new ArgumentException("The mixture fit sample must be at least 100 rows.");
        if (FocusShare is <= 0 or >= 1) throw new ArgumentException($"The focus share must be in (0, 1), got {FocusShare}.");
    }
}
