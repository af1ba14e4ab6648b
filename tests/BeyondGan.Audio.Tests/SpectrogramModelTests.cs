using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Audio.Model;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Tests;

public sealed class SpectrogramModelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-audio-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Griffin_lim_recovers_a_chirps_magnitudes_from_a_seeded_phase()
    {
        using var stft = new StftMagnitude(2048);
        Assert.Equal(128, stft.Bins);
        Assert.Equal(32, stft.Frames);
        double phase = 0;
        var chirp = Enumerable.Range(0, 2048).Select(i => (float)(0.5 * Math.Sin(phase += 2 * Math.PI * (300 + 1500.0 * i / 2048) / 8000))).ToArray();
        var x = tensor(chirp).unsqueeze(0);
        var log = stft.LogMagnitude(x);
        Assert.Equal(new long[] { 1, 128, 32 }, log.shape);
        using var a = new TorchSharp.torch.Generator(3);
        using var b = new TorchSharp.torch.Generator(3);
        var y = stft.GriffinLim(log, a, 32);
        Assert.Equal(new long[] { 1, 2048 }, y.shape);
        Assert.True(y.eq(stft.GriffinLim(log, b, 32)).all().item<bool>());   // same seed, same waveform
        // Spectral convergence ‖|S(y)| − |S(x)|‖ / ‖|S(x)|‖ of the frames Griffin-Lim saw.
        var target = log.exp();
        var got = stft.LogMagnitude(y).exp();
        double convergence = ((got - target).square().sum().sqrt() / target.square().sum().sqrt()).item<float>();
        Assert.True(convergence < 0.2, $"spectral convergence {convergence:F3}");
    }

    [Fact]
    public void The_spectrogram_model_fits_reproducibly_round_trips_and_writes_clips_of_its_length()
    {
        var clips = WaveGanTests.DemoClips();
        var options = WaveGanTests.Tiny with { Model = "spectrogram", Seed = 2, Ema = 0.9 };
        using var a = AudioSynthesizer.Fit(clips, options);
        using var b = AudioSynthesizer.Fit(clips, options);
        Assert.True(a.IsSpectrogram);
        Assert.Equal(128, a.State.BinMean!.Length);
        var draw = a.Sample(10, 4, "tone").ToList();
        Assert.All(draw, c => Assert.Equal(1024, c.Samples.Length));
        Assert.All(draw, c => Assert.All(c.Samples, v => Assert.InRange(v, -1f, 1f)));
        Assert.Equal(draw.SelectMany(c => c.Samples), b.Sample(10, 4, "tone").SelectMany(c => c.Samples));
        var path = Path.Combine(dir, "s.bgan");
        AudioModelFile.Save(path, a);
        using var loaded = AudioModelFile.Load(path);
        Assert.Equal(draw.SelectMany(c => c.Samples), loaded.Sample(10, 4, "tone").SelectMany(c => c.Samples));
        Assert.Throws<ArgumentException>(() => (options with { Length = 1536 }).Validate());   // not a multiple of 16 hops

        // The truncation trick: ψ = 1 is the plain draw; ψ < 1 a different, reproducible one; ψ outside (0, 1] refused.
        Assert.Equal(draw.SelectMany(c => c.Samples), a.Sample(10, 4, "tone", truncation: 1).SelectMany(c => c.Samples));
        var truncated = a.Sample(10, 4, "tone", truncation: 0.5).SelectMany(c => c.Samples).ToArray();
        Assert.NotEqual(draw.SelectMany(c => c.Samples), truncated);
        Assert.Equal(truncated, b.Sample(10, 4, "tone", truncation: 0.5).SelectMany(c => c.Samples));
        Assert.Throws<ArgumentException>(() => a.Sample(1, 4, truncation: 0));
        Assert.Throws<ArgumentException>(() => a.Sample(1, 4, truncation: 1.5));
    }

    [Fact]
    public void The_auxiliary_classifier_trains_a_class_head_is_kept_in_the_options_and_is_off_without_labels()
    {
        var clips = WaveGanTests.DemoClips();
        var options = WaveGanTests.Tiny with { Model = "spectrogram", Seed = 2 };
        using var plain = AudioSynthesizer.Fit(clips, options);
        using var ac = AudioSynthesizer.Fit(clips, options with { AuxiliaryClassifier = 1 });
        Assert.Empty(plain.History.Series("auxiliary_classifier_critic"));
        // Four classes: an untrained head's cross-entropy is near ln 4 ≈ 1.39; the generator's term is a tenth of its own.
        Assert.All(ac.History.Series("auxiliary_classifier_critic"), p => Assert.InRange(p.Value, 0.5, 3));
        Assert.All(ac.History.Series("auxiliary_classifier_generator"), p => Assert.InRange(p.Value, 0.05, 0.3));
        Assert.NotEqual(plain.Sample(4, 1).SelectMany(c => c.Samples), ac.Sample(4, 1).SelectMany(c => c.Samples));
        var path = Path.Combine(dir, "ac.bgan");
        AudioModelFile.Save(path, ac);
        using var loaded = AudioModelFile.Load(path);
        Assert.Equal(1, loaded.State.Options.AuxiliaryClassifier);
        // The default model has it (BENCHMARKS §9.1); SpecGAN's 2-D preset, where it was not measured, has not.
        Assert.Equal(1, AudioModelOptions.Preset("cpu", "spectrogram").AuxiliaryClassifier);
        Assert.Equal(0, AudioModelOptions.Preset("cpu", "specgan").AuxiliaryClassifier);

        using var critic = new SpectrogramCritic(options with { AuxiliaryClassifier = 1 }, 128, 16, 4);
        Assert.Equal(new long[] { 3, 4 }, critic.ClassLogits(randn(3, 128, 16)).shape);
        using var without = new SpectrogramCritic(options, 128, 16, 4);
        Assert.Equal(0, without.Classes);
        // Unlabelled clips make an unconditional model, which has nothing to classify: it trains and records 0, draw for draw.
        var unlabelled = AudioFolder.FromClips("u", clips.Clips.Select(c => c with { Label = null }).ToList());
        using var unconditional = AudioSynthesizer.Fit(unlabelled, options);
        using var asked = AudioSynthesizer.Fit(unlabelled, options with { AuxiliaryClassifier = 1 });
        Assert.Equal(0, asked.State.Options.AuxiliaryClassifier);
        Assert.Empty(asked.History.Series("auxiliary_classifier_critic"));
        Assert.Equal(unconditional.Sample(4, 1).SelectMany(c => c.Samples), asked.Sample(4, 1).SelectMany(c => c.Samples));
        Assert.Throws<ArgumentException>(() => (options with { AuxiliaryClassifier = -1 }).Validate());
    }

    [Fact]
    public void A_truncated_latent_is_the_uniform_prior_narrowed_to_psi()
    {
        using var g = new SpectrogramGenerator(WaveGanTests.Tiny with { Model = "spectrogram" }, 128, 16, 0);
        using var a = new TorchSharp.torch.Generator(5);
        using var b = new TorchSharp.torch.Generator(5);
        var plain = g.SampleLatent(256, a, CPU);
        var narrow = g.SampleLatent(256, b, CPU, 0.3);
        Assert.True(narrow.abs().max().item<float>() <= 0.3f);
        Assert.True(plain.abs().max().item<float>() > 0.9f);
        Assert.True(narrow.allclose(plain * 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.SampleLatent(1, a, CPU, -0.5));
    }

    [Fact]
    public void Specgan_draws_its_spectrograms_from_2d_networks_reproducibly_and_round_trips()
    {
        var clips = WaveGanTests.DemoClips();
        var options = WaveGanTests.Tiny with { Model = "specgan", Hop = 32, Width = 2, Seed = 2 };   // 128 bins × 32 frames
        using var a = AudioSynthesizer.Fit(clips, options);
        using var b = AudioSynthesizer.Fit(clips, options);
        Assert.True(a.IsSpectrogram);
        Assert.IsType<SpecGanGenerator>(a.Generator);
        var draw = a.Sample(6, 4, "chirp").ToList();
        Assert.All(draw, c => Assert.Equal(1024, c.Samples.Length));
        Assert.Equal(draw.SelectMany(c => c.Samples), b.Sample(6, 4, "chirp").SelectMany(c => c.Samples));
        var path = Path.Combine(dir, "g.bgan");
        AudioModelFile.Save(path, a);
        using var loaded = AudioModelFile.Load(path);
        Assert.IsType<SpecGanGenerator>(loaded.Generator);
        Assert.Equal(draw.SelectMany(c => c.Samples), loaded.Sample(6, 4, "chirp").SelectMany(c => c.Samples));
        Assert.Throws<ArgumentException>(() => (options with { Length = 1536 }).Validate());   // 48 frames: not a multiple of 32

        // The paper's size: 16,384 samples at hop 128 are 128 × 128, drawn from a 4 × 4 × 16d start by five ×2 layers.
        var paper = AudioModelOptions.Preset("paper", "specgan");
        paper.Validate();
        using var g = new SpecGanGenerator(paper, 128, paper.Length / paper.Hop, 0);
        using var d = new SpecGanCritic(paper, 128, paper.Length / paper.Hop, 0);
        using var rng = new TorchSharp.torch.Generator(1);
        using var _ = no_grad();
        var x = g.call(g.SampleLatent(1, rng, CPU), null);
        Assert.Equal(new long[] { 1, 128, 128 }, x.shape);
        Assert.Equal(new long[] { 1, 1 }, d.call(x, null).shape);
        Assert.Equal(5, g.modules().OfType<BeyondGan.Layers.FoldConvTranspose2d>().Count());
    }
}
