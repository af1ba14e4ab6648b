namespace BeyondGan.Evaluation.Report;

/// <summary>
/// Exact t-SNE (van der Maaten &amp; Hinton 2008): Gaussian affinities with a per-point bandwidth found by bisection to
/// the given perplexity, symmetrised; Student-t affinities in 2-D; gradient descent with momentum (0.5, then 0.8),
/// early exaggeration ×12 for the first 100 iterations and per-parameter gains. O(n²) per iteration, which suits the
/// report's 1,000 points. Written here because no maintained .NET library offers t-SNE; seeded, so deterministic.
/// </summary>
internal static class TSne
{
    /// <summary>2-D embedding [n, 2] of <paramref name="points"/> (rows).</summary>
    public static double[,] Embed(double[][] points, double perplexity = 40, int iterations = 300, int seed = 0)
    {
        int n = points.Length;
        var p = Affinities(points, Math.Min(perplexity, (n - 1) / 3.0));
        var rng = new Random(seed);
        var y = new double[n, 2];
        for (int i = 0; i < n; i++) for (int d = 0; d < 2; d++) y[i, d] = 1e-4 * Normal(rng);
        var update = new double[n, 2];
        var gains = new double[n, 2];
        for (int i = 0; i < n; i++) { gains[i, 0] = 1; gains[i, 1] = 1; }
        var q = new double[n * n];
        var grad = new double[n, 2];
        for (int it = 0; it < iterations; it++)
        {
            double exaggeration = it < 100 ? 12 : 1, momentum = it < 100 ? 0.5 : 0.8, rate = 200;
            double sumQ = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    double dx = y[i, 0] - y[j, 0], dy = y[i, 1] - y[j, 1];
                    double w = 1 / (1 + dx * dx + dy * dy);
                    q[i * n + j] = q[j * n + i] = w;
                    sumQ += 2 * w;
                }
            Array.Clear(grad);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (i == j) continue;
                    double w = q[i * n + j];
                    double f = 4 * (exaggeration * p[i * n + j] - w / sumQ) * w;
                    grad[i, 0] += f * (y[i, 0] - y[j, 0]);
                    grad[i, 1] += f * (y[i, 1] - y[j, 1]);
                }
            for (int i = 0; i < n; i++)
                for (int d = 0; d < 2; d++)
                {
                    gains[i, d] = Math.Sign(grad[i, d]) != Math.Sign(update[i, d]) ? gains[i, d] + 0.2 : Math.Max(0.01, gains[i, d] * 0.8);
                    update[i, d] = momentum * update[i, d] - rate * gains[i, d] * grad[i, d];
                    y[i, d] += update[i, d];
                }
        }
        return y;
    }

    private static double[] Affinities(double[][] x, double perplexity)
    {
        int n = x.Length;
        var distances = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < x[i].Length; k++) { double d = x[i][k] - x[j][k]; s += d * d; }
                distances[i * n + j] = distances[j * n + i] = s;
            }
        var p = new double[n * n];
        double target = Math.Log(perplexity);
        var row = new double[n];
        for (int i = 0; i < n; i++)
        {
            double beta = 1, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            for (int attempt = 0; attempt < 50; attempt++)
            {
                double sum = 0, weighted = 0;
                for (int j = 0; j < n; j++)
                {
                    row[j] = j == i ? 0 : Math.Exp(-distances[i * n + j] * beta);
                    sum += row[j];
                    weighted += row[j] * distances[i * n + j];
                }
                sum = Math.Max(sum, 1e-300);
                double entropy = Math.Log(sum) + beta * weighted / sum;
                double diff = entropy - target;
                for (int j = 0; j < n; j++) row[j] /= sum;
                if (Math.Abs(diff) < 1e-5) break;
                if (diff > 0) { lo = beta; beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2; }
                else { hi = beta; beta = double.IsNegativeInfinity(lo) ? beta / 2 : (beta + lo) / 2; }
            }
            for (int j = 0; j < n; j++) p[i * n + j] = row[j];
        }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double s = Math.Max((p[i * n + j] + p[j * n + i]) / (2 * n), 1e-12);
                p[i * n + j] = p[j * n + i] = s;
            }
        return p;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
