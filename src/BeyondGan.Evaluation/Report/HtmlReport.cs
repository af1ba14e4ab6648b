using System.Globalization;
using System.Net;
using System.Text;
using BeyondGan.Evaluation.Rules;
using BeyondGan.Evaluation.Utility;
using BeyondGan.Tabular.Rules;
using BeyondGan.Tabular.Data;
using BeyondGan.Training;

namespace BeyondGan.Evaluation.Report;

/// <summary>Names of the evaluated files, shown at the top of the report.</summary>
/// <param name="Real">The real (training) table.</param>
/// <param name="Synthetic">The synthetic table.</param>
/// <param name="Holdout">The real holdout table, or null.</param>
/// <param name="Model">The model file whose training curves are shown, or null.</param>
public sealed record ReportSources(string Real, string Synthetic, string? Holdout = null, string? Model = null);

/// <summary>
/// One self-contained HTML page a person reads: headline scores with a plain-words verdict, validity problems, each
/// column's real-vs-synthetic chart, the pair-trend heat map, utility, detection, privacy distances and training
/// curves. Charts are PNGs embedded as data URIs, so the file opens offline and can be mailed as it is. The same
/// inputs give the same bytes (no timestamps).
/// </summary>
public static class HtmlReport
{
    /// <summary>Most per-column charts drawn (worst-scoring columns first beyond this).</summary>
    public const int MaxColumnCharts = 60;

