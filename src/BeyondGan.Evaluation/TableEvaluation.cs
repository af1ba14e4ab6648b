using System.Diagnostics;
using BeyondGan.Evaluation.Detection;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Privacy;
using BeyondGan.Evaluation.Rules;
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
        var rules = Timed("rules", () => RulesReport.Compute(real, synthetic, schema, options.Seed));
        var utility = task is null || holdout is null ? null
            : Timed("utility", () => UtilityReport.Compute(real, synthetic, holdout, schema, task, options.MaxRows, options.Seed));
        var detection = !options.Detection ? null
            : Timed("detection", () => DetectionReport.Compute(real, synthetic, schema, options.DetectionFolds, options.MaxRows, options.Seed));
        var privacy = !options.Privacy ? null
            : Timed("privacy", () => PrivacyReport.Compute(real, synthetic, holdout, schema, options.PrivacyRows, options.MaxRows, options.Seed));
        return new EvaluationResult(real.RowCount, synthetic.RowCount, holdout?.RowCount ?? 0, quality, validity, rules, utility, detection, privacy, seconds,
            Warnings(real, synthetic, holdout, schema, validity, utility));
    }

    /// <summary>Input problems that make numbers misleading.</summary>
    private static List<string> Warnings(RawTable real, RawTable synthetic, RawTable? holdout, TableSchema schema, ValidityReport validity, UtilityReport? utility)
    {
        var warnings = new List<string>();
        if (holdout is not null)
        {
            var columns = schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete).ToList();
            var keys = PrivacyReport.RowKeys(real, columns).ToHashSet();
            double overlap = PrivacyReport.RowKeys(holdout, columns).Count(keys.Contains) / (double)holdout.RowCount;
            if (overlap > 0.05)
                warnings.Add($"{(overlap * 100).ToString("F0", System.Globalization.CultureInfo.InvariantCulture)}% of the holdout rows are also in the real table: the holdout should be rows the model never saw, or TRTR and the privacy baselines are flattered.");
        }
        if (validity.MissingColumns.Count > 0)
            warnings.Add($"The synthetic table lacks {string.Join(", ", validity.MissingColumns)}; those columns are left out of every score.");
        if (utility is not null && utility.Models.Any(m => double.IsNaN(m.Tstr.Accuracy) && double.IsNaN(m.Tstr.R2)))
            warnings.Add($"No model could be trained on the synthetic table for '{utility.Task.Target.Name}' (one class only?); TSTR is missing.");
        if (synthetic.RowCount < 0.1 * real.RowCount)
            warnings.Add($"The synthetic table has {synthetic.RowCount:N0} rows against {real.RowCount:N0} real ones; its scores are noisier than the real table's.");
        return warnings;
    }

    /// <summary>A real table must have every modelled column of the schema.</summary>
    private static void CheckColumns(RawTable table, TableSchema schema)
    {
        foreach (var c in schema.Columns.Where(c => c.IsNumeric || c.IsDiscrete))
            if (table.IndexOf(c.Name) < 0)
                throw new TabularDataException(table.Source, $"there is no column '{c.Name}' (columns: {string.Join(", ", table.Columns)}).");
    }
}
