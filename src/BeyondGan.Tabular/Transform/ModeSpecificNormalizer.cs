namespace BeyondGan.Tabular.Transform;

/// <summary>
/// CTGAN's mode-specific normalisation (Xu et al. 2019, §4.2): a variational Gaussian mixture per column; each
/// value is represented by a one-hot of a mode drawn from its posterior (not the argmax) and the scalar
/// α = (x − μ_k) / (4σ_k), clipped to ±0.99. Modes of weight below <see cref="WeightThreshold"/> are dropped.
/// </summary>
public sealed class ModeSpecificNormalizer
{
    /// <summary>Modes lighter than this are dropped (CTGAN: 0.005).</summary>
    public const double WeightThreshold = 0.005;

    private readonly BayesianGaussianMixture mixture;
    private readonly int[] kept;

    /// <summary>Wraps a fitted mixture, keeping its modes heavier than <see cref="WeightThreshold"/>.</summary>
    public ModeSpecificNormalizer(BayesianGaussianMixture mixture)
    {
        this.mixture = mixture;
        var heavy = Enumerable.Range(0, mixture.Weights.Length).Where(j => mixture.Weights[j] > WeightThreshold).ToArray();
        kept = heavy.Length > 0 ? heavy : [Array.IndexOf(mixture.Weights, mixture.Weights.Max())];
        Means = kept.Select(j => mixture.Means[j]).ToArray();
        StandardDeviations = kept.Select(j => Math.Sqrt(mixture.Variances[j])).ToArray();
        Weights = kept.Select(j => mixture.Weights[j]).ToArray();
    }

    /// <summary>Fits the mixture to <paramref name="values"/> (finite values only).</summary>
    public static ModeSpecificNormalizer Fit(ReadOnlySpan<double> values, int maxModes = 10) =>
        new(new BayesianGaussianMixture(maxModes).Fit(values));

    /// <summary>The underlying mixture.</summary>
    public BayesianGaussianMixture Mixture => mixture;
    /// <summary>Number of kept modes (the size of the one-hot part).</summary>
    public int ModeCount => kept.Length;
    /// <summary>Means of the kept modes.</summary>
    public double[] Means { get; }
    /// <summary>Standard deviations of the kept modes.</summary>
    public double[] StandardDeviations { get; }
    /// <summary>Weights of the kept modes (not renormalised).</summary>
    public double[] Weights { get; }

    /// <summary>Encodes <paramref name="x"/>: draws its mode from the posterior over the kept modes and returns (α, mode).</summary>
    public (double Alpha, int Mode) Encode(double x, Random rng)
    {
        Span<double> all = stackalloc double[mixture.Weights.Length];
        mixture.Posterior(x, all);
        Span<double> p = stackalloc double[kept.Length];
        double sum = 0;
        for (int i = 0; i < kept.Length; i++) { p[i] = all[kept[i]] + 1e-6; sum += p[i]; }
        double u = rng.NextDouble() * sum;
        int mode = kept.Length - 1;
        for (int i = 0; i < kept.Length; i++) { u -= p[i]; if (u < 0) { mode = i; break; } }
        double alpha = (x - Means[mode]) / (4 * StandardDeviations[mode]);
        return (Math.Clamp(alpha, -0.99, 0.99), mode);
    }

    /// <summary>Decodes (α, mode) back to a value: x = 4σ_k·clip(α, −1, 1) + μ_k.</summary>
    public double Decode(double alpha, int mode) => Math.Clamp(alpha, -1, 1) * 4 * StandardDeviations[mode] + Means[mode];

    /// <summary>The kept mode indices into the mixture (for saving).</summary>
    internal int[] KeptModes => kept;
}
