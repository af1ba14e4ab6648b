using BeyondGan.Layers;
using BeyondGan.Losses;
using BeyondGan.Modules;
using BeyondGan.Regularizers;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Tabular.Rules;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Sampling;
using BeyondGan.Tabular.Transform;
using BeyondGan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace BeyondGan.Tabular.Model;

/// <summary>
/// A conditional tabular GAN (CTGAN, Xu et al. 2019): mode-specific normalisation, conditional vector with
/// training-by-sampling, residual generator with Gumbel-softmax heads and its cross-entropy term, PacGAN critic
/// trained with WGAN-GP. Fit it on a table, then sample tables of any size, optionally with fixed category values.
/// </summary>
public sealed class CtganSynthesizer : IDisposable
{
    private CtganSynthesizer(TableSchema schema, DataTransformer transformer, CtganOptions options, long trainingRows, TextFormat format,
        RuleEnforcement rules)
    {
        options.Validate();
        TorchRuntime.EnsureLoaded();
        var device = TorchRuntime.ParseDevice(options.Device);
        // The automatic precision is made concrete here, so a model file records what it was trained with.
        options = options with { Precision = options.Precision.Resolve(device) };
        Schema = schema;
        Transformer = transformer;
        Options = options;
        TrainingRows = trainingRows;
        Format = format;
        Rules = rules;
        Seeding.Seed(options.Seed);
        Generator = new TabularGenerator(options.LatentSize, transformer.ConditionWidth, options.GeneratorDims, transformer.Spans, options.GumbelTau);
        Critic = new MlpCritic(transformer.Width, options.CriticDims, Activation.LeakyReLU, options.Pac, options.CriticDropout,
            conditionSize: transformer.ConditionWidth);
        PrecisionLinear.SetComputeType(Generator, options.Precision.ToScalarType());
        PrecisionLinear.SetComputeType(Critic, options.Precision.ToScalarType());
        Generator.to(device);
        Critic.to(device);
    }

    /// <summary>The schema the model was trained with.</summary>
    public TableSchema Schema { get; }
    /// <summary>The fitted column encoders.</summary>
    public DataTransformer Transformer { get; }
    /// <summary>Training options.</summary>
    public CtganOptions Options { get; }
    /// <summary>The generator.</summary>
    public TabularGenerator Generator { get; }
    /// <summary>The critic (kept for filtering synthetic rows by realism).</summary>
    public MlpCritic Critic { get; }
    /// <summary>Rows in the training table.</summary>
    public long TrainingRows { get; }
    /// <summary>How the training file was written; sampled tables are written the same way.</summary>
    public TextFormat Format { get; }
    /// <summary>The training table's rules and how they are kept (<see cref="RuleEnforcement"/>).</summary>
    public RuleEnforcement Rules { get; }
    /// <summary>The columns of a sampled table, in the input's order.</summary>
    public IReadOnlyList<string> Columns => Rules.Columns;
    /// <summary>Epochs completed.</summary>
    public int EpochsTrained { get; internal set; }
    /// <summary>Per-epoch means of the losses and penalty terms.</summary>
    public MetricsHistory History { get; internal set; } = new();
    /// <summary>True when every requested epoch was trained (false after an interrupted fit).</summary>
    public bool IsComplete => EpochsTrained >= Options.Epochs;

    /// <summary>Fits the transformer (timed separately by callers through <see cref="Prepare"/>) and trains.</summary>
    public static CtganSynthesizer Fit(RawTable table, TableSchema schema, CtganOptions options,
        Action<TrainingProgress>? progress = null, CancellationToken cancellation = default, int maxCategories = 0, RuleSet? rules = null)
    {
        var prepared = Prepare(table, schema, options, maxCategories, rules);
        var model = prepared.CreateModel();
        model.Train(prepared, progress, cancellation);
        return model;
    }

