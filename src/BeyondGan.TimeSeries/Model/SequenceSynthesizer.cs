using System.Globalization;
using BeyondGan.Losses;
using BeyondGan.Regularizers;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Transform;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Transform;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.TimeSeries.Model;

/// <summary>
/// The default time-series model: p(entity) · p(sequence | entity). A panel's entity table (static attributes, each
/// sequence's length and first time; <see cref="EntityTable"/>) is learnt by the tabular GAN — so conditions on
/// attributes are exact and the rules the attributes obey are kept — and the sequences by a conditional WGAN-GP:
/// a recurrent generator (<see cref="SequenceGenerator"/>) and a convolutional critic (<see cref="SequenceCritic"/>),
/// both given the entity's encoded row and the step mask of its length. A single long series is cut into windows
/// (stride 1) and learnt unconditionally. Features of every type, missing values and irregular time gaps are steps'
/// features (<see cref="SequenceEncoder"/>). Trained through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/>.
/// </summary>
public sealed class SequenceSynthesizer : IDisposable
{
    internal SequenceSynthesizer(SequenceModelState state, CtganSynthesizer? entities)
    {
        TorchRuntime.EnsureLoaded();
        State = state;
        Entities = entities;
        Seeding.Seed(state.Options.Seed);
        var o = state.Options;
        if (o.Model == SequenceModelKind.TimeGan)
        {
            Generator = new TimeGan(state.Encoder.Width, state.Encoder.Spans, state.ConditionWidth, o.Hidden, o.Layers);
            Critic = new TimeGanDiscriminator(o.Hidden, o.Layers, state.ConditionWidth);
        }
        else
        {
            Generator = new SequenceGenerator(state.Encoder.Width, state.Encoder.Spans, state.Length, state.ConditionWidth, o, state.StepsPerCell);
            Critic = new SequenceCritic(state.Encoder.Width, state.Length, state.ConditionWidth, o.CriticChannels);
        }
        var device = TorchRuntime.ParseDevice(state.Options.Device);
        Generator.to(device);
        Critic.to(device);
    }

    /// <summary>Everything but the networks: schema, encoders, sizes, options (what the model file's header holds).</summary>
    public SequenceModelState State { get; }
    /// <summary>The entity-table model (panel data), or null.</summary>
    public CtganSynthesizer? Entities { get; }
    /// <summary>The sequence generator: a <see cref="SequenceGenerator"/>, or TimeGAN's networks (<see cref="TimeGan"/>).</summary>
    public RecurrentGenerator Generator { get; }
    /// <summary>The sequence critic: a <see cref="SequenceCritic"/> or a <see cref="TimeGanDiscriminator"/>.</summary>
    public BeyondGan.Modules.Critic Critic { get; }
    /// <summary>Per-step training metrics.</summary>
    public MetricsHistory History { get; internal set; } = new();
    /// <summary>Steps done (for TimeGAN, of all three phases).</summary>
    public long StepsTrained { get; internal set; }
    /// <summary>True when every requested step was trained.</summary>
    public bool IsComplete => StepsTrained >= State.Options.TotalSteps;

    /// <summary>Reads <paramref name="table"/>'s sequences, fits the encoders and the entity model, and trains.</summary>
    public static SequenceSynthesizer Fit(SequenceTable table, SequenceGanOptions options, CtganOptions? entityOptions = null,
        Action<string, long, long>? progress = null, CancellationToken cancellation = default)
    {
        var prepared = Prepare(table, options, entityOptions, progress, cancellation);
        prepared.Model.Train(prepared, progress, cancellation);
        return prepared.Model;
    }

