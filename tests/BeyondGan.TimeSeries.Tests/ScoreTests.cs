using BeyondGan.TimeSeries.Demo;
using BeyondGan.TimeSeries.Evaluation;

namespace BeyondGan.TimeSeries.Tests;

public sealed class ScoreTests
{
    private static WindowSet SinesSet(int count, int seed) => new(Sines.Generate(count, 24, 5, seed), count, 24, 5);

    [Fact]
    public void Real_against_a_disjoint_half_of_itself_is_near_zero_and_against_noise_near_one_half()
    {
        var all = SinesSet(800, 0);
        var a = all.Select(Enumerable.Range(0, 400).ToArray());
        var b = all.Select(Enumerable.Range(400, 400).ToArray());
        var rng = new Random(5);
        var noise = new WindowSet(Enumerable.Range(0, 400 * 24 * 5).Select(_ => (float)rng.NextDouble()).ToArray(), 400, 24, 5);
        var scaled = WindowSet.MinMaxByFirst(a, b, noise);
        double same = PostHocScores.Discriminative(scaled[0], scaled[1], seed: 1, iterations: 400);
        double fake = PostHocScores.Discriminative(scaled[0], scaled[2], seed: 1, iterations: 400);
        Assert.True(same < 0.1, $"real vs real: {same}");
        Assert.True(fake > 0.4, $"real vs noise: {fake}");
    }

    [Fact]
    public void Shuffling_the_steps_of_each_window_is_caught()
    {
        var real = SinesSet(400, 0);
        var rng = new Random(2);
        var shuffled = (float[])real.Values.Clone();
        for (int i = 0; i < real.Count; i++)
        {
            var order = Enumerable.Range(0, 24).ToArray();
            rng.Shuffle(order);
            for (int t = 0; t < 24; t++) for (int f = 0; f < 5; f++) shuffled[(i * 24 + t) * 5 + f] = real[i, order[t], f];
        }
        var s = WindowSet.MinMaxByFirst(real, new WindowSet(shuffled, 400, 24, 5));
        Assert.True(PostHocScores.Discriminative(s[0], s[1], seed: 3, iterations: 400) > 0.3);
        Assert.True(StatisticScores.Autocorrelation(s[0], s[1]) > 0.3);
    }

    [Fact]
    public void The_same_sets_and_seed_give_the_same_scores()
    {
        var a = SinesSet(200, 0);
        var b = SinesSet(200, 1);
        Assert.Equal(PostHocScores.Discriminative(a, b, 7, 50), PostHocScores.Discriminative(a, b, 7, 50));
        Assert.Equal(PostHocScores.Predictive(a, b, 7, 50), PostHocScores.Predictive(a, b, 7, 50));
    }

    [Fact]
    public void Kolmogorov_smirnov_is_the_largest_gap_between_the_two_step_functions()
    {
        Assert.Equal(0.5, StatisticScores.KolmogorovSmirnov([1, 2, 3, 4], [3, 4, 5, 6]), 12);
        Assert.Equal(0, StatisticScores.KolmogorovSmirnov([1, 2], [2, 1]), 12);
        Assert.Equal(1, StatisticScores.KolmogorovSmirnov([1, 2], [3, 4]), 12);
    }

    [Fact]
    public void An_alternating_series_has_an_autocorrelation_near_minus_one_at_lag_one()
    {
        var values = Enumerable.Range(0, 20).Select(t => t % 2 == 0 ? 1f : 0f).ToArray();
        var alternating = new WindowSet(values, 1, 20, 1);
        var (acf, _) = StatisticScores.Autocorrelations(alternating, alternating, 2);
        // Σ (x_t − m)(x_{t+1} − m) / Σ (x_t − m)² = −19·0.25 / (20·0.25)
        Assert.Equal(-19.0 / 20, acf[0, 0], 9);
        Assert.Equal(18.0 / 20, acf[0, 1], 9);
    }

    [Fact]
    public void The_correlational_score_sums_the_differences_of_each_feature_pair()
    {
        // Real: x2 = x1 (ρ = 1); synthetic: x2 = −x1 (ρ = −1): one pair, |1 − (−1)| = 2.
        var real = new WindowSet([0, 0, 1, 1, 2, 2, 3, 3], 1, 4, 2);
        var synthetic = new WindowSet([0, 3, 1, 2, 2, 1, 3, 0], 1, 4, 2);
        Assert.Equal(2, StatisticScores.Correlational(real, synthetic), 9);
        Assert.Equal(0, StatisticScores.Correlational(real, real), 9);
    }

    [Fact]
    public void The_frechet_distance_of_two_gaussians_is_the_squared_mean_gap_plus_the_covariance_term()
    {
        var rng = new Random(4);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(4000, 2, (_, _) => Normal(rng));
        var b = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(4000, 2, (_, j) => Normal(rng) + (j == 0 ? 3 : 0));
        Assert.Equal(0, BeyondGan.Statistics.FrechetDistance.Compute(a, a), 6);
        Assert.Equal(9, BeyondGan.Statistics.FrechetDistance.Compute(a, b), 0);   // |μ_a − μ_b|² = 9, the covariances are equal
    }

    [Fact]
    public void Min_max_scaling_uses_the_first_set_and_keeps_padding_at_zero()
    {
        var real = new WindowSet([0, 10, 5, 0], 2, 2, 1, [2, 1]);
        var other = new WindowSet([20, 7], 1, 2, 1, [1]);
        var s = WindowSet.MinMaxByFirst(real, other);
        Assert.Equal(1, s[0][0, 1, 0], 5);
        Assert.Equal(0, s[0][1, 1, 0]);
        Assert.Equal(2, s[1][0, 0, 0], 5);
        Assert.Equal(0, s[1][0, 1, 0]);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
