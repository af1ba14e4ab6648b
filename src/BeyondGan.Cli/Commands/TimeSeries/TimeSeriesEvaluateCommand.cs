using System.ComponentModel;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Evaluation.Report;
using BeyondGan.Evaluation.Sequences;
using BeyondGan.IO;
using BeyondGan.Runtime;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary>
/// <c>beyondgan timeseries evaluate --real R --synthetic S</c>: the TimeGAN protocol's scores (K repeats), Context-FID,
/// correlational, autocorrelation and marginal distances, lengths and attributes; JSON and a self-contained HTML report.
/// </summary>
internal sealed class TimeSeriesEvaluateCommand : Command<TimeSeriesEvaluateCommand.Settings>
{
    public sealed class Settings : SequenceReadSettings
    {
        [CommandOption("--real <FILE>"), Description("The real long-format table (required).")]
        public string? Real { get; init; }

        [CommandOption("--synthetic <FILE>"), Description("The synthetic table in the same format (required); read with the real table's columns and roles.")]
        public string? Synthetic { get; init; }

        [CommandOption("--repeats <K>"), Description("Repeats of the trained scores (discriminative, predictive, Context-FID), each with its own seed; mean ± sd (default 5)."), DefaultValue(5)]
        public int Repeats { get; init; } = 5;

        [CommandOption("--seed <S>"), Description("Seed of the first repeat (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--no-context-fid"), Description("Skip Context-FID (it trains an encoder per repeat).")]
        public bool NoContextFid { get; init; }

        [CommandOption("--json <FILE>"), Description("Write every score as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--report <FILE.html>"), Description("Write a self-contained HTML report (PCA and t-SNE of the windows, traces, autocorrelations, scores beside the published anchors).")]
        public string? Report { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads for Context-FID (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        public override ValidationResult Validate()
        {
            if (Real is null) return ValidationResult.Error("--real FILE is required.");
            if (Synthetic is null) return ValidationResult.Error("--synthetic FILE is required.");
            if (Repeats < 1) return ValidationResult.Error($"--repeats must be at least 1, got {Repeats}.");
            var v = base.Validate();
            if (!v.Successful) return v;
            v = TableFormatSettings.CheckOutput("--json", Json);
            return v.Successful ? TableFormatSettings.CheckOutput("--report", Report) : v;
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var real = settings.Read(settings.Real!);
        var synthetic = SequenceEvaluation.ReadSynthetic(real, settings.ReadTable(settings.Synthetic!), settings.Options());
        var options = new SequenceEvaluationOptions { Repeats = settings.Repeats, Seed = settings.Seed, ContextFid = !settings.NoContextFid };
        var result = Run(real, synthetic, options);
        Print(result);
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, result.ToJson());
        if (settings.Report is not null)
        {
            AtomicFile.WriteAllText(settings.Report, SequenceHtmlReport.Build(result, real, synthetic, new ReportSources(Path.GetFileName(settings.Real!), Path.GetFileName(settings.Synthetic!))));
            AnsiConsole.MarkupLine($"Report written to {Markup.Escape(settings.Report)}.");
        }
        return 0;
    }

    /// <summary>Computes the scores with a status line per stage.</summary>
    internal static SequenceEvaluationResult Run(SequenceTable real, SequenceTable synthetic, SequenceEvaluationOptions options)
    {
        SequenceEvaluationResult result = null!;
        if (!AnsiConsole.Profile.Capabilities.Interactive) return SequenceEvaluation.Compute(real, synthetic, options);
        AnsiConsole.Status().Start("scoring", ctx => result = SequenceEvaluation.Compute(real, synthetic, options, stage => { ctx.Status(Markup.Escape(stage)); ctx.Refresh(); }));
        return result;
    }

    /// <summary>Prints the scores as a table with the published anchors' meaning beside them.</summary>
    internal static void Print(SequenceEvaluationResult r)
    {
        var t = new Table().Border(TableBorder.Rounded).Title($"{r.SyntheticSequences:N0} synthetic against {r.RealSequences:N0} real sequences of {r.Length} steps ({r.Features} inputs per step)")
            .AddColumn("score").AddColumn(new TableColumn("value").RightAligned()).AddColumn("reads");
        t.AddRow("discriminative", r.Discriminative.Format(), $"|accuracy − 0.5| of a post-hoc GRU, K = {r.Repeats}; 0 = indistinguishable, 0.5 = always told apart");
        if (r.Predictive is not null)
            t.AddRow("predictive (synthetic → real)", r.Predictive.Format(), $"MAE of next-step prediction trained on synthetic; the real data's own: {r.PredictiveReal!.Format()}");
        if (r.ContextFid is not null) t.AddRow("Context-FID", r.ContextFid.Format(), "Fréchet distance of TS2Vec embeddings; 0 = same distribution");
        t.AddRow("correlational", r.Correlational.ToString("F3"), "Σ |difference| of the features' cross-correlations (Diffusion-TS); 0 best");
        t.AddRow("autocorrelation", r.Autocorrelation.ToString("F3"), "mean |ACF difference| over lags 1–10; 0 best");
        t.AddRow("marginal KS", r.MarginalKs.ToString("F3"), "mean Kolmogorov–Smirnov statistic per feature; 0 best");
        if (r.LengthKs is double l) t.AddRow("lengths KS", l.ToString("F3"), "Kolmogorov–Smirnov statistic of the sequence lengths; 0 best");
        if (r.AttributeQuality is double q) t.AddRow("static attributes", q.ToString("P1"), "SDMetrics quality of the entities' attributes; 100 % best");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"[grey]scored in {r.Seconds:F1} s[/]");
    }
}
