namespace BeyondGan.Evaluation.Fidelity;

/// <summary>SDMetrics CorrelationSimilarity: 1 − |ρ_real − ρ_syn| / 2 with Pearson's ρ over rows where both values are present.</summary>
public static class CorrelationSimilarity
{
    /// <summary>Scores one pair of numeric columns.</summary>
    public static double Score(double[] realA, double[] realB, double[] synA, double[] synB) =>
        1.0 - Math.Abs(Pearson(realA, realB) - Pearson(synA, synB)) / 2.0;

    /// <summary>Pearson correlation over rows where both are finite; 0 when a column is constant.</summary>
    public static double Pearson(double[] a, double[] b)
    {
        double n = 0, ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) if (double.IsFinite(a[i]) && double.IsFinite(b[i])) { n++; ma += a[i]; mb += b[i]; }
        if (n < 2) return 0;
        ma /= n; mb /= n;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!double.IsFinite(a[i]) || !double.IsFinite(b[i])) continue;
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        return saa <= 0 || sbb <= 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