    /// <summary>
    /// Fits the column encoders and encodes <paramref name="table"/>, keeping <paramref name="rules"/> by construction
    /// (null: the rules <see cref="RuleDiscovery"/> finds in the table; <see cref="RuleSet.None"/>: none).
    /// </summary>
    public static PreparedTable Prepare(RawTable table, TableSchema schema, CtganOptions options, int maxCategories = 0, RuleSet? rules = null)
    {
        options.Validate();
        CheckEnoughRows(table);
        rules ??= RuleDiscovery.Find(table, schema, (int)options.Seed);
        rules.Validate(schema, table.Source);
        var enforcement = rules.Rules.Count == 0 ? RuleEnforcement.None(schema) : RuleEnforcement.Plan(rules, table, schema);
        var (modelled, modelledSchema) = enforcement.Enforces ? enforcement.ToModelled(table, (int)options.Seed) : (table, schema);
        var focus = options.FocusColumn is null ? null : enforcement.ModelledColumn(options.FocusColumn);
        if (focus != options.FocusColumn) options = options with { FocusColumn = focus };
        var transformer = DataTransformer.Fit(modelled, modelledSchema, maxCategories, options.MixtureFitRows, (int)options.Seed);
        var matrix = transformer.Transform(modelled, (int)options.Seed);
        return new PreparedTable(table, schema, transformer, matrix, table.RowCount, options, enforcement);
    }

    /// <summary>Fewest rows a model is fitted on.</summary>
    public const int MinimumRows = 10;

    /// <summary>Throws a clear error when <paramref name="table"/> has fewer than <see cref="MinimumRows"/> rows.</summary>
    public static void CheckEnoughRows(RawTable table)
    {
        if (table.RowCount < MinimumRows)
            throw new TabularDataException(table.Source, $"{table.RowCount} row(s) is too few to learn from; at least {MinimumRows} are needed.");
    }

    /// <summary>Trains on <paramref name="data"/> until the requested epochs are done or <paramref name="cancellation"/> fires.</summary>
    public TrainingOutcome Train(PreparedTable data, Action<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var sampler = new ConditionalSampler(Transformer, data.Matrix, data.Rows, Options.FocusColumn, Options.FocusShare);
        using var source = new TabularBatchSource(Transformer, data.Matrix, data.Rows, sampler);
        var trainerOptions = new GanTrainerOptions
        {
            BatchSize = Options.BatchSize,
            CriticSteps = Options.CriticSteps,
            Seed = Options.Seed,
            Device = Options.Device,
            ReuseCriticFakes = Options.ReuseCriticFakes,
            JointCriticPass = Options.JointCriticPass,
            // FlatAdam: the paper's Adam, one flat buffer per network (every CTGAN parameter gets a gradient at every step).
            GeneratorOptimizer = new OptimizerSpec { Kind = OptimizerKind.FlatAdam, LearningRate = Options.GeneratorLearningRate, Beta1 = Options.Beta1, Beta2 = Options.Beta2, WeightDecay = Options.WeightDecay },
            CriticOptimizer = new OptimizerSpec { Kind = OptimizerKind.FlatAdam, LearningRate = Options.CriticLearningRate, Beta1 = Options.Beta1, Beta2 = Options.Beta2, WeightDecay = Options.WeightDecay },
        };
        var regularizers = new List<GanRegularizer> { new GradientPenalty(Options.GradientPenaltyWeight, Options.GradientPenaltyFraction), new ConditionalCrossEntropy(Transformer) };
        if (Options.GeneratorEma is double decay) regularizers.Add(new GeneratorEma(decay));
        using var trainer = new GanTrainer<TabularGenerator, MlpCritic>(Generator, Critic, new WassersteinLoss(), source, trainerOptions, regularizers);
        Generator.NoiseGenerator = trainer.Rng;
        try
        {
            long stepsPerEpoch = StepsPerEpoch(data.Rows);
            long totalSteps = stepsPerEpoch * Options.Epochs;
            var outcome = trainer.Train(totalSteps, cancellation, report =>
            {
                int epoch = (int)((report.Step - 1) / stepsPerEpoch) + 1;
                progress?.Invoke(new TrainingProgress(epoch, Options.Epochs, report.Step, totalSteps, Options.BatchSize, report.CriticLoss, report.GeneratorLoss));
                if (report.Step % stepsPerEpoch != 0) return;
                EpochsTrained = epoch;
                foreach (var column in trainer.History.Columns)
                {
                    var values = trainer.History.Series(column).Select(p => p.Value).ToList();
                    if (values.Count > 0) History.Record(epoch, column, values.Average());
                }
                trainer.History.Clear();
            });
            return outcome;
        }
        finally
        {
            Generator.NoiseGenerator = null;
            if (trainer.Ema is { } ema) AdoptAveragedWeights(ema);
            Generator.eval();
            Critic.eval();
        }
    }

