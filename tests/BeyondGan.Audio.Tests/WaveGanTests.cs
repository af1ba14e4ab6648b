using BeyondGan.Audio.Data;
using BeyondGan.Audio.Demo;
using BeyondGan.Audio.Model;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Tests;

public sealed class WaveGanTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-audio-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Three layers from 16 to 1,024 samples, width 4: a few tiny steps.</summary>
    internal static readonly AudioModelOptions Tiny = new() { Length = 1024, Layers = 3, Width = 4, BatchSize = 8, Steps = 4, CriticSteps = 2, LatentSize = 8, LabelEmbedding = 4 };

    internal static AudioFolder DemoClips(int perClass = 6) => DemoSounds.Make(perClass, length: 1024, seed: 3);

    private static string Draw(AudioSynthesizer m, int count, long seed, string? label = null) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(m.Sample(count, seed, label).SelectMany(c => WavFile.Encode(c.Samples, 8000)).ToArray()));

    [Fact]
    public void Phase_shuffle_shifts_the_whole_batch_with_reflection()
    {
        var x = arange(1, 7, dtype: ScalarType.Float32).view(1, 1, 6).repeat(2, 1, 1);
        Assert.Equal([3f, 2f, 1f, 2f, 3f, 4f], PhaseShuffle.Shift(x, 2)[1, 0].data<float>().ToArray());
        Assert.Equal([2f, 3f, 4f, 5f, 6f, 5f], PhaseShuffle.Shift(x, -1)[0, 0].data<float>().ToArray());
        using var shuffle = new PhaseShuffle(2);
        using var rng = new TorchSharp.torch.Generator(1);
        shuffle.Rng = rng;
        var seen = new HashSet<float>();
        for (int i = 0; i < 60; i++)
        {
            var y = shuffle.call(x);
            Assert.True(y[0].eq(y[1]).all().item<bool>());   // one shift for the whole batch
            seen.Add(y[0, 0, 2].item<float>());           // x[2 − k] for k ∈ [−2, 2]
        }
        Assert.Equal([1f, 2f, 3f, 4f, 5f], seen.Order());
        shuffle.eval();
        Assert.True(shuffle.call(x).eq(x).all().item<bool>());
    }

    [Fact]
    public void Generator_and_critic_have_wavegans_shapes()
    {
        var options = AudioModelOptions.Cpu;
        using var g = new WaveGanGenerator(options, 10);
        using var d = new WaveGanCritic(options, 10);
        using var rng = new TorchSharp.torch.Generator(1);
        var z = g.SampleLatent(3, rng, CPU);
        Assert.True(z.min().item<float>() >= -1 && z.max().item<float>() <= 1);
        var c = nn.functional.one_hot(tensor(new long[] { 0, 4, 9 }), 10).to(ScalarType.Float32);
        var x = g.call(z, c);
        Assert.Equal(new long[] { 3, 1, 4096 }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1);
        Assert.Equal(new long[] { 3, 1 }, d.call(x, c).shape);
        // The paper's generator: d = 64, 16,384 samples — about 19 M parameters (REFERENCES §5).
        using var paper = new WaveGanGenerator(AudioModelOptions.Paper, 0);
        long count = paper.parameters().Sum(p => p.numel());
        Assert.InRange(count, 18_000_000, 20_000_000);
    }

    [Fact]
    public void A_fit_is_reproducible_round_trips_and_draws_the_asked_label()
    {
        var clips = DemoClips();
        using var a = AudioSynthesizer.Fit(clips, Tiny with { Seed = 5 });
        using var b = AudioSynthesizer.Fit(clips, Tiny with { Seed = 5 });
        Assert.Equal(4, a.StepsTrained);
        Assert.True(a.IsComplete);
        Assert.Equal(DemoSounds.Classes, a.State.Labels!);
        Assert.Equal(Draw(a, 20, 1), Draw(b, 20, 1));
        Assert.NotEqual(Draw(a, 20, 1), Draw(a, 20, 2));
        Assert.All(a.Sample(10, 1, "chirp"), c => Assert.Equal("chirp", c.Label));
        Assert.True(a.History.Series("gradient_penalty_critic").Any());

        var path = Path.Combine(dir, "m.bgan");
        AudioModelFile.Save(path, a);
        using var loaded = AudioModelFile.Load(path);
        Assert.Equal(Draw(a, 20, 1, "tone"), Draw(loaded, 20, 1, "tone"));
        // Shards of a draw, joined, are the whole draw (chunks seeded by index).
        var whole = a.Sample(130, 4).SelectMany(c => c.Samples).ToArray();
        var parts = a.Sample(130, 4, shard: new BeyondGan.Sampling.Shard(1, 2)).Concat(a.Sample(130, 4, shard: new BeyondGan.Sampling.Shard(2, 2)));
        Assert.Equal(whole, parts.SelectMany(c => c.Samples).ToArray());
    }

    [Fact]
    public void Bad_labels_and_files_are_refused()
    {
        using var m = AudioSynthesizer.Fit(DemoClips(2), Tiny with { Steps = 1 });
        Assert.Equal("--label seven: not a label of the training clips (labels: beeps, burst, chirp, tone).",
            Assert.Throws<ArgumentException>(() => m.Sample(1, label: "seven").ToList()).Message);
        var text = Path.Combine(dir, "x.bgan");
        File.WriteAllText(text, "BGANTEXT and then some");
        var e = Assert.Throws<InvalidDataException>(() => AudioModelFile.Load(text));
        Assert.Equal($"{text}: this is a text model, not a BeyondGan audio model; read it with `beyondgan text sample`.", e.Message);
        var cut = Path.Combine(dir, "cut.bgan");
        AudioModelFile.Save(cut, m);
        File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..200]);
        Assert.StartsWith($"{cut}: the model file is truncated or corrupt", Assert.Throws<InvalidDataException>(() => AudioModelFile.Load(cut)).Message);
        Assert.Throws<ArgumentException>(() => (Tiny with { Length = 1000 }).Validate());
    }
}
