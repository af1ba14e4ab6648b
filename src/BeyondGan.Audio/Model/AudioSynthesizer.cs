using BeyondGan.Audio.Data;
using BeyondGan.Audio.Features;
using BeyondGan.Losses;
using BeyondGan.Regularizers;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// An audio GAN: clips prepared to one rate and length (<see cref="ClipPreparation"/>), a generator and critic — WaveGAN's on
/// the waveform, or a spectrogram pair on SpecGAN's normalised log-magnitudes, inverted by a seeded Griffin-Lim — trained
/// through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/> with the Wasserstein loss and a gradient penalty
/// (WGAN-GP, 5 critic steps, Adam 1e-4 β (0.5, 0.9): Donahue et al. 2019), conditional on the clips' labels when they have
/// them. Clips are drawn in chunks each seeded from (seed, chunk), so the same seed gives the same clips.
/// </summary>
public sealed class AudioSynthesizer : IDisposable
{
    internal AudioSynthesizer(AudioModelState state)
    {
        TorchRuntime.EnsureLoaded();
        State = state;
        Seeding.Seed(state.Options.Seed);
        var o = state.Options;
        int labels = state.Labels?.Count ?? 0;
        if (IsVocoder)
        {
            Mel = new LogMelSpectrogram(o.SampleRate, hop: o.Hop);
            Generator = o.Generator == "vocos" ? new VocosGenerator(Mel.Mels, Mel.FftSize, o.Hop, o.Width) : new HiFiGanGenerator(Mel.Mels, o.Hop, o.Width);
        }
        else
        {
            if (IsSpectrogram) Stft = new StftMagnitude(o.Length, hop: o.Hop);
            Generator = UpsamplingGenerator.For(o, labels, Stft);
        }
        Generator.to(TorchRuntime.ParseDevice(o.Device));
    }

    /// <summary>True for the spectrogram models, 1-D and SpecGAN (their generator's output goes through Griffin-Lim).</summary>
    public bool IsSpectrogram => State.Options.UsesSpectrogram;

    /// <summary>True for the vocoder (log-mel spectrogram → waveform; it re-synthesises clips with <see cref="Vocode"/> and does not sample).</summary>
    public bool IsVocoder => State.Options.Model == "vocoder";

    /// <summary>The vocoder's log-mel transform (null for the other models).</summary>
    public LogMelSpectrogram? Mel { get; }

    /// <summary>The spectrogram model's STFT (null for WaveGAN).</summary>
    internal StftMagnitude? Stft { get; }

    /// <summary>Options, labels and sizes (the model file's header).</summary>
    public AudioModelState State { get; }
    /// <summary>The generator network (<see cref="WaveGanGenerator"/> or <see cref="SpectrogramGenerator"/>).</summary>
    public BeyondGan.Modules.Generator Generator { get; }
    /// <summary>Per-step training metrics (critic and generator losses, the gradient penalty).</summary>
    public MetricsHistory History { get; internal set; } = new();
    /// <summary>Generator steps trained (the vocoder: steps of the game).</summary>
    public long StepsTrained { get; internal set; }
    /// <summary>The vocoder: reconstruction steps trained before the game (of <see cref="AudioModelOptions.ReconstructionSteps"/>), in the fit that made this model.</summary>
    public long ReconstructionStepsTrained { get; internal set; }
    /// <summary>True when every requested step was trained.</summary>
    public bool IsComplete => StepsTrained >= State.Options.Steps;
    /// <summary>Sample rate of the generated clips.</summary>
    public int SampleRate => State.Options.SampleRate;

