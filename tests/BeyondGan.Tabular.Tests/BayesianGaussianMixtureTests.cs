using BeyondGan.Tabular.Transform;

namespace BeyondGan.Tabular.Tests;

public class BayesianGaussianMixtureTests
{
    private static double[] Sample((double Weight, double Mean, double Sd)[] parts, int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            var p = parts[^1];
            foreach (var q in parts) { if (u < q.Weight) { p = q; break; } u -= q.Weight; }
            double normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            x[i] = p.Mean + p.Sd * normal;
        }
        return x;
    }

    [Fact]
    public void RecoversThreeSeparatedComponents()
    {
        var x = Sample([(0.2, -5, 0.5), (0.5, 0, 1.0), (0.3, 8, 0.7)], 6000, 1);
        var m = new BayesianGaussianMixture().Fit(x);
        Assert.InRange(m.Weights.Sum(), 1 - 1e-9, 1 + 1e-9);
        double[] means = [-5, 0, 8], weights = [0.2, 0.5, 0.3], sds = [0.5, 1.0, 0.7];
        // Variational inference may split a true component into several fitted ones; what must hold is that the
        // fitted mass sits on the true components with the true weights, means and spreads.
        var owner = Enumerable.Range(0, m.Weights.Length).Select(k => Enumerable.Range(0, 3).MinBy(j => Math.Abs(m.Means[k] - means[j]))).ToArray();
        for (int j = 0; j < 3; j++)
        {
            var mine = Enumerable.Range(0, m.Weights.Length).Where(k => owner[k] == j).ToArray();
            double w = mine.Sum(k => m.Weights[k]);
            Assert.InRange(w, weights[j] - 0.02, weights[j] + 0.02);
            double mean = mine.Sum(k => m.Weights[k] * m.Means[k]) / w;
            double variance = mine.Sum(k => m.Weights[k] * (m.Variances[k] + m.Means[k] * m.Means[k])) / w - mean * mean;
            Assert.InRange(mean, means[j] - 0.1, means[j] + 0.1);
            Assert.InRange(Math.Sqrt(variance), sds[j] * 0.9, sds[j] * 1.1);
        }
        // No heavy component sits between the true ones.
        for (int k = 0; k < m.Weights.Length; k++)
            if (m.Weights[k] > 0.01) Assert.True(Math.Abs(m.Means[k] - means[owner[k]]) < 3 * sds[owner[k]], $"component at {m.Means[k]:F2} with weight {m.Weights[k]:F3}");
    }

    [Fact]
    public void OneGaussianIsMatchedInMeanAndSpread()
    {
        var x = Sample([(1.0, 3, 2)], 4000, 2);
        var m = new BayesianGaussianMixture().Fit(x);
        double mean = Enumerable.Range(0, m.Weights.Length).Sum(k => m.Weights[k] * m.Means[k]);
        double variance = Enumerable.Range(0, m.Weights.Length).Sum(k => m.Weights[k] * (m.Variances[k] + m.Means[k] * m.Means[k])) - mean * mean;
        Assert.InRange(mean, 2.9, 3.1);
        Assert.InRange(Math.Sqrt(variance), 1.9, 2.1);
    }

    [Fact]
    public void PosteriorSumsToOneAndPrefersTheNearestMode()
    {
        var x = Sample([(0.5, -10, 1), (0.5, 10, 1)], 2000, 3);
        var m = new BayesianGaussianMixture().Fit(x);
        var p = new double[m.Weights.Length];
        m.Posterior(10, p);
        Assert.InRange(p.Sum(), 1 - 1e-9, 1 + 1e-9);
        int best = Array.IndexOf(p, p.Max());
        Assert.InRange(m.Means[best], 9.5, 10.5);
    }

    [Fact]
    public void ModeSpecificNormalizationRoundTrips()
    {
        var x = Sample([(0.3, -4, 0.5), (0.7, 6, 1.5)], 3000, 4);
        var n = ModeSpecificNormalizer.Fit(x);
        var rng = new Random(5);
        foreach (var v in x.Take(500))
        {
            var (alpha, mode) = n.Encode(v, rng);
            Assert.InRange(alpha, -0.99, 0.99);
            double back = n.Decode(alpha, mode);
            // Exact unless α was clipped (|x − μ| > 3.96σ for the drawn mode).
            if (Math.Abs(alpha) < 0.99) Assert.Equal(v, back, 9);
        }
    }

    [Fact]
    public void FitIsDeterministic()
    {
        var x = Sample([(0.5, 0, 1), (0.5, 5, 1)], 1000, 6);
        var a = new BayesianGaussianMixture().Fit(x);
        var b = new BayesianGaussianMixture().Fit(x);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Means, b.Means);
    }
}
