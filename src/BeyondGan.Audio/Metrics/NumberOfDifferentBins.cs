namespace BeyondGan.Audio.Metrics;

/// <summary>
/// NDB/K (Richardson &amp; Weiss 2018): the real rows are clustered into K bins by k-means; each generated row falls in the
/// bin of its nearest centre; a bin is statistically different when a two-proportion z-test of its real and generated
/// shares rejects equality at α = 0.05. NDB/K is the share of such bins: 0 when the generated rows cover the bins as the
/// real ones do.
/// </summary>
public static class NumberOfDifferentBins
{
    /// <summary>NDB/K of <paramref name="generated"/> against <paramref name="real"/> with <paramref name="bins"/> bins.</summary>
    public static double Compute(IReadOnlyList<float[]> real, IReadOnlyList<float[]> generated, int bins = 50, int seed = 0)
    {
        var centres = KMeans.Fit(real, bins, seed);
        var realCounts = Counts(real, centres);
        var generatedCounts = Counts(generated, centres);
        int different = 0;
        for (int b = 0; b < bins; b++)
            if (Different(realCounts[b], real.Count, generatedCounts[b], generated.Count)) different++;
        return different / (double)bins;
    }

    private static int[] Counts(IReadOnlyList<float[]> rows, float[][] centres)
    {
        var counts = new int[centres.Length];
        foreach (var r in rows) counts[KMeans.Nearest(r, centres)]++;
        return counts;
    }

    /// <summary>Two-proportion z-test, pooled variance, two-sided at α = 0.05 (|z| > 1.96).</summary>
    public static bool Different(int a, int n, int b, int m)
    {
        double p1 = a / (double)n, p2 = b / (double)m, pooled = (a + b) / (double)(n + m);
        double se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
        if (se == 0) return false;
        return Math.Abs(p1 - p2) / se > 1.959964;
    }
}
