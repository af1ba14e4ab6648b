using System.Text;
using System.Text.Json;
using BeyondGan.Evaluation.Utility;

namespace BeyondGan.Evaluation.Report;

/// <summary>
/// Writes an <see cref="EvaluationResult"/> as JSON under the stable names documented in docs/EVALUATION.md.
/// Every top-level key is always present; a metric that does not apply (no holdout, no target, a regression target)
/// is null. Headline utility keys (tstr_*, trtr_*) are the LightGbm model's.
/// </summary>
public static class MetricsJson
{
    /// <summary>Version of the key layout; raised when a key changes meaning or disappears.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The JSON text (indented, invariant culture, NaN as null).</summary>
    public static string Write(EvaluationResult r)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteNumber("real_rows", r.RealRows);
            w.WriteNumber("synthetic_rows", r.SyntheticRows);
            w.WriteNumber("holdout_rows", r.HoldoutRows);
            Number(w, "quality", r.Quality.Quality);
            Number(w, "column_shapes", r.Quality.ColumnShapes);
            Number(w, "column_pair_trends", r.Quality.ColumnPairTrends);
            Number(w, "valid_rows", r.Validity.ValidRows);
            Number(w, "rows_breaking_rules", r.Rules.SyntheticRowsBreakingAnyButRanges);
            Number(w, "rows_breaking_any_rule", r.Rules.SyntheticRowsBreakingAny);
            Number(w, "duplicate_rows", r.Validity.DuplicateRows);
            Number(w, "real_duplicate_rows", r.Validity.RealDuplicateRows);
            var lightGbm = r.Utility?.Models.First(m => m.Model == UtilityModel.LightGbm);
            Scores(w, "tstr_", lightGbm?.Tstr);
            Scores(w, "trtr_", lightGbm?.Trtr);
            Number(w, "detection_auc", r.Detection?.Auc);
            Number(w, "detection_score", r.Detection?.Score);
            var p = r.Privacy;
            Number(w, "dcr_synthetic_median", p?.DcrSyntheticMedian);
            Number(w, "dcr_synthetic_p05", p?.DcrSyntheticP05);
            Number(w, "dcr_holdout_median", p?.DcrHoldoutMedian);
            Number(w, "dcr_holdout_p05", p?.DcrHoldoutP05);
            Number(w, "nndr_synthetic_median", p?.NndrSyntheticMedian);
            Number(w, "nndr_holdout_median", p?.NndrHoldoutMedian);
            Number(w, "exact_copies", p?.ExactCopies);
            Number(w, "holdout_exact_copies", p?.HoldoutExactCopies);
            Number(w, "closer_to_train_share", p?.CloserToTrainShare);

            w.WriteStartArray("columns");
            foreach (var s in r.Quality.Shapes)
            {
                var v = r.Validity.Columns.FirstOrDefault(c => c.Column == s.Column);
                w.WriteStartObject();
                w.WriteString("name", s.Column);
                w.WriteString("metric", s.Metric);
                Number(w, "score", s.Score);
                Number(w, "real_missing_rate", s.RealMissingRate);
                Number(w, "synthetic_missing_rate", s.SyntheticMissingRate);
                Number(w, "out_of_range", v?.OutOfRange);
                Number(w, "unseen_categories", v?.UnseenCategories);
                Number(w, "wrong_type", v?.WrongType);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("column_pairs");
            foreach (var pair in r.Quality.Pairs)
            {
                w.WriteStartObject();
                w.WriteString("a", pair.ColumnA);
                w.WriteString("b", pair.ColumnB);
                w.WriteString("metric", pair.Metric);
                Number(w, "score", pair.Score);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rules");
            foreach (var rule in r.Rules.Rules)
            {
                w.WriteStartObject();
                w.WriteString("kind", rule.Kind);
                w.WriteString("rule", rule.Rule.Describe());
                w.WriteStartArray("columns");
                foreach (var c in rule.Rule.Columns) w.WriteStringValue(c);
                w.WriteEndArray();
                w.WriteNumber("real_rows", rule.Real.Rows);
                w.WriteNumber("real_broken", rule.Real.Broken);
                w.WriteNumber("synthetic_rows", rule.Synthetic.Rows);
                w.WriteNumber("synthetic_broken", rule.Synthetic.Broken);
                Number(w, "synthetic_broken_share", rule.Synthetic.BrokenShare);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in r.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteStartArray("missing_columns");
            foreach (var c in r.Validity.MissingColumns) w.WriteStringValue(c);
            w.WriteEndArray();

            if (r.Utility is { } u)
            {
                w.WriteStartObject("utility");
                w.WriteString("target", u.Task.Target.Name);
                w.WriteString("task", u.Task.Kind switch
                {
                    PredictionKind.BinaryClassification => "binary",
                    PredictionKind.MulticlassClassification => "multiclass",
                    _ => "regression",
                });
                if (u.Task.Positive is not null) w.WriteString("positive", u.Task.Positive);
                w.WriteNumber("synthetic_train_rows", u.TrainRows.Synthetic);
                w.WriteNumber("real_train_rows", u.TrainRows.Real);
                w.WriteNumber("test_rows", u.TestRows);
                foreach (var m in u.Models)
                {
                    w.WriteStartObject(m.Model == UtilityModel.LightGbm ? "lightgbm" : "linear");
                    w.WriteStartObject("tstr"); Scores(w, "", m.Tstr); w.WriteEndObject();
                    w.WriteStartObject("trtr"); Scores(w, "", m.Trtr); w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            else w.WriteNull("utility");
            if (r.Detection is { } d)
            {
                w.WriteStartObject("detection");
                w.WriteString("classifier", "lightgbm");
                w.WriteNumber("rows_per_table", d.RowsPerTable);
                w.WriteStartArray("fold_auc");
                foreach (var a in d.FoldAucs) w.WriteNumberValue(Math.Round(a, 6));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else w.WriteNull("detection");
            if (p is not null)
            {
                w.WriteStartObject("privacy");
                w.WriteString("distance", "gower");
                w.WriteNumber("queried_rows", p.QueriedRows);
                w.WriteNumber("reference_rows", p.ReferenceRows);
                w.WriteEndObject();
            }
            else w.WriteNull("privacy");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Scores(Utf8JsonWriter w, string prefix, PredictionScores? s)
    {
        Number(w, prefix + "f1", s?.F1);
        Number(w, prefix + "macro_f1", s?.MacroF1);
        Number(w, prefix + "accuracy", s?.Accuracy);
        Number(w, prefix + "roc_auc", s?.RocAuc);
        Number(w, prefix + "balanced_accuracy", s?.BalancedAccuracy);
        Number(w, prefix + "pr_auc", s?.PrAuc);
        Number(w, prefix + "r2", s?.R2);
        Number(w, prefix + "mae", s?.Mae);
    }

    /// <summary>Writes a number rounded to 6 decimals (stable text across runs), or null when missing or not finite.</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }
}
