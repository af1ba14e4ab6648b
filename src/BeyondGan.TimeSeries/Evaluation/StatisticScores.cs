namespace BeyondGan.TimeSeries.Evaluation;

/// <summary>
/// Scores that compare statistics of the real and synthetic sequences directly (no model trained), on sets scaled by
/// <see cref="WindowSet.MinMaxByFirst"/>; steps past a sequence's length are left out of every one.
/// </summary>
public static class StatisticScores
{
    /// <summary>
    /// The correlational score (Diffusion-TS, Yuan &amp; Qiao 2024, after Liao et al.'s cross-correlation loss): the
    /// Pearson correlation of every pair of features over all steps of all sequences, real against synthetic,
    /// Σ_{i&lt;j} |ρ_real − ρ_synthetic| (0 = the same cross-correlations).
    /// </summary>
    public static double Correlational(WindowSet real, WindowSet synthetic)
    {
        var a = Correlations(real);
        var b = Correlations(synthetic);
        double sum = 0;
        for (int i = 0; i < real.Features; i++)
            for (int j = i + 1; j < real.Features; j++) sum += Math.Abs(a[i, j] - b[i, j]);
        return sum;
    }

    private static double[,] Correlations(WindowSet s)
    {
        int d = s.Features;
        var mean = new double[d];
        long n = 0;
        for (int i = 0; i < s.Count; i++)
            for (int t = 0; t < s.Lengths[i]; t++, n++)
                for (int f = 0; f < d; f++) mean[f] += s[i, t, f];
        for (int f = 0; f < d; f++) mean[f] /= Math.Max(1, n);
        var cov = new double[d, d];
        for (int i = 0; i < s.Count; i++)
            for (int t = 0; t < s.Lengths[i]; t++)
                for (int f = 0; f < d; f++)
                {
                    double x = s[i, t, f] - mean[f];
                    for (int g = f; g < d; g++) cov[f, g] += x * (s[i, t, g] - mean[g]);
                }
        var r = new double[d, d];
        for (int f = 0; f < d; f++)
            for (int g = f; g < d; g++)
            {
                double denominator = Math.Sqrt(cov[f, f] * cov[g, g]);
                r[f, g] = r[g, f] = denominator > 0 ? cov[f, g] / denominator : 0;
            }
        return r;
    }

    /// <summary>
    /// Each feature's mean autocorrelation at lags 1…<paramref name="maxLag"/> (over sequences, each sequence's own
    /// autocorrelation), real and synthetic: [feature, lag − 1].
    /// </summary>
    public static (double[,] Real, double[,] Synthetic) Autocorrelations(WindowSet real, WindowSet synthetic, int maxLag)
    {
        maxLag = Math.Max(1, Math.Min(maxLag, Math.Min(real.Length, synthetic.Length) - 1));
        return (Autocorrelation(real, maxLag), Autocorrelation(synthetic, maxLag));
    }

    /// <summary>Mean |ACF_real − ACF_synthetic| over features and lags 1…<paramref name="maxLag"/> (0 = the same dynamics).</summary>
    public static double Autocorrelation(WindowSet real, WindowSet synthetic, int maxLag = 10)
    {
        var (a, b) = Autocorrelations(real, synthetic, maxLag);
        double sum = 0;
        for (int f = 0; f < a.GetLength(0); f++) for (int k = 0; k < a.GetLength(1); k++) sum += Math.Abs(a[f, k] - b[f, k]);
        return sum / a.Length;
    }

    private static double[,] Autocorrelation(WindowSet s, int maxLag)
    {
        var acf = new double[s.Features, maxLag];
        var counts = new int[s.Features, maxLag];
        for (int i = 0; i < s.Count; i++)
        {
            int n = s.Lengths[i];
            for (int f = 0; f < s.Features; f++)
            {
                double mean = 0;
                for (int t = 0; t < n; t++) mean += s[i, t, f];
                mean /= n;
                double variance = 0;
                for (int t = 0; t < n; t++) variance += (s[i, t, f] - mean) * (s[i, t, f] - mean);
                if (variance <= 1e-12) continue;
                for (int k = 1; k <= maxLag && k < n; k++)
                {
                    double c = 0;
                    for (int t = 0; t + k < n; t++) c += (s[i, t, f] - mean) * (s[i, t + k, f] - mean);
                    acf[f, k - 1] += c / variance;
                    counts[f, k - 1]++;
                }
            }
        }
        for (int f = 0; f < s.Features; f++) for (int k = 0; k < maxLag; k++) acf[f, k] /= Math.Max(1, counts[f, k]);
        return acf;
    }

    /// <summary>Each feature's Kolmogorov–Smirnov statistic between its real and synthetic values over all steps (0 = the same marginal).</summary>
    public static double[] Marginals(WindowSet real, WindowSet synthetic) =>
        Enumerable.Range(0, real.Features).Select(f => KolmogorovSmirnov(Values(real, f), Values(synthetic, f))).ToArray();

    private static double[] Values(WindowSet s, int f)
    {
        var v = new List<double>();
        for (int i = 0; i < s.Count; i++) for (int t = 0; t < s.Lengths[i]; t++) v.Add(s[i, t, f]);
        return v.ToArray();
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b|.</summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 1;
        var x = a.Order().ToArray();
        var y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }
}