    /// <summary>Encodes the sequences and fits the entity model (panel data); the sequence GAN is then trained by <see cref="Train"/>.</summary>
    public static PreparedSequences Prepare(SequenceTable table, SequenceGanOptions options, CtganOptions? entityOptions = null,
        Action<string, long, long>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        var sequences = table.TrainingSequences();
        int length = sequences.Max(s => s.Length);
        int stepsPerCell = options.StepsPerCell > 0 ? options.StepsPerCell : Math.Max(1, (length + 31) / 32);
        var encoder = SequenceEncoder.Fit(table, sequences);
        var (values, lengths) = encoder.Encode(table, sequences, length);
        EntityTable? entityTable = null;
        CtganSynthesizer? entities = null;
        float[] conditions = [];
        int conditionWidth = 0;
        if (table.Schema.IsPanel)
        {
            var all = EntityTable.For(table.Schema);
            var allRows = all.Rows(table);
            entityTable = all.WithConstantsOf(allRows);
            var rows = entityTable.Modelled(allRows);
            if (rows.Columns.Count > 0)
            {
                var ctgan = (entityOptions ?? new CtganOptions()).ForTable(rows.RowCount, options.EntityMinimumSteps) with { Seed = options.Seed, Device = options.Device };
                var prepared = CtganSynthesizer.Prepare(rows, entityTable.ModelledSchema(table.Schema), ctgan);
                entities = prepared.CreateModel();
                entities.Train(prepared, p => progress?.Invoke("entities", p.Step, p.TotalSteps), cancellation);
                conditions = entities.Encode(rows, (int)options.Seed);
                conditionWidth = entities.Transformer.Width;
            }
        }
        var times = TimeFacts.Of(table, sequences);
        var state = new SequenceModelState
        {
            Library = typeof(SequenceSynthesizer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            Schema = table.Schema, Encoder = encoder, Options = options, Length = length, StepsPerCell = stepsPerCell,
            ConditionWidth = conditionWidth, Entities = entityTable, Times = times, Format = table.Table.Format,
            TrainingSequences = sequences.Count,
            Identifiers = table.Schema.Columns.Where(c => c.Role == ColumnRole.Entity || (c.Role == ColumnRole.Feature && c.Schema.Kind == ColumnKind.Identifier))
                .ToDictionary(c => c.Name, c => IdentifierEncoder.Fit(c.Schema, table.Table.Column(c.Name).Distinct().ToArray())),
        };
        return new PreparedSequences(new SequenceSynthesizer(state, entities), values, lengths, conditions);
    }

    /// <summary>Trains the sequence networks until <see cref="SequenceGanOptions.TotalSteps"/> or a cancellation (the step in progress finishes).</summary>
    public TrainingOutcome Train(PreparedSequences data, Action<string, long, long>? progress = null, CancellationToken cancellation = default)
    {
        var source = new SequenceBatchSource(data.Values, data.Lengths, data.Conditions, State.Length, State.Encoder.Width, State.ConditionWidth);
        return State.Options.Model == SequenceModelKind.TimeGan ? TrainTimeGan(source, progress, cancellation) : TrainGame(source, progress, cancellation);
    }

    /// <summary>TimeGAN's three phases through the engine's <see cref="PhaseSchedule"/>.</summary>
    private TrainingOutcome TrainTimeGan(SequenceBatchSource source, Action<string, long, long>? progress, CancellationToken cancellation)
    {
        var o = State.Options;
        using var schedule = new PhaseSchedule(TimeGanPhases.Create((TimeGan)Generator, (TimeGanDiscriminator)Critic, source, o), o.Seed, o.Device);
        try
        {
            return schedule.Train(cancellation, r =>
            {
                StepsTrained = r.Done;
                progress?.Invoke(r.Phase, r.Step, r.PhaseSteps);
            });
        }
        finally
        {
            History = schedule.History;
            Generator.eval();
            Critic.eval();
        }
    }

    /// <summary>The default model's conditional WGAN-GP through the engine's <see cref="GanTrainer{TGenerator, TCritic}"/>.</summary>
    private TrainingOutcome TrainGame(SequenceBatchSource source, Action<string, long, long>? progress, CancellationToken cancellation)
    {
        var o = State.Options;
        var trainerOptions = new GanTrainerOptions
        {
            BatchSize = o.BatchSize, CriticSteps = o.CriticSteps, Seed = o.Seed, Device = o.Device,
            GeneratorOptimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = o.GeneratorLearningRate, Beta1 = 0.5, Beta2 = 0.9 },
            CriticOptimizer = new OptimizerSpec { Kind = OptimizerKind.Adam, LearningRate = o.CriticLearningRate, Beta1 = 0.5, Beta2 = 0.9 },
        };
        var regularizers = new List<GanRegularizer>();
        if (o.GradientPenaltyWeight > 0) regularizers.Add(new GradientPenalty(o.GradientPenaltyWeight, o.PenaltyFraction));
        if (o.GeneratorEma is double decay) regularizers.Add(new GeneratorEma(decay));
        using var trainer = new GanTrainer<SequenceGenerator, SequenceCritic>((SequenceGenerator)Generator, (SequenceCritic)Critic, new WassersteinLoss(), source, trainerOptions, regularizers);
        Generator.NoiseGenerator = trainer.Rng;
        try
        {
            var outcome = trainer.Train(o.Steps, cancellation, r =>
            {
                StepsTrained = r.Step;
                progress?.Invoke("sequences", r.Step, r.TotalSteps);
            });
            History = trainer.History;
            return outcome;
        }
        finally
        {
            Generator.NoiseGenerator = null;
            if (trainer.Ema is { } ema)
                using (no_grad())
                {
                    var live = Generator.parameters().ToList();
                    for (int i = 0; i < live.Count; i++) live[i].copy_(ema.AveragedParameters[i]);
                }
            Generator.eval();
            Critic.eval();
        }
    }

