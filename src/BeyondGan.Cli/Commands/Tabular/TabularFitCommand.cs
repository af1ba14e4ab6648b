using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary><c>beyondgan tabular fit DATA --out MODEL.bgan</c>: trains a CTGAN-class model on a table.</summary>
internal sealed class TabularFitCommand : Command<TabularFitCommand.Settings>
{
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--out <MODEL.bgan>"), Description("Where to write the model (required).")]
        public string? Out { get; init; }

        [CommandOption("--history <FILE>"), Description("Write per-epoch losses (.csv or .json).")]
        public string? History { get; init; }

        public override ValidationResult Validate()
        {
            if (Out is null) return ValidationResult.Error("--out MODEL.bgan is required.");
            var v = base.Validate();
            if (!v.Successful) return v;
            v = CheckOutput("--out", Out);
            return v.Successful ? CheckOutput("--history", History) : v;
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var options = settings.Options(new CtganOptions());
        var watch = Stopwatch.StartNew();
        var table = settings.ReadTable();
        CtganSynthesizer.CheckEnoughRows(table);
        var schema = SchemaInference.Infer(table, settings.SchemaOptions());
        var prepared = CtganSynthesizer.Prepare(table, schema, options, settings.MaxCategories);
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"{table.RowCount:N0} rows, {schema.Columns.Count} columns read and encoded in {watch.Elapsed.TotalSeconds:F1} s " +
            $"({prepared.Transformer.Width} encoded values per row, condition vector {prepared.Transformer.ConditionWidth})")}[/]");
        using var model = prepared.CreateModel();
        watch.Restart();
        var outcome = TrainingRun.Train(model, prepared, Path.GetFileName(settings.Data), cancellationToken);
        TabularModelFile.Save(settings.Out!, model);
        if (settings.History is not null) model.History.Save(settings.History);
        if (outcome == TrainingOutcome.Cancelled)
        {
            AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.EpochsTrained} of {options.Epochs} epochs[/]; the model trained so far is saved to {Markup.Escape(settings.Out!)} and can sample.");
            return CliErrors.Interrupted;
        }
        AnsiConsole.MarkupLine($"Trained {options.Epochs} epochs in {watch.Elapsed.TotalSeconds:F1} s; model saved to {Markup.Escape(settings.Out!)}.");
        return 0;
    }
}
