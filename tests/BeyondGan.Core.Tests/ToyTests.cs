using BeyondGan.Toy;
using static TorchSharp.torch;

namespace BeyondGan.Core.Tests;

public class ToyTests
{
    [Fact]
    public void Ring_has_eight_distinct_modes_on_the_unit_circle()
    {
        var ring = GaussianMixture2D.Ring();
        Assert.Equal(8, ring.ModeCount);
        var points = Enumerable.Range(0, 8).Select(k => (Math.Round(ring.Modes[k, 0], 6), Math.Round(ring.Modes[k, 1], 6))).Distinct().Count();
        Assert.Equal(8, points);
        for (int k = 0; k < 8; k++) Assert.Equal(1.0, Math.Sqrt(ring.Modes[k, 0] * ring.Modes[k, 0] + ring.Modes[k, 1] * ring.Modes[k, 1]), 10);
        Assert.Equal(0.01, ring.Std);
    }

    [Fact]
    public void Grid_has_25_modes_spaced_by_two()
    {
        var grid = GaussianMixture2D.Grid();
        Assert.Equal(25, grid.ModeCount);
        Assert.Equal(0.05, grid.Std);
        Assert.Equal(-4, grid.Modes[0, 0]);
        Assert.Equal(4, grid.Modes[24, 1]);
    }

    [Fact]
    public void Real_samples_score_perfectly()
    {
        var grid = GaussianMixture2D.Grid();
        var batch = grid.Next(2500, new TorchSharp.torch.Generator(1), CPU);
        var flat = batch.Real.data<float>().ToArray();
        var samples = new float[2500, 2];
        Buffer.BlockCopy(flat, 0, samples, 0, flat.Length * 4);
        var m = ModeCollapseMetrics.Compute(samples, grid);
        Assert.Equal(25, m.ModesCaptured);
        Assert.True(m.HighQualityFraction > 0.98);
        Assert.True(m.ReverseKl < 0.03);
    }

    [Fact]
    public void Metrics_match_a_hand_computed_case()
    {
        var ring = GaussianMixture2D.Ring();
        // Three samples on mode 0, one on mode 2 (0, 1), one far away (not high quality).
        var samples = new float[,] { { 1, 0 }, { 1.02f, 0 }, { 1, 0.01f }, { 0, 1 }, { 0.5f, 0.5f } };
        var m = ModeCollapseMetrics.Compute(samples, ring);
        Assert.Equal(2, m.ModesCaptured);
        Assert.Equal(0.8, m.HighQualityFraction, 10);
        double kl = 0.75 * Math.Log(0.75 * 8) + 0.25 * Math.Log(0.25 * 8);
        Assert.Equal(kl, m.ReverseKl, 10);
        Assert.Equal(new[] { 3, 0, 1, 0, 0, 0, 0, 0 }, m.CountsPerMode);
    }

    [Fact]
    public void A_scaled_mixture_scores_scaled_samples_as_the_original_scores_the_originals()
    {
        var ring = GaussianMixture2D.Ring();
        var big = ring.Scaled(10);
        Assert.Equal("ring*10", big.Name);
        Assert.Equal(0.1, big.Std, 12);
        Assert.Equal(10 * ring.Modes[3, 1], big.Modes[3, 1], 12);
        Assert.Equal(1.0, ring.Modes[0, 0]); // the original is untouched
        var samples = new float[,] { { 1, 0 }, { 1.02f, 0 }, { 1, 0.01f }, { 0, 1 }, { 0.5f, 0.5f } };
        var scaled = new float[5, 2];
        for (int i = 0; i < 5; i++) { scaled[i, 0] = samples[i, 0] * 10; scaled[i, 1] = samples[i, 1] * 10; }
        var (m, mBig) = (ModeCollapseMetrics.Compute(samples, ring), ModeCollapseMetrics.Compute(scaled, big));
        Assert.Equal(m.CountsPerMode, mBig.CountsPerMode);
        Assert.Equal(m.HighQualityFraction, mBig.HighQualityFraction, 12);
        Assert.Equal(m.ReverseKl, mBig.ReverseKl, 12);
        Assert.Throws<ArgumentException>(() => ring.Scaled(0));
    }

    [Fact]
    public void Collapsed_generator_has_reverse_kl_log_k()
    {
        var ring = GaussianMixture2D.Ring();
        var samples = new float[10, 2];
        for (int i = 0; i < 10; i++) samples[i, 0] = 1;
        Assert.Equal(Math.Log(8), ModeCollapseMetrics.Compute(samples, ring).ReverseKl, 10);
    }

    [Fact]
    public void Presets_exist_and_validate()
    {
        foreach (var name in ToyPresets.Names) ToyPresets.ByName(name).Validate();
        Assert.Equal(4, ToyPresets.ByName("pacgan4").Pac);
        // The default is best's networks without growing, 5,000 steps (the one-minute budget); best grows over 20,000.
        Assert.Equal(20_000, ToyPresets.ByName("best").Steps);
        Assert.True(ToyPresets.ByName("best").Grow);
        var quick = ToyPresets.ByName("default");
        Assert.Equal(5_000, quick.Steps);
        Assert.False(quick.Grow);
        Assert.Equal(1, quick.CriticSteps);
        Assert.Throws<ArgumentException>(() => ToyPresets.ByName("nope"));
        Assert.Throws<ArgumentException>(() => (ToyPresets.Best() with { Pac = 5 }).Validate());
        Assert.Throws<ArgumentException>(() => (ToyPresets.Best() with { LearningRateDecay = double.NaN }).Validate());
        Assert.Throws<ArgumentException>(() => (ToyPresets.Best() with { LearningRateDecay = 1.0 }).Validate());
    }
}