    /// <summary>The page's HTML text.</summary>
    public static string Build(EvaluationResult result, RawTable real, RawTable synthetic, TableSchema schema, ReportSources sources, MetricsHistory? training = null)
    {
        var q = result.Quality;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>Synthetic data report: {E(Path.GetFileName(sources.Synthetic))}</title><style>{Css}</style></head><body>\n");
        html.Append("<h1>Synthetic data report</h1>\n<p class=\"meta\">");
        html.Append($"Real (training) table <b>{E(sources.Real)}</b>: {result.RealRows:N0} rows · synthetic table <b>{E(sources.Synthetic)}</b>: {result.SyntheticRows:N0} rows");
        if (sources.Holdout is not null) html.Append($" · holdout <b>{E(sources.Holdout)}</b>: {result.HoldoutRows:N0} rows");
        if (sources.Model is not null) html.Append($" · model <b>{E(sources.Model)}</b>");
        html.Append("</p>\n");

        foreach (var warning in result.Warnings) html.Append($"<p class=\"warning\">⚠ {E(warning)}</p>\n");

        // Headline cards.
        html.Append("<div class=\"cards\">");
        Card(html, "Quality", Pct(q.Quality), Grade(q.Quality, 0.85, 0.7), "Mean of column shapes and pair trends (SDMetrics Quality Report); 100% = same distributions.");
        Card(html, "Column shapes", Pct(q.ColumnShapes), Grade(q.ColumnShapes, 0.85, 0.7), "How well each column's distribution is kept (KS / TV complement).");
        Card(html, "Column pair trends", Pct(q.ColumnPairTrends), Grade(q.ColumnPairTrends, 0.85, 0.7), "How well relations between columns are kept (correlation / contingency).");
        Card(html, "Valid rows", Pct(result.Validity.ValidRows), Grade(result.Validity.ValidRows, 0.99, 0.9), "Rows with no out-of-range, unseen or mistyped value.");
        if (result.Rules.Rules.Any(r => r.Rule is not ValueRange))
            Card(html, "Rows keeping every rule", Pct(1 - result.Rules.SyntheticRowsBreakingAnyButRanges), Grade(1 - result.Rules.SyntheticRowsBreakingAnyButRanges, 0.99, 0.9),
                "Synthetic rows that break none of the dependencies, orders, sums and missingness rules every real row obeys.");
        if (result.Utility is { } u)
        {
            var lgb = u.Models.First(m => m.Model == UtilityModel.LightGbm);
            if (u.Task.Kind == PredictionKind.Regression)
                Card(html, "Utility (R²)", $"{F(lgb.Tstr.R2)} <small>vs {F(lgb.Trtr.R2)} real</small>", Grade(Ratio(lgb.Tstr.R2, lgb.Trtr.R2), 0.9, 0.75),
                    $"LightGbm predicting {E(u.Task.Target.Name)}: trained on synthetic vs trained on real, both tested on the real holdout.");
            else
            {
                bool binary = u.Task.Kind == PredictionKind.BinaryClassification;
                double tstr = binary ? lgb.Tstr.F1 : lgb.Tstr.MacroF1, trtr = binary ? lgb.Trtr.F1 : lgb.Trtr.MacroF1;
                Card(html, binary ? "Utility (F1)" : "Utility (macro-F1)", $"{F(tstr)} <small>vs {F(trtr)} real</small>", Grade(Ratio(tstr, trtr), 0.9, 0.75),
                    $"LightGbm predicting {E(u.Task.Target.Name)}{(binary ? $" = {E(u.Task.Positive!)}" : "")}: trained on synthetic vs trained on real, both tested on the real holdout.");
            }
        }
        if (result.Detection is { } d)
            Card(html, "Detection AUC", F(d.Auc), Grade(1 - d.Auc, 0.35, 0.15), "How well a classifier tells synthetic rows from real ones; 0.5 = indistinguishable, 1 = always caught.");
        if (result.Privacy is { } p)
        {
            Card(html, "Exact copies", Pct(p.ExactCopies, 2), Grade(double.IsNaN(p.HoldoutExactCopies) ? 1 - p.ExactCopies * 20 : 1 - Math.Max(0, p.ExactCopies - p.HoldoutExactCopies) * 20, 0.9, 0.5),
                $"Synthetic rows identical to a training row{(double.IsNaN(p.HoldoutExactCopies) ? "" : $" (real holdout rows: {Pct(p.HoldoutExactCopies, 2)})")}.");
            if (!double.IsNaN(p.CloserToTrainShare))
                Card(html, "Closer to training rows", Pct(p.CloserToTrainShare), Grade(1 - Math.Abs(p.CloserToTrainShare - 0.5) * 4, 0.8, 0.5),
                    "Share of synthetic rows nearer to a training row than to a holdout row; about 50% when the model does not memorise.");
        }
        html.Append("</div>\n<p class=\"legend\"><span class=\"good\">■</span> good <span class=\"fair\">■</span> fair <span class=\"poor\">■</span> poor — rough guides, not guarantees.</p>\n");

        Validity(html, result);
        Rules(html, result.Rules);
        Columns(html, result, real, synthetic, schema);
        Pairs(html, result);
        if (result.Utility is { } utility) Utility(html, utility);
        if (result.Detection is { } detection)
        {
            html.Append("<h2>Detection</h2>\n<p>LightGbm tries to tell real rows from synthetic ones, ");
            html.Append($"{detection.RowsPerTable:N0} rows of each, {detection.FoldAucs.Count}-fold cross-validation. ");
            html.Append($"Mean ROC-AUC <b>{F(detection.Auc)}</b> (folds: {string.Join(", ", detection.FoldAucs.Select(F))}); SDMetrics detection score {F(detection.Score)}. ");
            html.Append("An AUC near 0.5 means the synthetic rows pass for real ones; near 1 means some pattern gives them away — look at the worst columns and pairs above.</p>\n");
        }
        if (result.Privacy is { } privacy) Privacy(html, privacy);
        if (training is not null && TrainingCurveChart.Png(training) is { } curves)
        {
            html.Append("<h2>Training</h2>\n<p>Per-epoch means of the training losses recorded in the model file. A critic loss that settles and a generator loss without runaway drift are what a healthy run looks like.</p>\n");
            Image(html, curves, "training curves");
        }
        html.Append("<p class=\"meta\">Made by BeyondGan ").Append(E(typeof(HtmlReport).Assembly.GetName().Version?.ToString(3) ?? "")).Append(". Metric definitions: docs/EVALUATION.md.</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Validity(StringBuilder html, EvaluationResult result)
    {
        var v = result.Validity;
        html.Append("<h2>Validity</h2>\n<p>");
        html.Append($"{Pct(v.ValidRows)} of synthetic rows have no value outside the real range, no unseen category and no mistyped value. ");
        html.Append($"Duplicated rows: {Pct(v.DuplicateRows, 2)} of synthetic rows repeat another synthetic row (real table: {Pct(v.RealDuplicateRows, 2)}).");
        if (v.MissingColumns.Count > 0) html.Append($" <b>Missing columns:</b> {E(string.Join(", ", v.MissingColumns))}.");
        if (v.ExtraColumns.Count > 0) html.Append($" Columns not in the real table (ignored): {E(string.Join(", ", v.ExtraColumns))}.");
        html.Append("</p>\n");
        var problems = v.Columns.Where(c => c.OutOfRange + c.UnseenCategories + c.WrongType > 0).ToList();
        if (problems.Count == 0) { html.Append("<p>No column has invalid values.</p>\n"); return; }
        html.Append("<table><tr><th>column</th><th>outside real range</th><th>unseen categories</th><th>wrong type</th><th>examples</th></tr>\n");
        foreach (var c in problems)
            html.Append($"<tr><td>{E(c.Column)}</td><td>{Pct(c.OutOfRange, 2)}</td><td>{Pct(c.UnseenCategories, 2)}</td><td>{Pct(c.WrongType, 2)}</td><td>{E(string.Join(", ", c.Examples))}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void Rules(StringBuilder html, RulesReport rules)
    {
        html.Append("<h2>Rules</h2>\n<p>Rules every real row obeys, found in the real table: a column that determines another, columns missing together, ");
        html.Append("one column never above another, a total that is the sum of its parts (to the data's rounding, with the few offsets the real table has), and each column's range. ");
        html.Append($"{Pct(rules.SyntheticRowsBreakingAnyButRanges)} of synthetic rows break at least one rule other than a range ({Pct(rules.SyntheticRowsBreakingAny)} counting ranges). Worst first.</p>\n");
        if (rules.Rules.Count == 0) { html.Append("<p>The real table has no such rule.</p>\n"); return; }
        html.Append("<table><tr><th>rule</th><th>kind</th><th>real rows breaking it</th><th>synthetic rows breaking it</th></tr>\n");
        foreach (var r in rules.Rules.OrderByDescending(r => r.Synthetic.BrokenShare).ThenBy(r => r.Rule is ValueRange ? 1 : 0))
            html.Append($"<tr><td>{E(r.Rule.Describe())}</td><td>{r.Kind}</td><td>{Pct(r.Real.BrokenShare, 2)}</td><td class=\"{(r.Synthetic.Broken == 0 ? "good" : r.Synthetic.BrokenShare < 0.01 ? "fair" : "poor")}\">{Pct(r.Synthetic.BrokenShare, 2)} <small>of {r.Synthetic.Rows:N0}</small></td></tr>\n");
        html.Append("</table>\n");
        if (rules.NotChecked.Count > 0) html.Append($"<p>Not checked (a column is missing from the synthetic table): {E(string.Join("; ", rules.NotChecked))}.</p>\n");
    }

    private static void Columns(StringBuilder html, EvaluationResult result, RawTable real, RawTable synthetic, TableSchema schema)
    {
        var shapes = result.Quality.Shapes;
        html.Append("<h2>Columns</h2>\n<p>Each column's shape score: 1 − Kolmogorov–Smirnov statistic for numbers and dates, 1 − total variation distance for categories. Worst first.</p>\n");
        html.Append("<table><tr><th>column</th><th>type</th><th>metric</th><th>score</th><th>missing real</th><th>missing synthetic</th></tr>\n");
        foreach (var s in shapes.OrderBy(s => s.Score))
        {
            var kind = schema.Find(s.Column)?.Kind.ToString().ToLowerInvariant() ?? "";
            html.Append($"<tr><td>{E(s.Column)}</td><td>{kind}</td><td>{s.Metric}</td><td>{Bar(s.Score)}</td><td>{Pct(s.RealMissingRate)}</td><td>{Pct(s.SyntheticMissingRate)}</td></tr>\n");
        }
        html.Append("</table>\n");
        var drawn = shapes.Count <= MaxColumnCharts ? shapes.ToList() : shapes.OrderBy(s => s.Score).Take(MaxColumnCharts).ToList();
        if (drawn.Count < shapes.Count) html.Append($"<p>Charts for the {MaxColumnCharts} worst columns of {shapes.Count}.</p>\n");
        var images = new byte[drawn.Count][];
        Parallel.For(0, drawn.Count, i =>
            images[i] = ColumnDistributionChart.Png(real, synthetic, schema.Find(drawn[i].Column)!, $"{drawn[i].Metric} {drawn[i].Score:F3}"));
        html.Append("<div class=\"grid\">");
        for (int i = 0; i < images.Length; i++) Image(html, images[i], $"distribution of {drawn[i].Column}");
        html.Append("</div>\n");
    }

    private static void Pairs(StringBuilder html, EvaluationResult result)
    {
        var pairs = result.Quality.Pairs;
        if (pairs.Count == 0) return;
        html.Append("<h2>Column pairs</h2>\n<p>Darker is better: each cell is 1 − the pair's trend similarity — half the correlation difference for two numeric columns, ");
        html.Append("the total variation distance of the two-way table otherwise (numbers in 10 equal-width bins).</p>\n");
        Image(html, PairTrendHeatMap.Png(result.Quality), "pair trend differences");
        html.Append("<table><tr><th>worst pairs</th><th>metric</th><th>score</th></tr>\n");
        foreach (var p in pairs.OrderBy(p => p.Score).Take(10))
            html.Append($"<tr><td>{E(p.ColumnA)} × {E(p.ColumnB)}</td><td>{p.Metric}</td><td>{Bar(p.Score)}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void Utility(StringBuilder html, UtilityReport u)
    {
        string what = u.Task.Kind switch
        {
            PredictionKind.BinaryClassification => $"binary classification of {E(u.Task.Target.Name)} (positive class {E(u.Task.Positive!)})",
            PredictionKind.MulticlassClassification => $"{u.Task.Classes.Count}-class classification of {E(u.Task.Target.Name)}",
            _ => $"regression of {E(u.Task.Target.Name)}",
        };
        html.Append($"<h2>Utility</h2>\n<p>Task: {what}. Each model is trained once on the synthetic table ({u.TrainRows.Synthetic:N0} rows, TSTR) and once on the real table ");
        html.Append($"({u.TrainRows.Real:N0} rows, TRTR), and both are tested on the real holdout ({u.TestRows:N0} rows). The closer TSTR is to TRTR, the more useful the synthetic data.</p>\n");
        bool regression = u.Task.Kind == PredictionKind.Regression;
        html.Append(regression
            ? "<table><tr><th>model</th><th>trained on</th><th>R²</th><th>MAE</th></tr>\n"
            : "<table><tr><th>model</th><th>trained on</th><th>F1</th><th>macro-F1</th><th>accuracy</th><th>ROC-AUC</th></tr>\n");
        foreach (var m in u.Models)
            foreach (var (label, s) in new[] { ("synthetic (TSTR)", m.Tstr), ("real (TRTR)", m.Trtr) })
                html.Append(regression
                    ? $"<tr><td>{m.Model}</td><td>{label}</td><td>{F(s.R2)}</td><td>{F(s.Mae)}</td></tr>\n"
                    : $"<tr><td>{m.Model}</td><td>{label}</td><td>{F(s.F1)}</td><td>{F(s.MacroF1)}</td><td>{F(s.Accuracy)}</td><td>{F(s.RocAuc)}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void Privacy(StringBuilder html, Privacy.PrivacyReport p)
    {
        html.Append("<h2>Privacy</h2>\n<p>Distance to the closest training record (DCR, Gower's distance over the modelled columns: 0 = an identical row, 1 = different in every column) ");
        html.Append($"for {p.QueriedRows:N0} synthetic rows against {p.ReferenceRows:N0} training rows. Real holdout rows, which the model never saw, give the baseline: ");
        html.Append("synthetic rows should sit no closer to the training rows than they do.</p>\n");
        html.Append("<table><tr><th></th><th>synthetic → train</th><th>holdout → train</th></tr>\n");
        html.Append($"<tr><td>exact copies of a training row</td><td>{Pct(p.ExactCopies, 2)}</td><td>{Pct(p.HoldoutExactCopies, 2)}</td></tr>\n");
        html.Append($"<tr><td>median DCR</td><td>{F(p.DcrSyntheticMedian)}</td><td>{F(p.DcrHoldoutMedian)}</td></tr>\n");
        html.Append($"<tr><td>5th percentile DCR</td><td>{F(p.DcrSyntheticP05)}</td><td>{F(p.DcrHoldoutP05)}</td></tr>\n");
        html.Append($"<tr><td>median nearest-neighbour distance ratio</td><td>{F(p.NndrSyntheticMedian)}</td><td>{F(p.NndrHoldoutMedian)}</td></tr>\n");
        html.Append($"<tr><td>closer to a training row than to a holdout row</td><td>{Pct(p.CloserToTrainShare)}</td><td>50% expected</td></tr>\n");
        html.Append("</table>\n");
        Image(html, DistanceHistogram.Png(p.SyntheticDcr, p.HoldoutDcr), "distance to closest record");
    }

    internal static void Card(StringBuilder html, string title, string value, string grade, string help) =>
        html.Append($"<div class=\"card {grade}\"><div class=\"title\">{title}</div><div class=\"value\">{value}</div><div class=\"help\">{help}</div></div>");

    internal static void Image(StringBuilder html, byte[] png, string alt) =>
        html.Append($"<img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">\n");

    private static string Bar(double score) => double.IsFinite(score)
        ? $"<span class=\"bar\"><span style=\"width:{Math.Clamp(score, 0, 1) * 100:F0}%\"></span></span> {score.ToString("F3", CultureInfo.InvariantCulture)}"
        : "–";

    internal static string Grade(double value, double good, double fair) =>
        !double.IsFinite(value) ? "none" : value >= good ? "good" : value >= fair ? "fair" : "poor";

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Pct(double v, int decimals = 1) => double.IsFinite(v) ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : "–";

    private static string E(string s) => WebUtility.HtmlEncode(s);

    internal const string Css = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.45}
        h1{margin-bottom:.2em} h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
        .meta{color:#666;font-size:.9em}
        .warning{background:#fff4d6;border-left:6px solid #e6a700;padding:8px 12px;border-radius:4px}
        .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:1em}
        .card{flex:1 1 200px;border-radius:8px;padding:10px 14px;background:#f6f6f6;border-left:6px solid #bbb}
        .card.good{border-color:#2ca02c}.card.fair{border-color:#e6a700}.card.poor{border-color:#d62728}
        .card .title{font-size:.85em;color:#555;text-transform:uppercase;letter-spacing:.03em}
        .card .value{font-size:1.7em;font-weight:600}.card .value small{font-size:.5em;color:#666;font-weight:400}
        .card .help{font-size:.8em;color:#666}
        .legend{font-size:.85em;color:#666}.good{color:#2ca02c}.fair{color:#e6a700}.poor{color:#d62728}
        table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
        th,td{border-bottom:1px solid #e3e3e3;padding:4px 10px;text-align:left}
        th{background:#fafafa}
        .bar{display:inline-block;width:80px;height:9px;background:#eee;border-radius:4px;vertical-align:middle}
        .bar span{display:block;height:100%;background:#1f77b4;border-radius:4px}
        .grid{display:flex;flex-wrap:wrap;gap:10px}
        img{max-width:100%;border:1px solid #eee;border-radius:4px}
        """;
}