    /// <summary>Copies the EMA weights into the generator for good and recomputes BatchNorm statistics for them.</summary>
    private void AdoptAveragedWeights(GeneratorEma ema)
    {
        using (no_grad())
        {
            var live = Generator.parameters().ToList();
            for (int i = 0; i < live.Count; i++) live[i].copy_(ema.AveragedParameters[i]);
        }
        using var rng = new TorchSharp.torch.Generator((ulong)Options.Seed + 1);
        Generator.NoiseGenerator = rng;
        try
        {
            Tensor? condition = null;
            if (Transformer.ConditionWidth > 0)
            {
                const int rows = 500;
                var c = new float[rows * Transformer.ConditionWidth];
                using var u = rand(new long[] { 2L * rows }, dtype: ScalarType.Float64, generator: rng);
                SamplerForGeneration().SampleForGeneration(u.data<double>().ToArray(), c, rows);
                condition = tensor(c, new long[] { rows, Transformer.ConditionWidth });
            }
            BatchNormRecalibration.ApplyPermanently(Generator, rng, TorchRuntime.ParseDevice(Options.Device), condition);
            condition?.Dispose();
        }
        finally
        {
            Generator.NoiseGenerator = null;
        }
    }

    /// <summary>Training steps in one epoch: max(1, rows / batch), as in CTGAN.</summary>
    public long StepsPerEpoch(long rows) => Math.Max(1, rows / Options.BatchSize);

    /// <summary>Rows per chunk of a draw: each chunk has its own random stream (<see cref="DrawPlan"/>), so the same seed gives the same rows however the draw is streamed or sharded.</summary>
    public const int SampleChunkRows = 2_000;

    /// <summary>
    /// Generates <paramref name="rows"/> rows in memory: the chunks of <see cref="SampleChunks"/>, joined. Without conditions, each row's
    /// conditional vector (a column, then a level with its training frequency) is drawn so the marginals come back,
    /// and the drawn column takes the drawn level exactly. With conditions
    /// (discrete columns only), every row has exactly those values: each row is generated conditioned on one of
    /// them (in turn) and the conditioned columns are set to the requested levels. With <paramref name="stratify"/>
    /// (a discrete column, e.g. the label of a table meant for training a classifier), that column's levels come back
    /// in exactly their training proportions.
    /// </summary>
    public RawTable Sample(int rows, IReadOnlyList<KeyValuePair<string, string?>>? conditions = null, long seed = 0, string source = "synthetic",
        string? stratify = null) => RawTable.Concatenate(SampleChunks(rows, conditions, seed, source, stratify).ToList());

    /// <summary>
    /// Streams a draw of <paramref name="rows"/> rows as chunks of <see cref="SampleChunkRows"/> (memory stays flat
    /// however many rows are drawn), or only the chunks of <paramref name="shard"/>: the parts of a draw, written one
    /// after the other, are exactly the whole draw. Arguments are checked when this is called, before any chunk is made.
    /// With <paramref name="stratify"/>, the column's training proportions are allotted to the chunks in order (each
    /// chunk gets its share of what remains), and within a chunk an unconditional draw has, for each level the
    /// generator over-produced, randomly chosen surplus rows replaced by rows generated conditioned on an
    /// under-produced level; the other rows keep the unconditional draw's fidelity.
    /// </summary>
    public IEnumerable<RawTable> SampleChunks(long rows, IReadOnlyList<KeyValuePair<string, string?>>? conditions = null, long seed = 0,
        string source = "synthetic", string? stratify = null, Shard? shard = null)
    {
        var plan = new DrawPlan(rows, SampleChunkRows, shard ?? Shard.Whole, seed);
        var groups = ResolveConditions(conditions ?? []);
        DiscreteColumn? stratified = null;
        if (stratify is not null)
        {
            if (groups.Count > 0)
                throw new ArgumentException($"--stratify {stratify} cannot be combined with --condition: conditioned columns already have fixed values.");
            stratified = ResolveColumn("--stratify", stratify, Rules.ModelledColumn(stratify) ?? stratify);
        }
        return Chunks(plan, groups, stratified, source);
    }

