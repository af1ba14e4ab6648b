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

        [CommandOption("--focus-column <COLUMN[:SHARE]>"), Description("A categorical column you will predict from the synthetic data (a label): SHARE of each batch (default 0.25) is conditioned on it with its levels drawn evenly, so the generator learns each class as often. Sampling still gives its real frequencies.")]
        public string? FocusColumn { get; init; }

        /// <summary>The focus column and share parsed from <see cref="FocusColumn"/> (null when not given).</summary>
        public (string Column, double Share)? Focus() => FocusColumn is null ? null : CtganOptions.ParseFocus(FocusColumn);

        public override ValidationResult Validate()
        {
            if (Out is null) return ValidationResult.Error("--out MODEL.bgan is required.");
            if (Focus() is { } focus && (focus.Column.Length == 0 || !(focus.Share is > 0 and < 1)))
                return ValidationResult.Error($"--focus-column {FocusColumn}: expected COLUMN or COLUMN:SHARE with SHARE between 0 and 1.");
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
        if (settings.Focus() is var (focusColumn, focusShare))
        {
            var column = schema.Find(focusColumn);
            if (column?.Kind is not (ColumnKind.Categorical or ColumnKind.Boolean))
                throw new ArgumentException($"--focus-column {focusColumn}: {(column is null ? $"{Path.GetFileName(settings.Data)} has no column '{focusColumn}'" : $"'{focusColumn}' is {column.Kind.ToString().ToLowerInvariant()}, not a categorical or boolean column")}.");
            options = options with { FocusColumn = focusColumn, FocusShare = focusShare };
        }
        options = options.ForTable(table.RowCount, settings.EffectiveMinimumSteps(CtganOptions.DefaultMinimumSteps));
        var prepared = CtganSynthesizer.Prepare(table, schema, options, settings.MaxCategories, settings.Rules());
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"{table.RowCount:N0} rows, {schema.Columns.Count} columns read and encoded in {watch.Elapsed.TotalSeconds:F1} s " +
            $"({prepared.Transformer.Width} encoded values per row, condition vector {prepared.Transformer.ConditionWidth})")}[/]");
        RulesView.Write(prepared.Rules, settings.NoRules ? "rules (not kept: --no-rules)" : "rules kept in every generated row");
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
        AnsiConsole.MarkupLine($"Trained {options.Epochs} epochs ({model.StepsPerEpoch(prepared.Rows) * options.Epochs:N0} steps of {options.BatchSize} rows) in {watch.Elapsed.TotalSeconds:F1} s; model saved to {Markup.Escape(settings.Out!)}.");
        return 0;
    }
}
