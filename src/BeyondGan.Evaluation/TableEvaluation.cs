using System.Diagnostics;
using BeyondGan.Evaluation.Detection;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Privacy;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Evaluation.Validity;
using BeyondGan.Tabular.Data;

namespace BeyondGan.Evaluation;

/// <summary>
/// Evaluates a synthetic table against the real one: fidelity (Quality Report), validity, utility (TSTR/TRTR, with a
/// holdout and a target), detection and privacy. The same tables, schema and options give the same numbers.
/// </summary>
public static class TableEvaluation
{
    /// <summary>Runs every metric the inputs allow.</summary>
    /// <param name="real">The real rows the synthetic table was made from (the model's training data).</param>
    /// <param name="synthetic">The synthetic rows.</param>
    /// <param name="holdout">Real rows the model never saw, or null (utility and the privacy baseline need it).</param>
    /// <param name="schema">Column types, usually inferred from <paramref name="real"/> or taken from the model file.</param>
    /// <param name="options">Target, ceilings and seed.</param>
    /// <param name="progress">Receives the name of each part as it starts.</param>
    public static EvaluationResult Evaluate(RawTable real, RawTable synthetic, RawTable? holdout, TableSchema schema,
        EvaluationOptions? options = null, IProgress<string>? progress = null)
    {
        options ??= new EvaluationOptions();
        options.Validate();
        if (real.RowCount == 0) throw new TabularDataException(real.Source, "the real table has no rows.");
        if (synthetic.RowCount == 0) throw new TabularDataException(synthetic.Source, "the synthetic table has no rows.");
        if (holdout is { RowCount: 0 }) throw new TabularDataException(holdout.Source, "the holdout table has no rows.");
        CheckColumns(real, schema);
        if (holdout is not null) CheckColumns(holdout, schema);
        var task = options.Target is null ? null : PredictionTask.For(real, schema, options.Target, options.Positive);
        if (task is not null && synthetic.IndexOf(task.Target.Name) < 0)
            throw new TabularDataException(synthetic.Source, $"there is no column '{task.Target.Name}' to predict (--target).");

        var seconds = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        T Timed<T>(string name, Func<T> part)
        {
            progress?.Report(name);
            watch.Restart();
            var result = part();
            seconds[name] = watch.Elapsed.TotalSeconds;
            return result;
        }

        var quality = Timed("fidelity", () => QualityReport.Compute(real, synthetic, schema));
        var validity = Timed("validity", () => ValidityReport.Compute(real, synthetic, schema));
        var utility = task is null || holdout is null ? null
            : Timed("utility", () => UtilityReport.Compute(real, synthetic, holdout, schema, task, options.MaxRows, options.Seed));
        var detection = !options.Detection ? null
            : Timed("detection", () => DetectionReport.Compute(real, synthetic, schema, options.DetectionFolds, options.MaxRows, options.Seed));
        var privacy = !options.Privacy ? null
            : Timed("privacy", () => PrivacyReport.Compute(real, synthetic, holdout, schema, options.PrivacyRows, options.MaxRows, options.Seed));
        return new EvaluationResult(real.RowCount, synthetic.RowCount, holdout?.RowCount ?? 0, quality, validity, utility, detection, privacy, seconds);
    }

    /// <summary>A real table must have every modelled column of the schema.</summary>
    private static void CheckColumns(RawTable table, TableSchema schema)
    {
        foreach (var c in schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete))
            if (table.IndexOf(c.Name) < 0)
                throw new TabularDataException(table.Source, $"there is no column '{c.Name}' (columns: {string.Join(", ", table.Columns)}).");
    }
}