    /// <summary>The columns a draw of <paramref name="count"/> sequences is written with (see <see cref="SeriesColumn"/>).</summary>
    public IReadOnlyList<string> OutputColumns(long count) =>
        (count > 1 && !State.Schema.IsPanel ? [SeriesColumn] : Array.Empty<string>())
        .Concat(State.Schema.Columns.Where(c => c.Role != ColumnRole.Ignored).Select(c => c.Name)).ToList();

    /// <summary>Entities (or windows) per chunk of a draw: about 20,000 rows.</summary>
    public int ChunkSequences => ChunkOverride ?? Math.Max(1, 20_000 / State.Length);

    /// <summary>Tests set a small chunk so that a small draw has several chunks to share between shards.</summary>
    internal int? ChunkOverride { get; set; }

    /// <summary>
    /// Streams a draw of <paramref name="count"/> entities (or, for a single series, series) in the input's long format,
    /// chunk by chunk (flat memory at any size), or only the chunks of <paramref name="shard"/>. Each has fresh entity
    /// ids, static attributes (exactly <paramref name="conditions"/> where given), a length (the modelled one, or
    /// <paramref name="length"/>: longer than the training length continues the generator's recurrence), times from a
    /// plausible start advancing by generated gaps, and features decoded in the input's spelling.
    /// </summary>
    public IEnumerable<RawTable> SampleChunks(long count, IReadOnlyList<KeyValuePair<string, string?>>? conditions = null, long seed = 0,
        int? length = null, Shard? shard = null)
    {
        if (length is < 1) throw new ArgumentException($"--length must be at least 1, got {length}.");
        if (conditions is { Count: > 0 } && State.Entities is null)
            throw new ArgumentException("--condition needs a model of panel data (static attributes to fix); this model was trained on one series.");
        foreach (var (name, _) in conditions ?? [])
            if (!State.Schema.Static.Any(c => c.Name == name))
                throw new ArgumentException($"--condition {name}: '{name}' is not a static attribute of the entities (static: {(State.Schema.Static.Count == 0 ? "none" : string.Join(", ", State.Schema.Static.Select(c => c.Name)))}).");
        // Checks the conditions now (an unseen value is an error before anything is written).
        foreach (var (name, value) in conditions ?? [])
            if (State.Entities!.Constants.TryGetValue(name, out var only) && only != value)
                throw new ArgumentException($"--condition {name}={value}: every training entity has {name} = {only ?? "(missing)"}.");
        var modelledConditions = (conditions ?? []).Where(c => !State.Entities!.Constants.ContainsKey(c.Key)).ToList();
        if (Entities is not null && modelledConditions.Count > 0) _ = Entities.SampleChunks(1, modelledConditions, 0);
        conditions = modelledConditions;
        var plan = new DrawPlan(count, ChunkSequences, shard ?? Shard.Whole, seed);
        return Chunks(plan, conditions ?? [], length);
    }

