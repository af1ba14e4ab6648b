namespace BeyondGan.Evaluation.Fidelity;

/// <summary>SDMetrics KSComplement: 1 − the two-sample Kolmogorov–Smirnov statistic of the non-missing values (1 = same distribution).</summary>
public static class KsComplement
{
    /// <summary>Scores <paramref name="synthetic"/> against <paramref name="real"/>; NaN values are ignored.</summary>
    public static double Score(IEnumerable<double> real, IEnumerable<double> synthetic)
    {
        var a = real.Where(double.IsFinite).Order().ToArray();
        var b = synthetic.Where(double.IsFinite).Order().ToArray();
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1.0 : 0.0;
        return 1.0 - Statistic(a, b);
    }

    /// <summary>sup |F_a(x) − F_b(x)| for sorted samples.</summary>
    public static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }
}
