using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using BeyondGan.Evaluation;
using BeyondGan.Evaluation.Report;
using BeyondGan.Evaluation.Utility;
using BeyondGan.IO;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>
/// <c>beyondgan tabular evaluate --real TRAIN --synthetic SYN [--holdout TEST] [--target COL] [--report R.html] [--json M.json]</c>:
/// fidelity, validity, utility, detection and privacy of a synthetic table, as a console summary, JSON and an HTML report.
/// </summary>
internal sealed class TabularEvaluateCommand : Command<TabularEvaluateCommand.Settings>
{
    public sealed class Settings : TableFormatSettings
    {
        [CommandOption("--real <FILE>"), Description("The real table the synthetic one was made from (the model's training data). Required.")]
        public string? Real { get; init; }

        [CommandOption("--synthetic <FILE>"), Description("The synthetic table. Required.")]
        public string? Synthetic { get; init; }

        [CommandOption("--holdout <FILE>"), Description("Real rows the model never saw: the test set of the utility test and the privacy baseline.")]
        public string? Holdout { get; init; }

        [CommandOption("--target <COLUMN>"), Description("Column to predict in the utility test (needs --holdout): categorical → classification, numeric → regression.")]
        public string? Target { get; init; }

        [CommandOption("--positive <CLASS>"), Description("Positive class of a binary target (default: the rarer class).")]
        public string? Positive { get; init; }

        [CommandOption("--model <FILE.bgan>"), Description("The model that made the synthetic table: its column types are used and its training curves go in the report.")]
        public string? Model { get; init; }

        [CommandOption("--report <FILE.html>"), Description("Write a self-contained HTML report.")]
        public string? Report { get; init; }

        [CommandOption("--json <FILE.json>"), Description("Write every metric as JSON (names in docs/EVALUATION.md).")]
        public string? Json { get; init; }

        [CommandOption("--max-rows <N>"), Description("Rows per table used by utility, detection and the privacy search (default 50000); fidelity uses all rows."), DefaultValue(50_000)]
        public int MaxRows { get; init; } = 50_000;

        [CommandOption("--privacy-rows <N>"), Description("Synthetic and holdout rows whose closest-record distance is measured (default 5000)."), DefaultValue(5_000)]
        public int PrivacyRows { get; init; } = 5_000;

        [CommandOption("--folds <N>"), Description("Cross-validation folds of the detection test (default 5)."), DefaultValue(5)]
        public int Folds { get; init; } = 5;

        [CommandOption("--seed <S>"), Description("Seed of subsamples, folds and classifiers (default 0)."), DefaultValue(0)]
        public int Seed { get; init; }

        [CommandOption("--no-detection"), Description("Skip the detection test.")]
        public bool NoDetection { get; init; }

        [CommandOption("--no-privacy"), Description("Skip the privacy distances.")]
        public bool NoPrivacy { get; init; }

        public override ValidationResult Validate()
        {
            if (Real is null) return ValidationResult.Error("--real FILE is required (the table the synthetic one was made from).");
            if (Synthetic is null) return ValidationResult.Error("--synthetic FILE is required.");
            if (Target is not null && Holdout is null) return ValidationResult.Error($"--target {Target} needs --holdout FILE: the utility test scores models on real rows they were not trained on.");
            if (Positive is not null && Target is null) return ValidationResult.Error("--positive needs --target.");
            if (Model is not null && (Discrete ?? Ignore ?? Metadata) is not null)
                return ValidationResult.Error("--discrete, --ignore and --metadata cannot be combined with --model: the model file fixes the column types.");
            if (MaxRows < 10) return ValidationResult.Error("--max-rows must be at least 10.");
            if (PrivacyRows < 1) return ValidationResult.Error("--privacy-rows must be at least 1.");
            if (Folds < 2) return ValidationResult.Error("--folds must be at least 2.");
            foreach (var (flag, path) in new[] { ("--report", Report), ("--json", Json) })
                if (CheckOutput(flag, path) is { Successful: false } bad) return bad;
            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var real = settings.ReadTable(settings.Real!);
        var synthetic = settings.ReadTable(settings.Synthetic!);
        var holdout = settings.Holdout is null ? null : settings.ReadTable(settings.Holdout);
        TableSchema schema;
        MetricsHistory? history = null;
        if (settings.Model is not null)
        {
            var model = TabularModelFile.ReadSummary(settings.Model);
            schema = model.Schema;
            history = model.History;
        }
        else
            schema = SchemaInference.Infer(real, settings.SchemaOptions(categoryLimit: int.MaxValue)); // nothing is one-hot encoded here
        var options = new EvaluationOptions
        {
            Target = settings.Target, Positive = settings.Positive, MaxRows = settings.MaxRows, PrivacyRows = settings.PrivacyRows,
            DetectionFolds = settings.Folds, Seed = settings.Seed, Detection = !settings.NoDetection, Privacy = !settings.NoPrivacy,
        };
        EvaluationResult result = null!;
        AnsiConsole.Status().Start("Evaluating…", ctx =>
            result = TableEvaluation.Evaluate(real, synthetic, holdout, schema, options, new Progress<string>(stage => ctx.Status($"Evaluating: {stage}…"))));
        Summary(result, settings);
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, MetricsJson.Write(result));
        if (settings.Report is not null)
        {
            var sources = new ReportSources(Path.GetFileName(settings.Real!), Path.GetFileName(settings.Synthetic!),
                settings.Holdout is null ? null : Path.GetFileName(settings.Holdout), settings.Model is null ? null : Path.GetFileName(settings.Model));
            AtomicFile.WriteAllText(settings.Report, HtmlReport.Build(result, real, synthetic, schema, sources, history));
        }
        var written = new[] { settings.Json, settings.Report }.Where(p => p is not null).ToList();
        AnsiConsole.MarkupLine($"Evaluated in {watch.Elapsed.TotalSeconds:F1} s{(written.Count > 0 ? "; wrote " + Markup.Escape(string.Join(", ", written)) : "")}.");
        return 0;
    }