    private IEnumerable<RawTable> Chunks(DrawPlan plan, IReadOnlyList<ConditionGroup> conditions, DiscreteColumn? stratified, string source)
    {
        // The stratified column's counts per chunk, allotted from the first chunk of the whole draw (cheap arithmetic),
        // so that every shard gives its chunks the counts the whole draw gives them.
        long[]? remaining = stratified is null ? null : ConditionalSampler.Allocate(stratified.Encoder.Counts, plan.Rows);
        long chunk = 0;
        foreach (var (index, firstRow, n) in plan.Chunks())
        {
            long[]? target = null;
            for (; remaining is not null && chunk <= index; chunk++)
            {
                target = ConditionalSampler.Allocate(remaining, Math.Min(plan.ChunkRows, plan.Rows - chunk * plan.ChunkRows));
                for (int l = 0; l < remaining.Length; l++) remaining[l] -= target[l];
            }
            yield return stratified is null
                ? GenerateChunk(n, firstRow, conditions, plan.ChunkSeed(index), source)
                : StratifiedChunk(n, firstRow, stratified, target!, plan, index, source);
        }
    }

    /// <summary>One chunk of a draw: <paramref name="rows"/> rows from the stream seeded <paramref name="seed"/>, the first numbered <paramref name="firstRow"/>.</summary>
    private RawTable GenerateChunk(int rows, long firstRow, IReadOnlyList<ConditionGroup> conditions, ulong seed, string source)
    {
        var device = TorchRuntime.ParseDevice(Options.Device);
        int width = Transformer.Width, conditionWidth = Transformer.ConditionWidth;
        var output = new float[(long)rows * width];
        var drawn = new (int Column, int Level)[conditionWidth > 0 && conditions.Count == 0 ? rows : 0];
        // Each row is generated conditioned on one of the conditions in turn, and every conditioned column is then set:
        // a condition that allows several levels (a value of a looked-up column) draws one per row by training frequency.
        var levels = conditions.Count == 0 ? null : ConditionGroup.Draw(conditions, rows, seed);
        bool wasTraining = Generator.training;
        Generator.eval();
        using var rng = new TorchSharp.torch.Generator(seed);
        Generator.NoiseGenerator = rng;
        try
        {
            using var _ = no_grad();
            using var guard = new CollectionGuard();
            guard.Enter();
            using var scope = NewDisposeScope();
            Tensor? c = null;
            if (conditionWidth > 0)
            {
                var condition = new float[rows * conditionWidth];
                if (conditions.Count > 0)
                    for (int r = 0; r < rows; r++)
                    {
                        int g = (int)((firstRow + r) % conditions.Count);
                        condition[r * conditionWidth + conditions[g].Column.ConditionOffset + levels![g][r]] = 1f;
                    }
                else
                {
                    using var u = rand(new long[] { 2L * rows }, dtype: ScalarType.Float64, generator: rng);
                    drawn = SamplerForGeneration().SampleForGeneration(u.data<double>().ToArray(), condition, rows);
                }
                c = tensor(condition, new long[] { rows, conditionWidth }).to(device);
            }
            var z = Generator.SampleLatent(rows, rng, device);
            Generator.call(z, c).cpu().contiguous().data<float>().CopyTo(output, 0);
        }
        finally
        {
            Generator.NoiseGenerator = null;
            if (wasTraining) Generator.train();
        }
        var table = Transformer.Inverse(output, rows, source, Format, firstRow);
        var discreteCells = Transformer.DiscreteColumns.Select(d => table.Column(d.Name)).ToArray();
        for (int r = 0; r < drawn.Length; r++)
            discreteCells[drawn[r].Column][r] = Transformer.DiscreteColumns[drawn[r].Column].Encoder.Levels[drawn[r].Level];
        for (int g = 0; g < conditions.Count; g++)
        {
            var cells = table.Column(conditions[g].Column.Name);
            for (int r = 0; r < rows; r++) cells[r] = conditions[g].Column.Encoder.Levels[levels![g][r]];
        }
        return Rules.ToOriginal(table);
    }