    /// <summary>
    /// Prepares <paramref name="clips"/> and trains; conditional when every clip has a label (at least two distinct). An
    /// unconditional model has no labels for the auxiliary classifier, so it trains (and records) <see cref="AudioModelOptions.AuxiliaryClassifier"/> 0.
    /// A cancellation stops at a step boundary and leaves a usable model. <paramref name="monitor"/> is called with the model
    /// every <paramref name="monitorEvery"/> steps (to write a preview clip).
    /// </summary>
    public static AudioSynthesizer Fit(AudioFolder clips, AudioModelOptions options, Action<long, long>? progress = null, CancellationToken cancellation = default,
        Action<AudioSynthesizer, long>? monitor = null, long monitorEvery = 500)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        if (options.Model == "vocoder") return VocoderTraining.Fit(clips, options, progress, cancellation);
        var labels = TrainsConditional(clips) ? clips.Labels : null;
        if (labels is null) options = options with { AuxiliaryClassifier = 0 };
        var preparation = options.Preparation;
        var ready = clips.Clips.Select(preparation.Prepare).ToList();
        var prepared = ready.Select(r => r.Samples).ToList();
        int cropped = ready.Count(r => r.Cropped);
        var labelIds = labels is null ? null : clips.Clips.Select(c => IndexOf(labels, c.Label!)).ToList();
        float[]? binMean = null, binStd = null;
        Tensor examples = ClipPreparation.Stack(prepared).unsqueeze(1);   // [clips, 1, length]
        if (options.UsesSpectrogram)
        {
            using var stft = new StftMagnitude(options.Length, hop: options.Hop);
            using var waves = examples;
            var log = stft.LogMagnitude(waves);
            var mean = log.mean([0, 2], keepdim: true);
            var std = log.std([0, 2], keepdim: true) + 1e-4f;
            (binMean, binStd) = (mean.flatten().data<float>().ToArray(), std.flatten().data<float>().ToArray());
            examples = ((log - mean) / std).clamp(-3, 3) / 3;   // SpecGAN: per-bin normalisation, clipped at 3σ, into [−1, 1]
        }
        var state = new AudioModelState
        {
            Library = AudioModelState.LibraryVersion,
            Options = options, Labels = labels, TrainingClips = prepared.Count, CroppedClips = cropped, BinMean = binMean, BinStd = binStd,
            LabelShares = labels?.Select((_, k) => labelIds!.Count(x => x == k) / (double)labelIds!.Count).ToList(),
        };
        var model = new AudioSynthesizer(state);
        int labelCount = labels?.Count ?? 0;
        var critic = StridedCritic.For(options, labelCount, model.Stft);
        var adam = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = options.LearningRate, Beta1 = options.Beta1, Beta2 = options.Beta2 };
        using var trainer = new GanTrainer<BeyondGan.Modules.Generator, StridedCritic>(model.Generator, critic, new WassersteinLoss(),
            new ClipBatchSource(examples, labelIds, labelCount),
            new GanTrainerOptions { BatchSize = options.BatchSize, CriticSteps = options.CriticSteps, Seed = options.Seed, Device = options.Device, GeneratorOptimizer = adam, CriticOptimizer = adam },
            Regularizers(options));
        critic.Rng = trainer.Rng;   // phase shuffle's shifts (WaveGAN)
        try
        {
            trainer.Train(options.Steps, cancellation, r =>
            {
                model.StepsTrained = r.Step;
                progress?.Invoke(r.Step, r.TotalSteps);
                if (monitor is not null && monitorEvery > 0 && r.Step % monitorEvery == 0) monitor(model, r.Step);
            });
        }
        finally
        {
            model.History = trainer.History;
            if (trainer.Ema is { } ema)
                using (no_grad())
                {
                    // The model keeps (and samples with) the averaged weights; the networks have no batch statistics to recompute.
                    var live = model.Generator.parameters().ToList();
                    for (int i = 0; i < live.Count; i++) live[i].copy_(ema.AveragedParameters[i]);
                }
            critic.Rng = null;
            critic.Dispose();
            model.Generator.eval();
        }
        return model;
    }

    private static List<GanRegularizer> Regularizers(AudioModelOptions options)
    {
        var list = new List<GanRegularizer>();
        if (options.GradientPenalty > 0) list.Add(new GradientPenalty(options.GradientPenalty, options.PenaltyFraction));
        if (options.Ema is double decay) list.Add(new GeneratorEma(decay));
        if (options.AuxiliaryClassifier > 0) list.Add(new AuxiliaryClassifier(options.AuxiliaryClassifier, options.AuxiliaryClassifier / 10));
        return list;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++) if (labels[i] == label) return i;
        return -1;
    }

    /// <summary>True when a model fit on <paramref name="clips"/> is conditional: every clip has a label and there are at least two.</summary>
    public static bool TrainsConditional(AudioFolder clips) => clips.Clips.All(c => c.Label is not null) && clips.Labels.Count >= 2;

    /// <summary>Clips per chunk of a draw.</summary>
    public const int ChunkClips = 64;

    /// <summary>
    /// Streams <paramref name="count"/> generated clips (with the label each was generated for), chunk by chunk, or only the chunks
    /// of <paramref name="shard"/>. With <paramref name="label"/> every clip is generated for that label; without, a
    /// conditional model draws labels in the training mixture. <paramref name="truncation"/> ψ &lt; 1 draws the latent from
    /// [−ψ, ψ] only (<see cref="UpsamplingGenerator.SampleLatent(long, TorchSharp.torch.Generator, Device, double)"/>). The same
    /// seed gives the same clips.
    /// </summary>
    public IEnumerable<(float[] Samples, string? Label)> Sample(long count, long seed = 0, string? label = null, Shard? shard = null, double truncation = 1)
    {
        if (IsVocoder) throw new ArgumentException("this model is a vocoder: it re-synthesises clips from their mels (audio vocode), it does not sample.");
        if (!(truncation > 0 && truncation <= 1)) throw new ArgumentException($"--truncation {truncation}: must be in (0, 1] (1: no truncation).");
        int? labelId = null;
        if (label is not null)
        {
            if (State.Labels is null) throw new ArgumentException($"--label {label}: this model was trained without labels.");
            int k = IndexOf(State.Labels, label);
            if (k < 0) throw new ArgumentException($"--label {label}: not a label of the training clips (labels: {string.Join(", ", State.Labels)}).");
            labelId = k;
        }
        var plan = new DrawPlan(count, ChunkClips, shard ?? Shard.Whole, seed);
        return Chunks(plan, labelId, truncation);
    }

    private IEnumerable<(float[], string?)> Chunks(DrawPlan plan, int? label, double truncation)
    {
        foreach (var (index, _, n) in plan.Chunks())
            foreach (var clip in SampleChunk(n, plan.ChunkSeed(index), label, truncation)) yield return clip;
    }

    private List<(float[], string?)> SampleChunk(int count, ulong seed, int? label, double truncation)
    {
        var device = TorchRuntime.ParseDevice(State.Options.Device);
        using var rng = new TorchSharp.torch.Generator(seed);
        using var guard = new CollectionGuard();   // no collection mid-op (docs/TORCHSHARP.md, native Scalars)
        guard.Enter();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        bool wasTraining = Generator.training;
        Generator.eval();
        try
        {
            // The latent first, then the labels: a chunk's first clips are then the same however many it holds.
            var z = ((UpsamplingGenerator)Generator).SampleLatent(count, rng, device, truncation);   // not a vocoder: checked in Sample
            long[]? ids = null;
            Tensor? condition = null;
            if (State.Labels is { } labels)
            {
                ids = label is int k ? Enumerable.Repeat((long)k, count).ToArray()
                    : multinomial(tensor(State.LabelShares!.Select(s => (float)s).ToArray()), count, replacement: true, generator: rng).data<long>().ToArray();
                condition = nn.functional.one_hot(tensor(ids), labels.Count).to(ScalarType.Float32).to(device);
            }
            var output = Generator.call(z, condition);
            if (Stft is not null)
            {
                // Back from the generator's [−1, 1] to log-magnitudes, then a waveform by Griffin-Lim (its phase from this chunk's generator).
                var mean = tensor(State.BinMean!, [1, State.BinMean!.Length, 1]).to(device);
                var std = tensor(State.BinStd!, [1, State.BinStd!.Length, 1]).to(device);
                output = Stft.GriffinLim(output * 3 * std + mean, rng, State.Options.GriffinLimIterations).clamp(-1, 1);
            }
            var clips = output.cpu().contiguous();
            var flat = clips.data<float>().ToArray();
            int length = State.Options.Length;
            var result = new List<(float[], string?)>(count);
            for (int i = 0; i < count; i++) result.Add((flat.AsSpan(i * length, length).ToArray(), ids is null ? null : State.Labels![(int)ids[i]]));
            return result;
        }
        finally
        {
            if (wasTraining) Generator.train();
        }
    }

    /// <summary>Clips per chunk the vocoder re-synthesises at once (small: its activations at the full sample rate are wide).</summary>
    public const int VocodeClips = 8;

    /// <summary>
    /// The vocoder's re-synthesis of <paramref name="clips"/> (each prepared as the training clips were): its log-mel, then the
    /// generator — or, with <paramref name="griffinLim"/>, the Griffin-Lim baseline from the same log-mel (seeded from
    /// <paramref name="seed"/>). Clips in chunks of <see cref="VocodeClips"/>.
    /// </summary>
    public IEnumerable<float[]> Vocode(IEnumerable<float[]> clips, bool griffinLim = false, long seed = 0)
    {
        if (!IsVocoder) throw new ArgumentException($"this model is a {State.Options.Model} model, not a vocoder (audio fit --model vocoder).");
        var device = TorchRuntime.ParseDevice(State.Options.Device);
        using var rng = new TorchSharp.torch.Generator((ulong)seed);
        int length = State.Options.Length;
        foreach (var chunk in clips.Chunk(VocodeClips))
        {
            float[] flat;
            using (var guard = new CollectionGuard())
            {
                guard.Enter();
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                var waves = ClipPreparation.Stack(chunk).to(device);
                var mel = Mel!.Compute(waves);
                var output = griffinLim ? Mel.GriffinLim(mel, length, rng, State.Options.GriffinLimIterations)
                    : Generator.call(Generator.SampleLatent(chunk.Length, rng, device), mel).squeeze(1);
                flat = output.clamp(-1, 1).cpu().contiguous().data<float>().ToArray();
            }
            for (int i = 0; i < chunk.Length; i++) yield return flat.AsSpan(i * length, length).ToArray();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Mel?.Dispose();
        Generator.Dispose();
        Stft?.Dispose();
    }
}
