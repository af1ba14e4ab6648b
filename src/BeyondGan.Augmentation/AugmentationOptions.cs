using BeyondGan.Runtime;
using BeyondGan.Tabular.Model;

namespace BeyondGan.Augmentation;

/// <summary>What to add and how.</summary>
public sealed record AugmentationOptions
{
    /// <summary>The class column (categorical or boolean).</summary>
    public required string Target { get; init; }
    /// <summary>Rows per class afterwards. Default: balance every class with the largest.</summary>
    public AugmentationStrategy Strategy { get; init; } = new AugmentationStrategy.Balance();
    /// <summary>Where added rows come from. Default: the GAN.</summary>
    public AugmentationMethod Method { get; init; } = AugmentationMethod.Gan;
    /// <summary>
    /// Which generated rows to drop. Default (null): the classifier filter for the GAN — it is what beat SMOTE-NC at
    /// 5 % in docs/BENCHMARKS.md §5 — and none for the other methods. See <see cref="EffectiveFilter"/>.
    /// </summary>
    public SyntheticFilter? Filter { get; init; }
    /// <summary>With a filter: rows generated per row kept (default 4: keep the best quarter).</summary>
    public double Oversampling { get; init; } = 4.0;

    /// <summary>The filter applied: <see cref="Filter"/>, or the method's default when it is null.</summary>
    public SyntheticFilter EffectiveFilter => Filter ?? (Method == AugmentationMethod.Gan ? SyntheticFilter.Classifier : SyntheticFilter.None);
    /// <summary>Neighbours of SMOTE and SMOTE-NC (default 5).</summary>
    public int Neighbours { get; init; } = 5;
    /// <summary>Options of the GAN when it has to be trained (its seed is replaced by <see cref="Seed"/>); default <see cref="DefaultGan"/>.</summary>
    public CtganOptions Gan { get; init; } = DefaultGan;

    /// <summary>
    /// The GAN as the augmentation benchmark measured it: the paper's CTGAN — no generator weight average, float32,
    /// fresh fakes for the generator update, the penalty on the whole batch. The tabular defaults moved on later
    /// (weight average, bfloat16 products, reused fakes, penalty on a fifth of the packs, one critic call) and have not been measured
    /// for augmentation yet; the CLI's flags turn each on.
    /// </summary>
    public static CtganOptions DefaultGan => new()
    {
        GeneratorEma = null, Precision = ComputePrecision.Float32, ReuseCriticFakes = false, GradientPenaltyFraction = 1, JointCriticPass = false,
    };
    /// <summary>
    /// When the GAN is trained here: the share of each batch conditioned on the target with classes drawn uniformly
    /// (<see cref="CtganOptions.FocusColumn"/>), so the rare classes are learned from as often as the common ones.
    /// Null trains with CTGAN's sampling only.
    /// </summary>
    public double? TargetFocus { get; init; } = 0.5;
    /// <summary>
    /// When the GAN is trained here on a small table: at least this many training steps (default 3,000). CTGAN's
    /// epoch is rows / batch steps, so 300 epochs of a 1,000-row table at batch 500 are only 600 steps; the batch
    /// is first lowered towards 10 steps per epoch (a multiple of pac, at least 5 packs), then epochs are added.
    /// 0 keeps <see cref="Gan"/> as given (<see cref="CtganOptions.ForTable"/>).
    /// </summary>
    public long MinimumSteps { get; init; } = DefaultMinimumSteps;

    /// <summary>The default <see cref="MinimumSteps"/> (measured in docs/BENCHMARKS.md §5).</summary>
    public const long DefaultMinimumSteps = 3_000;
    /// <summary>Name of a column added to the output marking synthetic rows (true) and real rows (false); null adds none.</summary>
    public string? MarkColumn { get; init; }
    /// <summary>Seed of everything random.</summary>
    public long Seed { get; init; }

    /// <summary>Checks combinations that cannot work.</summary>
    public void Validate()
    {
        if (Filter == SyntheticFilter.Critic && Method != AugmentationMethod.Gan)
            throw new ArgumentException($"--filter critic needs --method gan: only the GAN has a critic (use --filter classifier with {Method.ToString().ToLowerInvariant()}).");
        if (Oversampling < 1) throw new ArgumentException($"--candidates must be at least 1 (got {Oversampling}).");
        if (TargetFocus is <= 0 or >= 1) throw new ArgumentException($"--focus must be in (0, 1), got {TargetFocus}.");
        if (MinimumSteps < 0) throw new ArgumentException($"The minimum number of training steps cannot be negative (got {MinimumSteps}).");
        if (Neighbours < 1) throw new ArgumentException($"--neighbours must be at least 1 (got {Neighbours}).");
    }
}
