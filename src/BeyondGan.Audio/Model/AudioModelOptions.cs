using System.Text.Json.Serialization;
using BeyondGan.Audio.Data;

namespace BeyondGan.Audio.Model;

/// <summary>Hyper-parameters of an audio GAN and how its clips are prepared. The defaults are WaveGAN at CPU size (<see cref="Cpu"/>).</summary>
public sealed record AudioModelOptions
{
    /// <summary>
    /// The model: "wavegan" (Donahue et al. 2019: transposed 1-D convolutions on the waveform, phase shuffle, WGAN-GP) or
    /// "spectrogram" (SpecGAN's normalised log-magnitude spectrograms from a 1-D network over frames, WGAN-GP, inverted by
    /// a seeded Griffin-Lim), "specgan" (the same spectrograms from SpecGAN's own 2-D networks, 5 × 5 stride 2), or "vocoder"
    /// (HiFi-GAN class: log-mel spectrogram → waveform).
    /// </summary>
    [JsonPropertyName("model")] public string Model { get; init; } = "wavegan";
    /// <summary>
    /// The vocoder's generator: "hifigan" (the default when null: Kong et al. 2020, transposed convolutions up to the sample
    /// rate) or "vocos" (Siuzdak 2023: ConvNeXt blocks at the frame rate, a head to STFT magnitude and phase, inverse STFT).
    /// Both train with the same critics and losses. Null for the other models.
    /// </summary>
    [JsonPropertyName("generator"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Generator { get; init; }
    /// <summary>Sample rate of the model's clips in Hz.</summary>
    [JsonPropertyName("sample_rate")] public int SampleRate { get; init; } = 8000;
    /// <summary>Samples per clip: a multiple of 4^<see cref="Layers"/>.</summary>
    [JsonPropertyName("length")] public int Length { get; init; } = 4096;
    /// <summary>Upsampling layers of the generator (×4 each) and strided layers of the critic (WaveGAN at 16,384 samples: 5).</summary>
    [JsonPropertyName("layers")] public int Layers { get; init; } = 4;
    /// <summary>Model width d: the critic's first layer has d channels, the generator's last hidden layer d (WaveGAN: 64).</summary>
    [JsonPropertyName("width")] public int Width { get; init; } = 16;
    /// <summary>Size of the latent vector z (WaveGAN: 100).</summary>
    [JsonPropertyName("latent_size")] public int LatentSize { get; init; } = 100;
    /// <summary>Size of the label embedding a conditional generator adds to z.</summary>
    [JsonPropertyName("label_embedding")] public int LabelEmbedding { get; init; } = 16;
    /// <summary>Phase-shuffle width n (WaveGAN: 2; 0 = none).</summary>
    [JsonPropertyName("phase_shuffle")] public int PhaseShuffle { get; init; } = 2;
    /// <summary>Clips per batch (WaveGAN: 64).</summary>
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 64;
    /// <summary>Critic updates per generator update (WaveGAN: 5).</summary>
    [JsonPropertyName("critic_steps")] public int CriticSteps { get; init; } = 5;
    /// <summary>Gradient-penalty weight λ (WGAN-GP: 10).</summary>
    [JsonPropertyName("gradient_penalty")] public double GradientPenalty { get; init; } = 10;
    /// <summary>Share of each batch the gradient penalty is estimated on (WGAN-GP: 1; the CPU preset 0.25 — an unbiased, noisier estimate at a quarter of its cost, which is over half a step's).</summary>
    [JsonPropertyName("penalty_fraction")] public double PenaltyFraction { get; init; } = 0.25;
    /// <summary>Decay of the generator's exponential moving average, whose weights the model keeps and samples with (null: none, as WaveGAN).</summary>
    [JsonPropertyName("ema")] public double? Ema { get; init; }
    /// <summary>
    /// Weight of AC-GAN's auxiliary classifier (Odena et al. 2017) on a conditional model: the critic's class head learns the
    /// real clips' labels with this weight, the generator is pushed to make its clips classifiable as their label with a tenth
    /// of it (Gulrajani et al. 2017's 1 and 0.1). 0: none (the field's default; <see cref="SpectrogramCpu"/> has 1). An
    /// unconditional fit has no labels to classify and trains with 0.
    /// </summary>
    [JsonPropertyName("auxiliary_classifier")] public double AuxiliaryClassifier { get; init; }
    /// <summary>
    /// The vocoder: weight of Parallel WaveGAN's multi-resolution STFT loss (Yamamoto et al. 2020) added to HiFi-GAN's
    /// generator objective (0: none, HiFi-GAN's own).
    /// </summary>
    [JsonPropertyName("stft_loss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public double StftLoss { get; init; }
    /// <summary>
    /// The vocoder: generator steps on the reconstruction losses alone (mel L1 and the STFT loss), the critics off, before
    /// <see cref="Steps"/> steps of the game — Parallel WaveGAN's first stage (Yamamoto et al. 2020). 0: none, HiFi-GAN's way.
    /// </summary>
    [JsonPropertyName("reconstruction_steps"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long ReconstructionSteps { get; init; }
    /// <summary>Adam learning rate of both networks (WaveGAN: 1e-4).</summary>
    [JsonPropertyName("learning_rate")] public double LearningRate { get; init; } = 1e-4;
    /// <summary>Adam β1 (WaveGAN: 0.5).</summary>
    [JsonPropertyName("beta1")] public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam β2 (WaveGAN: 0.9).</summary>
    [JsonPropertyName("beta2")] public double Beta2 { get; init; } = 0.9;
    /// <summary>Generator steps.</summary>
    [JsonPropertyName("steps")] public long Steps { get; init; } = 2000;
    /// <summary>Spectrogram model: the STFT's hop (its window and FFT are 256 samples; 4,096 samples give 128 bins × 64 frames).</summary>
    [JsonPropertyName("hop")] public int Hop { get; init; } = 64;
    /// <summary>Spectrogram model: Griffin-Lim iterations when a spectrogram becomes a waveform (SpecGAN: 16).</summary>
    [JsonPropertyName("griffin_lim_iterations")] public int GriffinLimIterations { get; init; } = 32;
    /// <summary>Trim leading and trailing audio this many dB below each clip's peak (null: no trimming).</summary>
    [JsonPropertyName("trim_db")] public double? TrimBelowPeakDb { get; init; } = 40;
    /// <summary>Normalise each clip's RMS to this level in dBFS (null: keep levels).</summary>
    [JsonPropertyName("loudness_dbfs")] public double? LoudnessDbfs { get; init; } = -20;
    /// <summary>Seed of the whole fit.</summary>
    [JsonPropertyName("seed")] public long Seed { get; init; }
    /// <summary>Device: cpu, cuda or cuda:N.</summary>
    [JsonPropertyName("device")] public string Device { get; init; } = "cpu";

    /// <summary>WaveGAN at CPU size: d = 16, 4,096 samples at 8 kHz (0.51 s), 4 layers (REFERENCES §5: d 8–16 on 2 cores), the paper's training.</summary>
    public static AudioModelOptions Cpu => new();

    /// <summary>WaveGAN as published: d = 64, 16,384 samples at 16 kHz, 5 layers, batch 64, 5 critic steps (≈ 19M generator parameters; a GPU's job).</summary>
    public static AudioModelOptions Paper => new() { Width = 64, Length = 16384, Layers = 5, SampleRate = 16000, PenaltyFraction = 1 };

    /// <summary>
    /// The spectrogram model at CPU size (the default): 128 bins × 64 frames (4,096 samples at 8 kHz), d = 16, 2 critic updates
    /// per generator update, Adam 5e-4, the generator's moving average (0.999), the auxiliary classifier at weight 1 (on
    /// labelled clips), 4,000 steps — the configuration measured best within a 30-minute budget (BENCHMARKS §9.1).
    /// </summary>
    public static AudioModelOptions SpectrogramCpu => new() { Model = "spectrogram", CriticSteps = 2, LearningRate = 5e-4, Ema = 0.999, AuxiliaryClassifier = 1, Steps = 4000 };

    /// <summary>
    /// SpecGAN's 2-D networks at CPU size: the spectrogram model's spectrograms (128 bins × 64 frames) and training, with d = 8,
    /// at which its multiply-adds per clip equal the 1-D network's at d = 16 — so the two compare at an equal budget. Without
    /// the auxiliary classifier, which was measured on the 1-D network only.
    /// </summary>
    public static AudioModelOptions SpecGanCpu => SpectrogramCpu with { Model = "specgan", Width = 8, AuxiliaryClassifier = 0 };


    /// <summary>SpecGAN as published: d = 64, 16,384 samples at 16 kHz, STFT hop 128 (128 × 128), WGAN-GP with 5 critic steps, Adam 1e-4 β (0.5, 0.9), Griffin-Lim 16 iterations (a GPU's job).</summary>
    public static AudioModelOptions SpecGanPaper => Paper with { Model = "specgan", Hop = 128, PhaseShuffle = 0, GriffinLimIterations = 16 };

    /// <summary>
    /// The GAN vocoder at CPU size: 40-band log-mels (hop 64) of 4,096-sample clips at 8 kHz → waveform by Vocos's generator
    /// (width 128, 8 ConvNeXt blocks) and HiFi-GAN's critics (first width 16); 10,000 steps of the reconstruction losses alone
    /// (45 × mel L1 + 45 × the multi-resolution STFT loss, Parallel WaveGAN's first stage), then STEPS steps of the game with
    /// them; batch 8, one critic update per generator update, Adam 2e-4 β (0.8, 0.99) (HiFi-GAN's AdamW without its weight
    /// decay), no gradient penalty — the configuration measured best (BENCHMARKS §9.4).
    /// </summary>
    public static AudioModelOptions VocoderCpu => new()
    {
        Model = "vocoder", Generator = "vocos", Width = 128, BatchSize = 8, CriticSteps = 1, LearningRate = 2e-4, Beta1 = 0.8, Beta2 = 0.99, GradientPenalty = 0,
        PhaseShuffle = 0, StftLoss = 45, ReconstructionSteps = 10000, Steps = 3000,
    };

    /// <summary>The named preset ("cpu" or "paper") of <paramref name="model"/>; the spectrogram model and the vocoder have only "cpu".</summary>
    public static AudioModelOptions Preset(string name, string model = "wavegan") => (name, model) switch
    {
        ("cpu", "spectrogram") => SpectrogramCpu,
        ("cpu", "specgan") => SpecGanCpu,
        ("paper", "specgan") => SpecGanPaper,
        ("cpu", "vocoder") => VocoderCpu,
        ("paper", "vocoder") => throw new ArgumentException("--preset paper: WaveGAN's published size; the vocoder has the cpu preset only."),
        ("paper", "spectrogram") => throw new ArgumentException("--preset paper: WaveGAN's published size; the spectrogram model has the cpu preset only."),
        ("cpu", _) => Cpu with { Model = model },
        ("paper", _) => Paper with { Model = model },
        _ => throw new ArgumentException($"--preset {name}: unknown preset (cpu, paper)."),
    };

    /// <summary>The models <see cref="Model"/> names.</summary>
    public static readonly IReadOnlyList<string> Models = ["wavegan", "spectrogram", "specgan", "vocoder"];

    /// <summary>The vocoder's generators <see cref="Generator"/> names.</summary>
    public static readonly IReadOnlyList<string> VocoderGenerators = ["hifigan", "vocos"];

    /// <summary>True for the models that draw SpecGAN's spectrograms ("spectrogram", "specgan"), turned into audio by Griffin-Lim.</summary>
    [JsonIgnore] public bool UsesSpectrogram => Model is "spectrogram" or "specgan";

    /// <summary>How clips are prepared for this model.</summary>
    [JsonIgnore] public ClipPreparation Preparation => new() { SampleRate = SampleRate, Length = Length, TrimBelowPeakDb = TrimBelowPeakDb, LoudnessDbfs = LoudnessDbfs };

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message for any invalid value.</summary>
    public void Validate()
    {
        if (!Models.Contains(Model)) throw new ArgumentException($"--model {Model}: unknown model ({string.Join(", ", Models)}).");
        Preparation.Validate();
        if (Model == "vocoder")
        {
            HiFiGanGenerator.UpsamplingRates(Hop);
            if (Length % Hop != 0) throw new ArgumentException($"--length {Length}: the vocoder needs a multiple of its hop {Hop}.");
            if (Width < 2) throw new ArgumentException($"--width {Width}: the vocoder needs at least 2.");
            if (Generator is not null && !VocoderGenerators.Contains(Generator))
                throw new ArgumentException($"--generator {Generator}: unknown vocoder generator ({string.Join(", ", VocoderGenerators)}).");
        }
        else if (Generator is not null) throw new ArgumentException($"--generator {Generator}: only the vocoder has a choice of generator (--model vocoder).");
        if (StftLoss < 0 || double.IsNaN(StftLoss) || double.IsInfinity(StftLoss)) throw new ArgumentException($"--stft-loss {StftLoss}: must be 0 or more.");
        if (ReconstructionSteps < 0) throw new ArgumentException($"--reconstruction-steps {ReconstructionSteps}: must be 0 or more.");
        if (ReconstructionSteps > 0 && Model != "vocoder") throw new ArgumentException($"--reconstruction-steps {ReconstructionSteps}: only the vocoder has a reconstruction target (--model vocoder).");
        if (StftLoss > 0 && Model != "vocoder") throw new ArgumentException($"--stft-loss {StftLoss}: only the vocoder has a reconstruction target (--model vocoder).");
        if (UsesSpectrogram)
        {
            int frames = Model == "specgan" ? 32 : 16;
            if (Length % (frames * Hop) != 0) throw new ArgumentException($"--length {Length}: the {Model} model needs a multiple of {frames * Hop} samples ({frames} × the hop of {Hop}).");
            if (GriffinLimIterations < 1) throw new ArgumentException($"Griffin-Lim iterations must be at least 1, got {GriffinLimIterations}.");
        }
        if (Layers is < 1 or > 7) throw new ArgumentException($"--layers {Layers}: must be 1–7.");
        long block = 1L << (2 * Layers);
        if (Model is "vocoder" or "specgan") block = 1;
        if (Model == "wavegan" && (Length % block != 0 || Length / block < 1))
            throw new ArgumentException($"--length {Length}: must be a multiple of 4^{Layers} = {block} ({Layers} layers, each ×4).");
        if (Width < 1 || (long)Width << (Layers - 1) > 8192) throw new ArgumentException($"--width {Width}: must be at least 1 and d·2^(layers−1) at most 8,192.");
        if (LatentSize < 1) throw new ArgumentException($"latent size must be positive, got {LatentSize}.");
        if (LabelEmbedding < 1) throw new ArgumentException($"label embedding must be positive, got {LabelEmbedding}.");
        if (PhaseShuffle < 0) throw new ArgumentException($"--phase-shuffle {PhaseShuffle}: must be 0 or more.");
        if (BatchSize < 2) throw new ArgumentException($"--batch-size {BatchSize}: must be at least 2.");
        if (CriticSteps < 1) throw new ArgumentException($"--critic-steps {CriticSteps}: must be at least 1.");
        if (Steps < 1) throw new ArgumentException($"--steps {Steps}: must be at least 1.");
        if (LearningRate <= 0) throw new ArgumentException($"--lr {LearningRate}: must be positive.");
        if (PenaltyFraction is <= 0 or > 1) throw new ArgumentException($"--penalty-fraction {PenaltyFraction}: must be in (0, 1].");
        if (Ema is <= 0 or >= 1) throw new ArgumentException($"--ema {Ema}: must be in (0, 1).");
        if (AuxiliaryClassifier < 0) throw new ArgumentException($"--auxiliary-classifier {AuxiliaryClassifier}: must be 0 or more.");
        if (AuxiliaryClassifier > 0 && Model == "vocoder") throw new ArgumentException("--auxiliary-classifier: the vocoder has no labels to classify.");
        if (GradientPenalty < 0) throw new ArgumentException($"gradient penalty must be 0 or more, got {GradientPenalty}.");
    }
}