    /// <summary>
    /// One chunk of a stratified draw: an unconditional chunk whose surplus rows of over-produced levels (chosen at random)
    /// are replaced by rows generated conditioned on the under-produced ones, so the column has exactly <paramref name="target"/>.
    /// </summary>
    private RawTable StratifiedChunk(int rows, long firstRow, DiscreteColumn column, long[] target, DrawPlan plan, long index, string source)
    {
        var table = GenerateChunk(rows, firstRow, [], plan.ChunkSeed(index), source);
        var levels = column.Encoder.Levels;
        var rowsOf = levels.Select(_ => new List<int>()).ToArray();
        var cells = table.Column(column.Name);
        for (int r = 0; r < rows; r++)
        {
            int level = column.Encoder.IndexOf(cells[r]);
            if (level < 0) throw new InvalidOperationException($"Generated value '{cells[r]}' is not a level of '{column.Name}'.");
            rowsOf[level].Add(r);
        }
        var rng = new Random(unchecked((int)plan.ChunkSeed(index, stream: 1)));
        var surplus = new List<int>();
        var replacements = new List<(int Level, int Row)>();
        var generated = new RawTable?[levels.Length];
        for (int level = 0; level < levels.Length; level++)
        {
            int excess = rowsOf[level].Count - (int)target[level];
            if (excess > 0) surplus.AddRange(rowsOf[level].OrderBy(_ => rng.Next()).Take(excess));
            else if (excess < 0)
            {
                generated[level] = GenerateChunk(-excess, 0, [ConditionGroup.Single(column, level)], plan.ChunkSeed(index, stream: 2 + level), source);
                replacements.AddRange(Enumerable.Range(0, -excess).Select(i => (level, i)));
            }
        }
        if (surplus.Count == 0) return table;
        surplus.Sort();
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(replacements));
        var merged = table.Cells.Select(c => (string?[])c.Clone()).ToArray();
        // Identifiers stay those of the unconditional draw.
        var copied = Enumerable.Range(0, merged.Length).Where(c => Schema.Find(table.Columns[c])?.Kind != ColumnKind.Identifier).ToArray();
        for (int i = 0; i < surplus.Count; i++)
        {
            var (level, row) = replacements[i];
            foreach (int c in copied) merged[c][surplus[i]] = generated[level]!.Cells[c][row];
        }
        return new RawTable(table.Source, table.Columns, merged, format: table.Format);
    }

    /// <summary>
    /// The critic's realism score of each candidate row (higher = more real), all conditioned on
    /// <paramref name="column"/> = <paramref name="level"/>. The PacGAN critic judges packs, so each candidate is packed
    /// with <c>pac − 1</c> rows drawn from <paramref name="context"/> (real rows of that class): the pack's score then
    /// differs between candidates only through the candidate.
    /// </summary>
    public double[] CriticScores(RawTable candidates, RawTable context, string column, string level, long seed = 0)
    {
        var d = ResolveConditions([new(column, level)])[0];
        if (context.RowCount == 0) throw new ArgumentException("Critic scoring needs at least one real row of the class as context.");
        int width = Transformer.Width, conditionWidth = Transformer.ConditionWidth, pac = Options.Pac;
        var x = Encode(candidates, (int)seed);
        var real = Encode(context, (int)seed + 1);
        var rng = new Random((int)seed);
        int n = candidates.RowCount;
        var scores = new double[n];
        var device = TorchRuntime.ParseDevice(Options.Device);
        bool wasTraining = Critic.training;
        Critic.eval();
        try
        {
            using var _ = no_grad();
            using var guard = new CollectionGuard();
            const int chunk = 2_000;
            for (int start = 0; start < n; start += chunk)
            {
                guard.Enter();
                using var scope = NewDisposeScope();
                int m = Math.Min(chunk, n - start);
                var packs = new float[(long)m * pac * width];
                var condition = new float[(long)m * pac * conditionWidth];
                for (int i = 0; i < m; i++)
                {
                    long row = (long)i * pac;
                    Array.Copy(x, (long)(start + i) * width, packs, row * width, width);
                    for (int j = 1; j < pac; j++)
                        Array.Copy(real, (long)rng.Next(context.RowCount) * width, packs, (row + j) * width, width);
                    int l = d.Levels[i % d.Levels.Length];
                    for (int j = 0; j < pac; j++) condition[(row + j) * conditionWidth + d.Column.ConditionOffset + l] = 1f;
                }
                var output = Critic.call(tensor(packs, new long[] { (long)m * pac, width }).to(device),
                    conditionWidth > 0 ? tensor(condition, new long[] { (long)m * pac, conditionWidth }).to(device) : null);
                var values = output.cpu().data<float>().ToArray();
                for (int i = 0; i < m; i++) scores[start + i] = values[i];
            }
        }
        finally
        {
            if (wasTraining) Critic.train();
        }
        return scores;
    }

    private ConditionalSampler? generationSampler;

    /// <summary>A sampler that needs only the level counts saved in the model (no training data).</summary>
    private ConditionalSampler SamplerForGeneration() => generationSampler ??= ConditionalSampler.FromCounts(Transformer);

    /// <summary>
    /// The conditions as groups of allowed levels of modelled discrete columns: a value of a looked-up column becomes
    /// the determinant values that give it (<see cref="RuleEnforcement.Preimage"/>); conditions on one modelled column
    /// intersect.
    /// </summary>
    private List<ConditionGroup> ResolveConditions(IReadOnlyList<KeyValuePair<string, string?>> conditions)
    {
        var groups = new List<(DiscreteColumn Column, HashSet<int> Levels, string Given)>();
        var seen = new HashSet<string>();
        foreach (var (name, value) in conditions)
        {
            string argument = $"{name}={value}";
            if (!seen.Add(name)) throw new ArgumentException($"--condition names column '{name}' twice; give one value per column.");
            if (Rules.Columns.All(c => c != name))
                throw new ArgumentException($"--condition {argument}: the model has no column '{name}' (columns: {string.Join(", ", Rules.Columns)}).");
            var (modelledName, values) = Rules.Preimage(name, value, argument);
            var d = ResolveColumn("--condition", argument, modelledName);
            var levels = new HashSet<int>();
            foreach (var v in values)
            {
                int level = v is null ? Array.IndexOf(d.Encoder.Levels, null) : Array.IndexOf(d.Encoder.Levels, v);
                if (level >= 0 && (level != d.Encoder.OtherLevel || v == CategoricalEncoder.OtherSpelling)) levels.Add(level);
            }
            if (levels.Count == 0)
            {
                var known = Rules.KnownValues(name, d.Encoder.Levels).ToList();
                throw new ArgumentException($"--condition {argument}: '{value}' is not a category of '{name}' seen in training (known: {string.Join(", ", known.Take(20).Select(l => l ?? MissingValues.Label))}{(known.Count > 20 ? ", …" : "")}).");
            }
            int existing = groups.FindIndex(g => g.Column.Name == d.Name);
            if (existing < 0) { groups.Add((d, levels, argument)); continue; }
            groups[existing].Levels.IntersectWith(levels);
            if (groups[existing].Levels.Count == 0)
                throw new ArgumentException($"--condition {groups[existing].Given} and {argument}: no training row has both (a rule ties '{name}' to '{d.Name}').");
        }
        return groups.Select(g => ConditionGroup.Of(g.Column, g.Levels.Order().ToArray())).ToList();
    }

    private DiscreteColumn ResolveColumn(string option, string argument, string name)
    {
        if (Transformer.Encoders.All(e => e.Column.Name != name))
            throw new ArgumentException($"{option} {argument}: the model has no column '{name}' (columns: {string.Join(", ", Rules.Columns)}).");
        return Transformer.FindDiscrete(name)
               ?? throw new ArgumentException($"{option} {argument}: '{name}' is not a categorical or boolean column; {option} applies to discrete columns only.");
    }

    /// <summary>True when <paramref name="column"/> can be fixed by a condition (a discrete column, or one looked up from one).</summary>
    public bool CanCondition(string column) => Rules.ModelledColumn(column) is { } m && Transformer.FindDiscrete(m) is not null;

    /// <summary>Encodes rows with the input's columns as the model sees them (rules applied, then the transformer).</summary>
    public float[] Encode(RawTable table, int seed = 0) =>
        Transformer.Transform(Rules.Enforces ? Rules.ToModelled(table, seed).Table : table, seed);

    /// <summary>Builds the networks for a prepared table (seeded from the options).</summary>
    internal static CtganSynthesizer Create(PreparedTable data) => new(data.Schema, data.Transformer, data.Options, data.Rows, data.Table.Format, data.Rules);

    /// <summary>Builds untrained networks around a saved transformer (used when loading a model file).</summary>
    internal static CtganSynthesizer Restore(TableSchema schema, DataTransformer transformer, CtganOptions options, long rows, TextFormat format,
        RuleEnforcement rules) => new(schema, transformer, options, rows, format, rules);

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Critic.Dispose();
    }
}

/// <summary>A table encoded for training, with the fitted transformer.</summary>
public sealed record PreparedTable(RawTable Table, TableSchema Schema, DataTransformer Transformer, float[] Matrix, int Rows, CtganOptions Options,
    RuleEnforcement Rules)
{
    /// <summary>Builds the (untrained) synthesizer for this table.</summary>
    public CtganSynthesizer CreateModel() => CtganSynthesizer.Create(this);
}