    private IEnumerable<RawTable> Chunks(DrawPlan plan, IReadOnlyList<KeyValuePair<string, string?>> conditions, int? length)
    {
        foreach (var (index, first, n) in plan.Chunks())
            yield return GenerateChunk(n, first, conditions, length, plan.ChunkSeed(index), plan.ChunkSeed(index, stream: 1), plan.Rows > 1);
    }

    /// <summary>All <paramref name="count"/> sampled sequences as one table (in memory).</summary>
    public RawTable Sample(int count, IReadOnlyList<KeyValuePair<string, string?>>? conditions = null, long seed = 0, int? length = null) =>
        RawTable.Concatenate(SampleChunks(count, conditions, seed, length).ToList());

    /// <summary>
    /// The generator's sequences for <paramref name="count"/> conditions as encoded steps [count, steps, width] (with
    /// the EMA weights adopted at the end of training), for scores that read encoded values.
    /// </summary>
    public float[] GenerateEncoded(int count, int steps, float[]? conditions, int[] lengths, ulong seed)
    {
        var device = TorchRuntime.ParseDevice(State.Options.Device);
        using var rng = new TorchSharp.torch.Generator(seed);
        bool wasTraining = Generator.training;
        Generator.eval();
        Generator.NoiseGenerator = rng;
        try
        {
            using var _ = no_grad();
            var mask = new float[(long)count * steps];
            using var guard = new CollectionGuard();   // no collection mid-op (docs/TORCHSHARP.md, native Scalars)
            guard.Enter();
            using var scope = NewDisposeScope();
            for (int i = 0; i < count; i++) for (int t = 0; t < Math.Min(lengths[i], steps); t++) mask[(long)i * steps + t] = 1f;
            var c = tensor(mask, new long[] { count, steps });
            if (State.ConditionWidth > 0) c = cat(new[] { tensor(conditions!, new long[] { count, State.ConditionWidth }), c }, 1);
            var z = Generator.SampleLatent(count, steps, rng, device);
            return Generator.call(z, c.to(device)).cpu().contiguous().data<float>().ToArray();
        }
        finally
        {
            Generator.NoiseGenerator = null;
            if (wasTraining) Generator.train();
        }
    }

    private RawTable GenerateChunk(int count, long firstEntity, IReadOnlyList<KeyValuePair<string, string?>> conditions, int? length, ulong seed, ulong timeSeed, bool several)
    {
        RawTable? entityRows = null;
        float[]? encoded = null;
        int[] lengths;
        double[] starts;
        var timeColumn = State.Schema.Time?.Schema;
        var rng = new Random(unchecked((int)(timeSeed ^ (timeSeed >> 32))));
        if (State.Entities is { } table)
        {
            RawTable? modelled = null;
            if (Entities is not null)
            {
                modelled = Entities.Sample(count, conditions, unchecked((long)seed));
                encoded = Entities.Encode(modelled, (int)(seed & 0x7fffffff));
            }
            entityRows = table.Complete(modelled, count);
            lengths = length is int l ? Enumerable.Repeat(l, count).ToArray() : table.Lengths(entityRows, State.Length);
            starts = timeColumn is null ? new double[count] : table.Starts(entityRows, timeColumn);
        }
        else
        {
            lengths = Enumerable.Repeat(length ?? State.Length, count).ToArray();
            starts = Enumerable.Range(0, count).Select(_ => State.Times.DrawStart(rng)).ToArray();
        }
        int steps = lengths.Max();
        var values = GenerateEncoded(count, steps, encoded, lengths, seed);
        return LongRows(count, firstEntity, steps, values, lengths, starts, entityRows, several);
    }

