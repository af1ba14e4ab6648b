using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Audio.Metrics;
using BeyondGan.Audio.Model;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Tests;

public sealed class VocoderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("bgan-vocoder-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_generator_turns_frames_of_mel_into_a_clip_and_the_critics_score_in_parts()
    {
        Assert.Equal(new[] { 8, 8 }, HiFiGanGenerator.UpsamplingRates(64));
        Assert.Equal(new[] { 8, 4 }, HiFiGanGenerator.UpsamplingRates(32));
        Assert.Throws<ArgumentException>(() => HiFiGanGenerator.UpsamplingRates(48));
        manual_seed(0);
        using var g = new HiFiGanGenerator(40, 64, 16);
        using var mel = randn(2, 40, 17);
        using var y = g.call(g.SampleLatent(2, new TorchSharp.torch.Generator(0), CPU), mel);
        Assert.Equal(new long[] { 2, 1, 1024 }, y.shape);   // (17 − 1) · 64: the clip whose centred STFT has 17 frames
        Assert.True(y.abs().max().item<float>() <= 1);
        using var d = new HiFiGanCritic(4);
        var (scores, features) = d.ScoreWithFeatures(y, null);
        var parts = d.ScoreParts(scores);
        Assert.Equal(8, parts.Count);   // periods 2, 3, 5, 7, 11 and 3 scales
        Assert.Equal(8 * 6, features.Count);   // 5 hidden layers and the score layer each
        Assert.Equal(scores.shape[1], parts.Sum(p => p.shape[1]));
    }

    [Fact]
    public void The_vocos_generator_predicts_a_spectrum_whose_inverse_stft_is_the_clip_of_its_frames()
    {
        manual_seed(0);
        using var g = new VocosGenerator(40, 256, 64, 16, depth: 2);
        using var mel = randn(2, 40, 17);
        using var y = g.call(g.SampleLatent(2, new TorchSharp.torch.Generator(0), CPU), mel);
        Assert.Equal(new long[] { 2, 1, 1024 }, y.shape);   // (17 − 1) · 64, as HiFi-GAN's generator
        Assert.True(y.isfinite().all().item<bool>() && y.abs().max().item<float>() > 0.01);
        // Frame-local: a change in frames 14–16 reaches output frames 5 and later (the embedding and each block see ±3 frames),
        // and frame f spans samples 64f − 128 to 64f + 128, so the first 192 samples are untouched.
        using var changed = mel.clone();
        changed.narrow(2, 14, 3).add_(1);
        using var z = g.call(g.SampleLatent(2, new TorchSharp.torch.Generator(0), CPU), changed);
        Assert.True(z.narrow(2, 0, 192).allclose(y.narrow(2, 0, 192)));
        Assert.False(z.narrow(2, 768, 256).allclose(y.narrow(2, 768, 256)));
        // Its gradient reaches the first layer through the inverse STFT.
        g.call(g.SampleLatent(2, new TorchSharp.torch.Generator(0), CPU), mel).square().mean().backward();
        Assert.All(g.parameters(), p => Assert.True(p.grad is not null && p.grad.isfinite().all().item<bool>()));
        Assert.Throws<ArgumentException>(() => new VocosGenerator(40, 256, 64, 0));
    }

    [Fact]
    public void The_vocoder_generator_is_chosen_by_name_and_refused_elsewhere()
    {
        (AudioModelOptions.VocoderCpu with { Generator = "vocos" }).Validate();
        (AudioModelOptions.VocoderCpu with { Generator = "hifigan" }).Validate();
        Assert.Contains("unknown vocoder generator", Assert.Throws<ArgumentException>(() => (AudioModelOptions.VocoderCpu with { Generator = "wavenet" }).Validate()).Message);
        Assert.Contains("only the vocoder", Assert.Throws<ArgumentException>(() => (AudioModelOptions.SpectrogramCpu with { Generator = "vocos" }).Validate()).Message);
    }

    [Fact]
    public void Log_spectral_distance_and_mel_cepstral_distortion_are_zero_for_a_copy_and_known_for_a_gain()
    {
        var tone = Enumerable.Range(0, 2048).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        var x = tensor(tone).unsqueeze(0);
        Assert.Equal(0, LogSpectralDistance.Compute(x, x)[0], 9);
        // Half the amplitude is −6.02 dB in every bin (noise: no bin near the 10⁻¹⁰ floor), so the LSD is 20·log₁₀ 2.
        manual_seed(1);
        var noise = 0.3 * randn(1, 2048);
        Assert.Equal(20 * Math.Log10(2), LogSpectralDistance.Compute(noise, noise * 0.5)[0], 3);
        using var mel = new LogMelSpectrogram(8000);
        Assert.Equal(0, MelCepstralDistortion.Compute(x, x, mel)[0], 9);
        // A gain adds ln ¼ to every band, which moves only c₀ (the DCT's constant row), left out of MCD — for noise, whose
        // bands are all far above the 10⁻⁵ floor.
        Assert.True(MelCepstralDistortion.Compute(noise, noise * 0.5, mel)[0] < 0.01);
        Assert.True(MelCepstralDistortion.Compute(x, noise, mel)[0] > 10);
        // The DCT is orthonormal.
        var c = MelCepstralDistortion.Dct(6);
        Assert.True(c.matmul(c.t()).allclose(eye(6), 1e-5, 1e-5));
    }

    [Fact]
    public void The_multi_resolution_stft_loss_is_zero_for_a_copy_and_known_for_a_gain()
    {
        var loss = new MultiResolutionStftLoss();
        manual_seed(3);
        using var noise = 0.3 * randn(2, 1, 2048);
        Assert.Equal(0, loss.Compute(noise, noise).item<float>(), 6);
        // Half the amplitude: spectral convergence ‖a − a/2‖ / ‖a‖ = ½ and |ln a − ln(a/2)| = ln 2 in every bin, at every resolution.
        Assert.Equal(0.5 + Math.Log(2), loss.Compute(noise, noise * 0.5).item<float>(), 4);
        // Its gradient reaches the generated clip, finite even where the clip is silent.
        using var fake = zeros(2, 1, 2048).requires_grad_(true);
        loss.Compute(noise, fake).backward();
        Assert.True(fake.grad!.isfinite().all().item<bool>());
        Assert.Throws<ArgumentException>(() => new MultiResolutionStftLoss([]));
        Assert.Contains("only the vocoder", Assert.Throws<ArgumentException>(() => (AudioModelOptions.SpectrogramCpu with { StftLoss = 1 }).Validate()).Message);
        Assert.Contains("0 or more", Assert.Throws<ArgumentException>(() => (AudioModelOptions.VocoderCpu with { StftLoss = -1 }).Validate()).Message);
    }

    [Fact]
    public void Reconstruction_steps_train_the_generator_alone_before_the_game_and_are_reproducible()
    {
        var clips = Enumerable.Range(0, 4).Select(k => new AudioClip($"c{k}.wav",
            Enumerable.Range(0, 1024).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * (300 + 150 * k) * i / 8000))).ToArray(), 8000)).ToList();
        var folder = AudioFolder.FromClips("tones", clips);
        var options = AudioModelOptions.VocoderCpu with { Length = 1024, Width = 8, BatchSize = 2, Steps = 2, TrimBelowPeakDb = null, Generator = "vocos", StftLoss = 1, ReconstructionSteps = 3 };
        using var model = AudioSynthesizer.Fit(folder, options);
        Assert.Equal(2, model.StepsTrained);
        Assert.Equal(3, model.ReconstructionStepsTrained);
        Assert.True(model.IsComplete);
        // The reconstruction phase's losses at steps 1–3, the game's after them; no critic loss before step 4.
        Assert.Equal(new long[] { 1, 2, 3 }, model.History.Series("reconstruction_mel_l1").Select(p => p.Step));
        Assert.Equal(new long[] { 1, 2, 3 }, model.History.Series("reconstruction_stft").Select(p => p.Step));
        Assert.Equal(new long[] { 4, 5 }, model.History.Series("critic_loss").Select(p => p.Step));
        Assert.Equal(new long[] { 4, 5 }, model.History.Series("mel_l1").Select(p => p.Step));
        using var again = AudioSynthesizer.Fit(folder, options);
        using var plain = AudioSynthesizer.Fit(folder, options with { ReconstructionSteps = 0 });
        var input = clips.Select(options.Preparation.Apply).ToList();
        var a = model.Vocode(input).ToList();
        Assert.Equal(a, again.Vocode(input).ToList());
        Assert.NotEqual(a, plain.Vocode(input).ToList());
        Assert.Contains("only the vocoder", Assert.Throws<ArgumentException>(() => (AudioModelOptions.SpectrogramCpu with { ReconstructionSteps = 1 }).Validate()).Message);
        Assert.Contains("0 or more", Assert.Throws<ArgumentException>(() => (AudioModelOptions.VocoderCpu with { ReconstructionSteps = -1 }).Validate()).Message);
    }

    [Fact]
    public void Griffin_lim_from_a_mel_is_seeded_and_resembles_the_clip()
    {
        var tone = Enumerable.Range(0, 2048).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        using var mel = new LogMelSpectrogram(8000);
        var x = tensor(tone).unsqueeze(0);
        var m = mel.Compute(x);
        var a = mel.GriffinLim(m, 2048, new TorchSharp.torch.Generator(1), 16);
        var b = mel.GriffinLim(m, 2048, new TorchSharp.torch.Generator(1), 16);
        Assert.Equal(new long[] { 1, 2048 }, a.shape);
        Assert.True(a.eq(b).all().item<bool>());
        // Much nearer the clip's mel than noise of the same level is.
        manual_seed(2);
        var noise = randn(1, 2048) * x.std();
        Assert.True((mel.Compute(a) - m).abs().mean().item<float>() < 0.5 * (mel.Compute(noise) - m).abs().mean().item<float>());
    }

    [Theory]
    [InlineData("hifigan", 0)]
    [InlineData("vocos", 0)]
    [InlineData("hifigan", 1)]
    public void A_vocoder_fits_through_the_engine_saves_loads_and_re_synthesises_the_same_clips(string generator, double stftLoss)
    {
        var clips = Enumerable.Range(0, 6).Select(k => new AudioClip($"c{k}.wav",
            Enumerable.Range(0, 2048).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * (300 + 100 * k) * i / 8000))).ToArray(), 8000)).ToList();
        var folder = AudioFolder.FromClips("tones", clips);
        var options = AudioModelOptions.VocoderCpu with { Length = 1024, Width = 8, BatchSize = 2, Steps = 3, TrimBelowPeakDb = null, Generator = generator, StftLoss = stftLoss, ReconstructionSteps = 0 };
        using var model = AudioSynthesizer.Fit(folder, options);
        Assert.True(model.IsVocoder);
        Assert.IsType(generator == "vocos" ? typeof(VocosGenerator) : typeof(HiFiGanGenerator), model.Generator);
        Assert.Equal(3, model.StepsTrained);
        Assert.True(double.IsFinite(model.History.Last("mel_l1")!.Value));
        Assert.NotNull(model.History.Last("feature_matching"));
        Assert.Equal(stftLoss > 0, model.History.Last("stft") is { } t && double.IsFinite(t));
        Assert.Throws<ArgumentException>(() => model.Sample(1).ToList());
        var path = Path.Combine(dir, "v.bgan");
        AudioModelFile.Save(path, model);
        using var loaded = AudioModelFile.Load(path);
        Assert.Equal(generator, loaded.State.Options.Generator);
        Assert.Equal(stftLoss, loaded.State.Options.StftLoss);
        var input = clips.Select(options.Preparation.Apply).ToList();
        var a = model.Vocode(input).ToList();
        var b = loaded.Vocode(input).ToList();
        Assert.Equal(6, a.Count);
        Assert.All(a, c => Assert.Equal(1024, c.Length));
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
    }
}
