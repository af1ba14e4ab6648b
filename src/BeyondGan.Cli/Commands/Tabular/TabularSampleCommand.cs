using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary><c>beyondgan tabular sample MODEL.bgan --rows N --out OUT.csv</c>: generates a synthetic table.</summary>
internal sealed class TabularSampleCommand : Command<TabularSampleCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("A model file written by `tabular fit`.")]
        public string Model { get; init; } = "";

        [CommandOption("--rows <N>"), Description("Rows to generate (required).")]
        public int? Rows { get; init; }

        [CommandOption("--out <FILE.csv>"), Description("Where to write the CSV (required).")]
        public string? Out { get; init; }

        [CommandOption("--condition <COLUMN=VALUE>"), Description("Fix a categorical column's value in every row; repeat for several columns.")]
        public string[] Conditions { get; init; } = [];

        [CommandOption("--stratify <COLUMN>"), Description("Give a categorical column (e.g. the label) exactly its training proportions: surplus rows of an unconditional draw are replaced by rows generated with the missing levels.")]
        public string? Stratify { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the draw (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        public override ValidationResult Validate()
        {
            if (Rows is null) return ValidationResult.Error("--rows N is required.");
            if (Rows < 1) return ValidationResult.Error($"--rows must be at least 1, got {Rows}.");
            if (Out is null) return ValidationResult.Error("--out FILE.csv is required.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            foreach (var c in Conditions)
                if (c.IndexOf('=') <= 0) return ValidationResult.Error($"--condition {c}: expected COLUMN=VALUE.");
            return TableInputSettings.CheckOutput("--out", Out);
        }

        public List<KeyValuePair<string, string?>> ParsedConditions() =>
            Conditions.Select(c => { int i = c.IndexOf('='); return new KeyValuePair<string, string?>(c[..i].Trim(), c[(i + 1)..].Trim()); }).ToList();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var watch = Stopwatch.StartNew();
        using var model = TabularModelFile.Load(settings.Model);
        var table = model.Sample(settings.Rows!.Value, settings.ParsedConditions(), settings.Seed, settings.Out!, settings.Stratify);
        CsvTableWriter.Write(settings.Out!, table);
        var note = model.IsComplete ? "" : $" (the model was trained for {model.EpochsTrained} of {model.Options.Epochs} epochs)";
        AnsiConsole.MarkupLine($"Wrote {table.RowCount:N0} rows to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s{Markup.Escape(note)}.");
        return 0;
    }
}
