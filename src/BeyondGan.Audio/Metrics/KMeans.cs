namespace BeyondGan.Audio.Metrics;

/// <summary>
/// Seeded k-means (k-means++ seeding, then Lloyd's iterations) over float rows. Written here because NDB/K needs the centres
/// and an exact, reproducible assignment; Microsoft.ML's trainer would bring a data pipeline for a 50-line loop.
/// </summary>
public static class KMeans
{
    /// <summary>The <paramref name="k"/> centres of <paramref name="rows"/>.</summary>
    public static float[][] Fit(IReadOnlyList<float[]> rows, int k, int seed = 0, int iterations = 50)
    {
        if (rows.Count < k) throw new ArgumentException($"k-means with {k} centres needs at least {k} rows, got {rows.Count}.");
        var rng = new Random(seed);
        var centres = new List<float[]> { (float[])rows[rng.Next(rows.Count)].Clone() };
        var nearest = rows.Select(r => Distance(r, centres[0])).ToArray();
        while (centres.Count < k)
        {
            double total = nearest.Sum(), u = rng.NextDouble() * total, sum = 0;
            int pick = rows.Count - 1;
            for (int i = 0; i < rows.Count; i++) if ((sum += nearest[i]) >= u) { pick = i; break; }
            centres.Add((float[])rows[pick].Clone());
            for (int i = 0; i < rows.Count; i++) nearest[i] = Math.Min(nearest[i], Distance(rows[i], centres[^1]));
        }
        var assignment = new int[rows.Count];
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            bool changed = false;
            for (int i = 0; i < rows.Count; i++)
            {
                int c = Nearest(rows[i], centres);
                if (c != assignment[i] || iteration == 0) { changed |= c != assignment[i]; assignment[i] = c; }
            }
            int d = rows[0].Length;
            var sums = new double[k, d];
            var counts = new int[k];
            for (int i = 0; i < rows.Count; i++)
            {
                counts[assignment[i]]++;
                for (int j = 0; j < d; j++) sums[assignment[i], j] += rows[i][j];
            }
            for (int c = 0; c < k; c++)
                if (counts[c] > 0) for (int j = 0; j < d; j++) centres[c][j] = (float)(sums[c, j] / counts[c]);
            if (!changed && iteration > 0) break;
        }
        return centres.ToArray();
    }

    /// <summary>The index of the centre nearest to <paramref name="row"/>.</summary>
    public static int Nearest(float[] row, IReadOnlyList<float[]> centres)
    {
        int best = 0;
        double bestDistance = double.MaxValue;
        for (int c = 0; c < centres.Count; c++)
        {
            double v = Distance(row, centres[c]);
            if (v < bestDistance) (bestDistance, best) = (v, c);
        }
        return best;
    }

    /// <summary>Squared Euclidean distance.</summary>
    public static double Distance(float[] a, float[] b)
    {
        double s = 0;
        for (int j = 0; j < a.Length; j++) { double d = a[j] - b[j]; s += d * d; }
        return s;
    }
}
