using BeyondGan.Audio.Data;
using BeyondGan.Audio.Demo;
using BeyondGan.Audio.Evaluation;
using BeyondGan.Audio.Metrics;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Tests;

public sealed class MetricTests
{
    [Fact]
    public void Inception_scores_and_am_by_hand()
    {
        Assert.Equal(2, ClassifierScores.InceptionScore([[1f, 0f], [0f, 1f]]), 6);
        Assert.Equal(1, ClassifierScores.InceptionScore([[0.3f, 0.7f], [0.3f, 0.7f]]), 6);
        // KL([.75, .25] ‖ [.25, .75]) = .5 ln 3 both ways, so mIS = exp(.5 ln 3) = √3.
        float[][] p = [[0.75f, 0.25f], [0.25f, 0.75f]];
        Assert.Equal(Math.Sqrt(3), ClassifierScores.ModifiedInceptionScore(p), 5);
        // The three-clip case against a direct sum over the six ordered pairs.
        float[][] q = [[0.6f, 0.3f, 0.1f], [0.2f, 0.5f, 0.3f], [0.1f, 0.1f, 0.8f]];
        double direct = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (i != j) direct += ClassifierScores.Kl(q[i], q[j]);
        Assert.Equal(Math.Exp(direct / 6), ClassifierScores.ModifiedInceptionScore(q), 5);
        // AM: the marginals agree (KL 0), so AM is the mean entropy −(.75 ln .75 + .25 ln .25).
        Assert.Equal(-(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25)), ClassifierScores.AmScore(p, [0.5f, 0.5f]), 5);
    }

    [Fact]
    public void Kid_is_the_unbiased_mmd_with_the_cubic_kernel()
    {
        float[][] x = [[1f, 0f], [0f, 1f]];
        float[][] y = [[2f, 0f], [0f, 2f]];
        // k(a, b) = (aᵀb / 2 + 1)³; MMD²_u = k(x1,x2)·2/2 + k(y1,y2)·2/2 − 2·mean k(x, y).
        double kxx = 1, kyy = 1;   // orthogonal pairs: (0 + 1)³
        double kxy = (Math.Pow(2, 3) + 1 + 1 + Math.Pow(2, 3)) / 4;   // (2/2 + 1)³ for matched axes, 1 otherwise
        var (kid, _) = KernelInceptionDistance.Compute(x, y, subsets: 3, subsetSize: 2);
        Assert.Equal(kxx + kyy - 2 * kxy, kid, 9);
        var rng = new Random(1);
        var a = Enumerable.Range(0, 400).Select(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToList();
        var b = Enumerable.Range(0, 400).Select(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToList();
        var shifted = b.Select(r => new[] { r[0] + 1f, r[1] }).ToList();
        Assert.True(Math.Abs(KernelInceptionDistance.Compute(a, b, 10, 200).Mean) < 0.02);
        Assert.True(KernelInceptionDistance.Compute(a, shifted, 10, 200).Mean > 0.2);
    }

    [Fact]
    public void Ndb_counts_the_bins_whose_shares_differ()
    {
        Assert.False(NumberOfDifferentBins.Different(50, 100, 50, 100));
        Assert.True(NumberOfDifferentBins.Different(90, 100, 10, 100));
        // z = (.6 − .4) / √(.5 · .5 · (2/100)) = 2.83 > 1.96; (.55 − .45) → 1.41 < 1.96
        Assert.True(NumberOfDifferentBins.Different(60, 100, 40, 100));
        Assert.False(NumberOfDifferentBins.Different(55, 100, 45, 100));
        var rng = new Random(2);
        List<float[]> Blobs(int n, params int[] centres) => Enumerable.Range(0, n).Select(i => new[] { centres[i % centres.Length] * 10 + (float)rng.NextDouble(), (float)rng.NextDouble() }).ToList();
        var real = Blobs(400, 0, 1, 2, 3);
        Assert.Equal(0, NumberOfDifferentBins.Compute(real, Blobs(400, 0, 1, 2, 3), bins: 4));
        // Two modes missing (0 % against 25 %) and two over-full (50 % against 25 %): every bin differs.
        Assert.Equal(1, NumberOfDifferentBins.Compute(real, Blobs(400, 0, 1), bins: 4));
        // Mode 0 at 40 % (z = 4.5 against 25 %), the others at 20 % (z = 1.7, within chance): one bin of four.
        Assert.Equal(0.25, NumberOfDifferentBins.Compute(real, Blobs(400, 0, 0, 1, 2, 3), bins: 4), 9);
    }

    [Fact]
    public void Kmeans_finds_separated_clusters_and_nearest_neighbours_skip_themselves()
    {
        var rows = new List<float[]>();
        for (int i = 0; i < 30; i++) rows.Add([i % 2 == 0 ? 0f : 10f, (i % 3) * 0.1f]);
        var centres = KMeans.Fit(rows, 2).OrderBy(c => c[0]).ToArray();
        Assert.Equal(0, centres[0][0], 4);
        Assert.Equal(10, centres[1][0], 4);
        var q = tensor(new float[] { 0, 0, 3, 4, 0, 1 }, [3, 2]);
        Assert.Equal([1f, 4.2426f, 1f], NearestNeighbours.Distances(q, q, sameSet: true).Select(v => MathF.Round(v, 4)));
        Assert.Equal([0f, 0f, 0f], NearestNeighbours.Distances(q, q));
    }

    [Fact]
    public void Collapse_silence_and_one_tone_are_warned_and_real_sounds_are_not()
    {
        var demo = DemoSounds.Make(10, length: 2048, seed: 4).Clips.Select(c => c.Samples).ToList();
        var realWithin = Enumerable.Repeat(30f, 40).ToArray();
        Assert.Empty(CollapseDetector.Check(demo, 8000, Enumerable.Repeat(25f, demo.Count).ToArray(), realWithin));
        var silent = Enumerable.Range(0, 40).Select(_ => new float[2048]).ToList();
        Assert.Contains(CollapseDetector.Check(silent, 8000, Enumerable.Repeat(25f, 40).ToArray(), realWithin), w => w.StartsWith("silence: 40 of 40"));
        var tone = Enumerable.Range(0, 40).Select(i => WavAndPreparationTests.Sine(1000, 8000, 2048, 0.3 + i * 0.01)).ToList();
        var warnings = CollapseDetector.Check(tone, 8000, Enumerable.Repeat(0.5f, 40).ToArray(), realWithin);
        Assert.Contains(warnings, w => w.StartsWith("near-copies: 40 of 40"));
        Assert.Contains(warnings, w => w.StartsWith("one tone: 40 of 40") && w.Contains("1000 Hz"));
    }

    [Fact]
    public void The_evaluation_scores_real_clips_near_their_ceiling()
    {
        var train = DemoSounds.Make(30, length: 2048, seed: 5);
        var test = DemoSounds.Make(10, length: 2048, seed: 6);
        var other = DemoSounds.Make(10, length: 2048, seed: 7);
        var r = AudioEvaluation.Evaluate(test, other, train, new ClipPreparation { Length = 2048 });
        Assert.Equal(DemoSounds.Classes, r.Labels);
        Assert.True(r.ClassifierAccuracy >= 0.9, $"classifier accuracy {r.ClassifierAccuracy}");
        Assert.True(r.Synthetic.LabelAccuracy >= 0.9);
        Assert.InRange(r.Synthetic.InceptionScore, 3, 4);
        Assert.Empty(r.Warnings);
        Assert.Equal(4, r.PerLabelAccuracy!.Count);
        // Clips all of one class are said to have collapsed into it.
        var tones = AudioFolder.FromClips("tones", other.Clips.Where(c => c.Label == "tone").ToList());
        Assert.Contains(AudioEvaluation.Evaluate(test, tones, train, new ClipPreparation { Length = 2048 }).Warnings, w => w.StartsWith("one label: 10 of 10 clips are heard as 'tone'"));
        // Silence is scored as such, and warned.
        var silence = AudioFolder.FromClips("silence", Enumerable.Range(0, 40).Select(i => new AudioClip($"tone_{i}.wav", new float[2048], 8000, "tone")).ToList());
        var s = AudioEvaluation.Evaluate(test, silence, train, new ClipPreparation { Length = 2048 });
        Assert.Contains(s.Warnings, w => w.StartsWith("silence"));
        Assert.True(s.Synthetic.InceptionScore < 1.01);
        Assert.True(s.Synthetic.FrechetDistance > 10 * r.Synthetic.FrechetDistance);
    }
}
