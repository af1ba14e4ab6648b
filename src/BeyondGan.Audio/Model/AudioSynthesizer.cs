using BeyondGan.Audio.Data;
using BeyondGan.Losses;
using BeyondGan.Regularizers;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Audio.Model;

/// <summary>
/// An audio GAN: clips prepared to one rate and length (<see cref="ClipPreparation"/>), WaveGAN's generator and critic
/// trained through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/> with the Wasserstein loss and a gradient
/// penalty (WGAN-GP, 5 critic steps, Adam 1e-4 β (0.5, 0.9): Donahue et al. 2019), conditional on the clips' labels when
/// they have them. Clips are drawn in chunks each seeded from (seed, chunk), so the same seed gives the same clips at any count.
/// </summary>
public sealed class AudioSynthesizer : IDisposable
{
    internal AudioSynthesizer(AudioModelState state)
    {
        TorchRuntime.EnsureLoaded();
        State = state;
        Seeding.Seed(state.Options.Seed);
        Generator = new WaveGanGenerator(state.Options, state.Labels?.Count ?? 0);
        Generator.to(TorchRuntime.ParseDevice(state.Options.Device));
    }

    /// <summary>Options, labels and sizes (the model file's header).</summary>
    public AudioModelState State { get; }
    /// <summary>The generator network.</summary>
    public WaveGanGenerator Generator { get; }
    /// <summary>Per-step training metrics (critic and generator losses, the gradient penalty).</summary>
    public MetricsHistory History { get; internal set; } = new();
    /// <summary>Generator steps trained.</summary>
    public long StepsTrained { get; internal set; }
    /// <summary>True when every requested step was trained.</summary>
    public bool IsComplete => StepsTrained >= State.Options.Steps;
    /// <summary>Sample rate of the generated clips.</summary>
    public int SampleRate => State.Options.SampleRate;

    /// <summary>
    /// Prepares <paramref name="clips"/> and trains; conditional when every clip has a label (at least two distinct).
    /// A cancellation stops at a step boundary and leaves a usable model. <paramref name="monitor"/> is called with the model
    /// every <paramref name="monitorEvery"/> steps (to write a preview clip).
    /// </summary>
    public static AudioSynthesizer Fit(AudioFolder clips, AudioModelOptions options, Action<long, long>? progress = null, CancellationToken cancellation = default,
        Action<AudioSynthesizer, long>? monitor = null, long monitorEvery = 500)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        var preparation = options.Preparation;
        var prepared = clips.Clips.Select(preparation.Apply).ToList();
        int cropped = clips.Clips.Count(c => ClipPreparation.Resample(c.Samples, c.SampleRate, options.SampleRate).Length > options.Length);
        bool labelled = clips.Clips.All(c => c.Label is not null) && clips.Labels.Count >= 2;
        var labels = labelled ? clips.Labels : null;
        var labelIds = labels is null ? null : clips.Clips.Select(c => IndexOf(labels, c.Label!)).ToList();
        var state = new AudioModelState
        {
            Library = typeof(AudioSynthesizer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Options = options, Labels = labels, TrainingClips = prepared.Count, CroppedClips = cropped,
            LabelShares = labels?.Select((_, k) => labelIds!.Count(x => x == k) / (double)labelIds!.Count).ToList(),
        };
        var model = new AudioSynthesizer(state);
        var critic = new WaveGanCritic(options, labels?.Count ?? 0);
        var adam = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = options.LearningRate, Beta1 = options.Beta1, Beta2 = options.Beta2 };
        using var trainer = new GanTrainer<WaveGanGenerator, WaveGanCritic>(model.Generator, critic, new WassersteinLoss(),
            new ClipBatchSource(prepared, labelIds, labels?.Count ?? 0),
            new GanTrainerOptions { BatchSize = options.BatchSize, CriticSteps = options.CriticSteps, Seed = options.Seed, Device = options.Device, GeneratorOptimizer = adam, CriticOptimizer = adam },
            options.GradientPenalty > 0 ? [new GradientPenalty(options.GradientPenalty, options.PenaltyFraction)] : []);
        critic.Rng = trainer.Rng;
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
            critic.Rng = null;
            critic.Dispose();
            model.Generator.eval();
        }
        return model;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++) if (labels[i] == label) return i;
        return -1;
    }

    /// <summary>Clips per chunk of a draw.</summary>
    public const int ChunkClips = 64;

    /// <summary>
    /// Streams <paramref name="count"/> generated clips (with the label each was generated for), chunk by chunk, or only the chunks
    /// of <paramref name="shard"/>. With <paramref name="label"/> every clip is generated for that label; without, a
    /// conditional model draws labels in the training mixture. The same seed gives the same clips.
    /// </summary>
    public IEnumerable<(float[] Samples, string? Label)> Sample(long count, long seed = 0, string? label = null, Shard? shard = null)
    {
        int? labelId = null;
        if (label is not null)
        {
            if (State.Labels is null) throw new ArgumentException($"--label {label}: this model was trained without labels.");
            int k = IndexOf(State.Labels, label);
            if (k < 0) throw new ArgumentException($"--label {label}: not a label of the training clips (labels: {string.Join(", ", State.Labels)}).");
            labelId = k;
        }
        var plan = new DrawPlan(count, ChunkClips, shard ?? Shard.Whole, seed);
        return Chunks(plan, labelId);
    }

    private IEnumerable<(float[], string?)> Chunks(DrawPlan plan, int? label)
    {
        foreach (var (index, _, n) in plan.Chunks())
            foreach (var clip in SampleChunk(n, plan.ChunkSeed(index), label)) yield return clip;
    }

    private List<(float[], string?)> SampleChunk(int count, ulong seed, int? label)
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
            var z = Generator.SampleLatent(count, rng, device);
            long[]? ids = null;
            Tensor? condition = null;
            if (State.Labels is { } labels)
            {
                ids = label is int k ? Enumerable.Repeat((long)k, count).ToArray()
                    : multinomial(tensor(State.LabelShares!.Select(s => (float)s).ToArray()), count, replacement: true, generator: rng).data<long>().ToArray();
                condition = nn.functional.one_hot(tensor(ids), labels.Count).to(ScalarType.Float32).to(device);
            }
            var clips = Generator.call(z, condition).cpu().contiguous();
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

    /// <inheritdoc />
    public void Dispose() => Generator.Dispose();
}