    /// <summary>Name of the column numbering the series of a draw of several from a single-series model.</summary>
    public const string SeriesColumn = "series";

    /// <summary>
    /// The sequences as rows of the input's long format, columns in the input's order. A draw of several series from a
    /// model of one series gains a leading <see cref="SeriesColumn"/> column numbering them (1, 2, …), so they can be told apart.
    /// </summary>
    private RawTable LongRows(int count, long firstEntity, int steps, float[] values, int[] lengths, double[] starts, RawTable? entityRows, bool several)
    {
        var schema = State.Schema;
        int width = State.Encoder.Width;
        int total = lengths.Sum();
        var columns = schema.Columns.Where(c => c.Role != ColumnRole.Ignored).ToList();
        if (several && !schema.IsPanel) columns.Insert(0, new SequenceColumn(new ColumnSchema(SeriesColumn, ColumnKind.Identifier), ColumnRole.Entity));
        var cells = columns.ToDictionary(c => c.Name, _ => new string?[total]);
        var featureIndex = State.Encoder.Features.Select((f, i) => (f.Column.Name, i)).ToDictionary(p => p.Name, p => p.i);
        long rowsBefore = firstEntity * State.Length;   // fresh row identifiers: unique across chunks and shards
        int row = 0;
        for (int i = 0; i < count; i++)
        {
            int n = lengths[i];
            var (decoded, gaps) = State.Encoder.Decode(values.AsSpan((int)((long)i * steps * width), steps * width), n);
            double time = double.IsNaN(starts[i]) ? State.Times.DrawStart(new Random(i)) : starts[i];
            for (int t = 0; t < n; t++, row++)
            {
                if (t > 0) time += gaps is not null ? gaps[t] : State.Encoder.Step ?? 1;
                foreach (var c in columns)
                {
                    string? value = c.Role switch
                    {
                        ColumnRole.Time => State.Times.Format(c.Schema, time),
                        ColumnRole.Entity when !schema.IsPanel => (firstEntity + i + 1).ToString(CultureInfo.InvariantCulture),
                        ColumnRole.Entity => State.Identifiers[c.Name].Decode([], 1, 0, 0, firstEntity + i)[0],
                        ColumnRole.Static => entityRows!.Column(c.Name)[i],
                        _ when c.Schema.Kind == ColumnKind.Identifier => State.Identifiers[c.Name].Decode([], 1, 0, 0, rowsBefore + row)[0],
                        _ => decoded[featureIndex[c.Name]][t],
                    };
                    cells[c.Name][row] = value;
                }
            }
        }
        return new RawTable("synthetic", columns.Select(c => c.Name).ToList(), columns.Select(c => cells[c.Name]).ToList(), format: State.Format);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Critic.Dispose();
        Entities?.Dispose();
    }
}

/// <summary>Encoded training sequences and their conditions, ready for <see cref="SequenceSynthesizer.Train"/>.</summary>
/// <param name="Model">The (untrained) model.</param>
/// <param name="Values">[sequences, length, width] encoded steps.</param>
/// <param name="Lengths">Each sequence's length.</param>
/// <param name="Conditions">[sequences, condition width] encoded entity rows (empty for a single series).</param>
public sealed record PreparedSequences(SequenceSynthesizer Model, float[] Values, int[] Lengths, float[] Conditions);
