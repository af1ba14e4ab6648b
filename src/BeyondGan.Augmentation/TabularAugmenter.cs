using BeyondGan.Augmentation.Filtering;
using BeyondGan.Augmentation.Oversampling;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Tabular.Transform;

namespace BeyondGan.Augmentation;

/// <summary>
/// Adds synthetic rows of chosen classes to a table: plan the rows per class (<see cref="AugmentationStrategy"/>),
/// generate them (<see cref="AugmentationMethod"/>), optionally generate extra and keep the most real-looking
/// (<see cref="SyntheticFilter"/>), and append them to the real rows. Same data, options and seed → same table.
/// </summary>
public static class TabularAugmenter
{
    /// <summary>Augments <paramref name="data"/>.</summary>
    /// <param name="data">The real table.</param>
    /// <param name="schema">Its column types.</param>
    /// <param name="options">Target, strategy, method, filter, seed.</param>
    /// <param name="model">For <see cref="AugmentationMethod.Gan"/>: a model already trained on this kind of table; null trains one on <paramref name="data"/>.</param>
    /// <param name="progress">Training progress when a GAN is trained.</param>
    /// <param name="cancellation">Stops GAN training early (the model trained so far is used).</param>
    public static AugmentationResult Augment(RawTable data, TableSchema schema, AugmentationOptions options, CtganSynthesizer? model = null,
        Action<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var counts = CheckTarget(data, schema, options);
        var plan = options.Strategy.RowsToAdd(counts, options.Target);
        CtganSynthesizer? owned = null;
        try
        {
            IOversampler sampler = options.Method switch
            {
                AugmentationMethod.Random => new RandomOversampler(data, options.Target),
                AugmentationMethod.Smote => new SmoteOversampler(data, schema, options.Target, options.Neighbours, nominal: false),
                AugmentationMethod.SmoteNc => new SmoteOversampler(data, schema, options.Target, options.Neighbours, nominal: true),
                _ => new GanOversampler(model ?? (owned = plan.Count == 0 ? null : CtganSynthesizer.Fit(data, schema, GanOptions(options, data.RowCount), progress, cancellation))!,
                    data, options.Target),
            };
            if (model is not null && options.Method == AugmentationMethod.Gan) CheckModel(model, options.Target);
            var parts = new List<RawTable>();
            int index = 0;
            foreach (var (label, add) in plan.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                long seed = options.Seed * 1_000_003 + ++index;
                if (options.EffectiveFilter == SyntheticFilter.None) { parts.Add(sampler.Generate(label, add, seed)); continue; }
                var candidates = sampler.Generate(label, (int)Math.Ceiling(add * options.Oversampling), seed);
                var scores = RealismFilter.Score(options.EffectiveFilter, data, schema, options.Target, label, candidates, sampler as GanOversampler, seed);
                parts.Add(RealismFilter.Keep(candidates, scores, add));
            }
            var table = Concatenate(data, schema, parts, options.MarkColumn);
            return new AugmentationResult(table, data.RowCount, plan, counts);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>
    /// The options of a GAN trained for augmentation on <paramref name="rows"/> rows: <see cref="AugmentationOptions.Gan"/>
    /// with the seed, the target focus, and for small tables a smaller batch and more epochs
    /// (<see cref="AugmentationOptions.MinimumSteps"/>).
    /// </summary>
    public static CtganOptions GanOptions(AugmentationOptions options, int rows)
    {
        var gan = options.Gan with { Seed = options.Seed };
        if (options.TargetFocus is double share) gan = gan with { FocusColumn = options.Target, FocusShare = share };
        return gan.ForTable(rows, options.MinimumSteps);
    }

    /// <summary>Class sizes of the target; throws for a target that cannot be augmented.</summary>
    public static IReadOnlyDictionary<string, int> CheckTarget(RawTable data, TableSchema schema, AugmentationOptions options)
    {
        options.Validate();
        var counts = CheckClasses(data, options.Target);
        var column = schema.Find(options.Target);
        if (column is null || !column.IsDiscrete)
            throw new ArgumentException($"--target {options.Target}: the column is {column?.Kind.ToString().ToLowerInvariant() ?? "not modelled"}; augmentation needs a categorical or boolean class column (use --discrete {options.Target} if its classes are numbers).");
        if (options.MarkColumn is not null && data.IndexOf(options.MarkColumn) >= 0)
            throw new ArgumentException($"--mark {options.MarkColumn}: {data.Source} already has a column of that name.");
        return counts;
    }

    /// <summary>Class sizes of <paramref name="target"/>, read from the raw cells (before any schema); throws for a missing column or a single class.</summary>
    public static IReadOnlyDictionary<string, int> CheckClasses(RawTable data, string target)
    {
        if (data.IndexOf(target) < 0)
            throw new ArgumentException($"--target {target}: {data.Source} has no column '{target}' (columns: {string.Join(", ", data.Columns)}).");
        var counts = ClassRows.Of(data, target).ToDictionary(kv => kv.Key, kv => kv.Value.Count);
        if (counts.Count < 2)
            throw new ArgumentException($"--target {target}: {data.Source} has a single class ('{counts.Keys.Single()}'); there is no minority to augment.");
        return counts;
    }

    private static void CheckModel(CtganSynthesizer model, string target)
    {
        if (!model.CanCondition(target))
            throw new ArgumentException($"--model: the model has no categorical column '{target}' to condition on (columns: {string.Join(", ", model.Columns)}).");
    }

    /// <summary>
    /// Real rows (written back exactly as the input wrote them), then synthetic ones in the input's spelling with fresh
    /// identifiers (numbered past the real ones), and the optional marker column.
    /// </summary>
    private static RawTable Concatenate(RawTable data, TableSchema schema, List<RawTable> parts, string? mark)
    {
        int added = parts.Sum(p => p.RowCount);
        var columns = data.Columns.ToList();
        var cells = new List<string?[]>();
        var verbatim = new List<string?[]?>();
        for (int c = 0; c < data.Columns.Count; c++)
        {
            var all = new string?[data.RowCount + added];
            data.Cells[c].CopyTo(all, 0);
            int at = data.RowCount;
            foreach (var p in parts) { p.Cells[p.IndexOf(data.Columns[c])].CopyTo(all, at); at += p.RowCount; }
            if (schema.Find(data.Columns[c]) is { Kind: ColumnKind.Identifier } id && added > 0)
                IdentifierEncoder.Fit(id, data.Cells[c]).Decode([], added, 0, 0, 0).CopyTo(all, data.RowCount);
            cells.Add(all);
            if (data.Verbatim[c] is { } written)
            {
                var extended = new string?[data.RowCount + added];
                written.CopyTo(extended, 0);
                verbatim.Add(extended);
            }
            else verbatim.Add(null);
        }
        if (mark is not null)
        {
            columns.Add(mark);
            cells.Add(Enumerable.Range(0, data.RowCount + added).Select(i => i < data.RowCount ? "false" : "true").ToArray());
            verbatim.Add(null);
        }
        return new RawTable(data.Source, columns, cells, format: data.Format, verbatim: verbatim);
    }
}