    private static void Summary(EvaluationResult r, Settings settings)
    {
        var view = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(Path.GetFileName(settings.Synthetic!))} ({r.SyntheticRows:N0} rows) vs {Markup.Escape(Path.GetFileName(settings.Real!))} ({r.RealRows:N0} rows)")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("meaning");
        var q = r.Quality;
        view.AddRow("quality", Pct(q.Quality), "mean of column shapes and pair trends (1 = same)");
        view.AddRow("  column shapes", Pct(q.ColumnShapes), "KS / TV complement per column");
        view.AddRow("  column pair trends", Pct(q.ColumnPairTrends), "correlation / contingency similarity per pair");
        var worst = q.Shapes.OrderBy(s => s.Score).Take(3).Select(s => $"{s.Column} {s.Score:F2}");
        view.AddRow("  worst columns", "", Markup.Escape(string.Join(", ", worst)));
        view.AddRow("valid rows", Pct(r.Validity.ValidRows), "no value out of range, unseen or mistyped");
        view.AddRow("duplicate rows", Pct(r.Validity.DuplicateRows, 2), $"synthetic rows repeating another (real {Pct(r.Validity.RealDuplicateRows, 2)})");
        var rules = r.Rules.Rules.Where(x => x.Rule is not BeyondGan.Tabular.Rules.ValueRange).ToList();
        if (rules.Count > 0)
        {
            view.AddRow("rows breaking rules", Pct(r.Rules.SyntheticRowsBreakingAnyButRanges, 2), $"break one of the {rules.Count} rules every real row obeys (ranges aside)");
            foreach (var rule in rules.OrderByDescending(x => x.Synthetic.BrokenShare))
                view.AddRow("  " + Markup.Escape(rule.Rule.Describe()), Pct(rule.Synthetic.BrokenShare, 2), $"synthetic rows breaking it (real {Pct(rule.Real.BrokenShare, 2)})");
        }
        if (r.Validity.MissingColumns.Count > 0) view.AddRow("[red]missing columns[/]", r.Validity.MissingColumns.Count.ToString(), Markup.Escape(string.Join(", ", r.Validity.MissingColumns)));
        if (r.Utility is { } u)
        {
            bool regression = u.Task.Kind == PredictionKind.Regression;
            string metric = u.Task.Kind switch { PredictionKind.BinaryClassification => "F1", PredictionKind.MulticlassClassification => "macro-F1", _ => "R²" };
            foreach (var m in u.Models)
            {
                double Pick(PredictionScores s) => u.Task.Kind switch { PredictionKind.BinaryClassification => s.F1, PredictionKind.MulticlassClassification => s.MacroF1, _ => s.R2 };
                string extra = regression ? $"MAE {F(m.Tstr.Mae)} vs {F(m.Trtr.Mae)}" : $"AUC {F(m.Tstr.RocAuc)} vs {F(m.Trtr.RocAuc)}, accuracy {F(m.Tstr.Accuracy)} vs {F(m.Trtr.Accuracy)}";
                view.AddRow($"utility {metric} ({m.Model})", $"{F(Pick(m.Tstr))} / {F(Pick(m.Trtr))}",
                    Markup.Escape($"trained on synthetic / on real, tested on holdout ({u.Task.Target.Name}{(u.Task.Positive is null ? "" : " = " + u.Task.Positive)}); {extra}"));
            }
        }
        if (r.Detection is { } d) view.AddRow("detection AUC", F(d.Auc), $"real vs synthetic classifier, {d.FoldAucs.Count}-fold (0.5 = indistinguishable)");
        if (r.Privacy is { } p)
        {
            view.AddRow("exact copies", Pct(p.ExactCopies, 2), double.IsNaN(p.HoldoutExactCopies) ? "synthetic rows equal to a training row" : $"synthetic rows equal to a training row (holdout {Pct(p.HoldoutExactCopies, 2)})");
            view.AddRow("DCR median", F(p.DcrSyntheticMedian), double.IsNaN(p.DcrHoldoutMedian) ? "distance to closest training row" : $"distance to closest training row (holdout {F(p.DcrHoldoutMedian)})");
            if (!double.IsNaN(p.CloserToTrainShare)) view.AddRow("closer to train", Pct(p.CloserToTrainShare), "nearer a training than a holdout row (≈ 50% = no memorising)");
        }
        AnsiConsole.Write(view);
        foreach (var warning in r.Warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";
    private static string Pct(double v, int decimals = 1) => double.IsFinite(v) ? (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + "%" : "–";
}
