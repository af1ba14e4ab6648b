using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Evaluation.Fidelity;
using BeyondGan.Evaluation.Rules;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Demo;
using BeyondGan.Tabular.Model;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>
/// <c>beyondgan tabular demo</c>: generates the embedded customer table, fits a model, samples a synthetic copy and a
/// conditional one, and prints how close they are. No data or download needed.
/// </summary>
internal sealed class TabularDemoCommand : Command<TabularDemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--rows <N>"), Description("Rows of the demo table (default 5000)."), DefaultValue(5000)]
        public int Rows { get; init; } = 5000;

        [CommandOption("--epochs <N>"), Description("Training epochs (default 200)."), DefaultValue(200)]
        public int Epochs { get; init; } = 200;

        [CommandOption("--seed <S>"), Description("Seed of the fit and the draws (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--out <FOLDER>"), Description("Also write demo.csv, holdout.csv (fresh rows of the same kind), demo.bgan and synthetic.csv into this folder, ready for `tabular evaluate`.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (Rows < 50) return ValidationResult.Error("--rows must be at least 50.");
            if (Epochs < 1) return ValidationResult.Error("--epochs must be at least 1.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (Out is not null && !Directory.Exists(Out)) return ValidationResult.Error($"--out {Out}: the folder does not exist.");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var total = Stopwatch.StartNew();
        var real = DemoTable.Generate(settings.Rows);
        var schema = SchemaInference.Infer(real);
        AnsiConsole.MarkupLine($"[bold]Demo table[/]: {real.RowCount:N0} customers, columns " +
            Markup.Escape(string.Join(", ", schema.Columns.Select(c => $"{c.Name} ({c.Kind.ToString().ToLowerInvariant()})"))));
        var options = new CtganOptions { Epochs = settings.Epochs, Seed = settings.Seed };
        var prepared = CtganSynthesizer.Prepare(real, schema, options);
        RulesView.Write(prepared.Rules, "rules found in the table, kept in every generated row");
        using var model = prepared.CreateModel();
        var outcome = TrainingRun.Train(model, prepared, "demo", cancellationToken);
        if (outcome == TrainingOutcome.Cancelled)
        {
            AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.EpochsTrained} of {options.Epochs} epochs.[/]");
            return CliErrors.Interrupted;
        }
        double trainSeconds = total.Elapsed.TotalSeconds;
        var synthetic = model.Sample(real.RowCount, seed: settings.Seed);
        var report = QualityReport.Compute(real, synthetic, schema);
        PrintColumns(real, synthetic, report);
        AnsiConsole.MarkupLine($"Column shapes [bold]{report.ColumnShapes:P1}[/], column pair trends [bold]{report.ColumnPairTrends:P1}[/], " +
                               $"quality [bold]{report.Quality:P1}[/] (SDMetrics definitions; 100 % = identical distributions).");

        var rules = RulesReport.Compute(real, synthetic, schema).Rules.Where(r => r.Rule is not BeyondGan.Tabular.Rules.ValueRange).ToList();
        if (rules.Count > 0)
            AnsiConsole.MarkupLine(Markup.Escape($"Rules: {string.Join("; ", rules.Select(r => $"{r.Rule.Describe()} broken by {r.Synthetic.Broken:N0} of {r.Synthetic.Rows:N0} synthetic rows"))}."));
        var churners = model.Sample(1000, [new("churned", "yes")], settings.Seed + 1);
        double realTenure = MeanTenure(real, "yes"), synTenure = MeanTenure(churners, "yes");
        AnsiConsole.MarkupLine($"Conditional: 1,000 rows with churned=yes → {churners.Column("churned").Count(v => v == "yes"):N0} have it; " +
                               $"their mean tenure is {synTenure:F1} months (real churners {realTenure:F1}, all real customers {MeanTenure(real, null):F1}).");
        if (settings.Out is not null)
        {
            CsvTableWriter.Write(Path.Combine(settings.Out, "demo.csv"), real);
            CsvTableWriter.Write(Path.Combine(settings.Out, "holdout.csv"), DemoTable.Generate(Math.Max(50, settings.Rows / 2), seed: 8));
            CsvTableWriter.Write(Path.Combine(settings.Out, "synthetic.csv"), synthetic);
            TabularModelFile.Save(Path.Combine(settings.Out, "demo.bgan"), model);
            AnsiConsole.MarkupLine($"Wrote demo.csv, holdout.csv, synthetic.csv and demo.bgan to {Markup.Escape(settings.Out)}. For the full evaluation and an HTML report:");
            string dir = settings.Out;
            AnsiConsole.MarkupLine(Markup.Escape($"  beyondgan tabular evaluate --real {Path.Combine(dir, "demo.csv")} --synthetic {Path.Combine(dir, "synthetic.csv")} " +
                $"--holdout {Path.Combine(dir, "holdout.csv")} --target churned --model {Path.Combine(dir, "demo.bgan")} --report {Path.Combine(dir, "report.html")}"));
        }
        AnsiConsole.MarkupLine($"[grey]Trained {options.Epochs} epochs in {trainSeconds:F1} s; {total.Elapsed.TotalSeconds:F1} s in all.[/]");
        return 0;
    }

    private static void PrintColumns(RawTable real, RawTable synthetic, QualityReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("column").AddColumn("metric")
            .AddColumn(new TableColumn("score").RightAligned()).AddColumn(new TableColumn("missing real → synthetic").RightAligned());
        foreach (var s in report.Shapes)
            table.AddRow(Markup.Escape(s.Column), s.Metric, $"{s.Score:P1}", $"{s.RealMissingRate:P1} → {s.SyntheticMissingRate:P1}");
        AnsiConsole.Write(table);
    }

    private static double MeanTenure(RawTable t, string? churned)
    {
        var tenure = t.Column("tenure_months");
        var label = t.Column("churned");
        var values = Enumerable.Range(0, t.RowCount).Where(i => churned is null || label[i] == churned).Select(i => double.Parse(tenure[i]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }
}
