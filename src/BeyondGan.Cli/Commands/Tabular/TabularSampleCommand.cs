using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>
/// <c>beyondgan tabular sample MODEL.bgan --rows N --out OUT.csv [--shard K/N]</c>: generates a synthetic table, streamed
/// to disk chunk by chunk (flat memory at any size), or part K of N of it.
/// </summary>
internal sealed class TabularSampleCommand : Command<TabularSampleCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("A model file written by `tabular fit`.")]
        public string Model { get; init; } = "";

        [CommandOption("--rows <N>"), Description("Rows in the whole draw (required; with --shard, the rows of all parts together).")]
        public long? Rows { get; init; }

        [CommandOption("--out <FILE.csv>"), Description("Where to write the CSV (required).")]
        public string? Out { get; init; }

        [CommandOption("--condition <COLUMN=VALUE>"), Description("Fix a categorical column's value in every row; repeat for several columns.")]
        public string[] Conditions { get; init; } = [];

        [CommandOption("--stratify <COLUMN>"), Description("Give a categorical column (e.g. the label) exactly its training proportions: surplus rows of an unconditional draw are replaced by rows generated with the missing levels.")]
        public string? Stratify { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the draw (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--shard <K/N>"), Description("Write only part K of N of the draw (each part with the header): the parts, joined in order without their repeated headers, are byte for byte the file one process writes.")]
        public string? Shard { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N: where to run the generator, whatever the model was trained on."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Rows is null) return ValidationResult.Error("--rows N is required.");
            if (Rows < 1) return ValidationResult.Error($"--rows must be at least 1, got {Rows}.");
            if (Out is null) return ValidationResult.Error("--out FILE.csv is required.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (ConditionArguments.Check(Conditions) is { Successful: false } bad) return bad;
            if (Shard is not null)
                try { BeyondGan.Sampling.Shard.Parse(Shard); }
                catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            return TableInputSettings.CheckOutput("--out", Out);
        }

        public List<KeyValuePair<string, string?>> ParsedConditions() => ConditionArguments.Parse(Conditions);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var watch = Stopwatch.StartNew();
        using var model = TabularModelFile.Load(settings.Model, settings.Device);
        var shard = settings.Shard is null ? Shard.Whole : Shard.Parse(settings.Shard);
        var chunks = model.SampleChunks(settings.Rows!.Value, settings.ParsedConditions(), settings.Seed, settings.Out!, settings.Stratify, shard);
        long partRows = new DrawPlan(settings.Rows.Value, CtganSynthesizer.SampleChunkRows, shard, settings.Seed).PartRows;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var writer = CsvTableWriter.Create(settings.Out!, model.Columns, model.Format);
            SampleProgress.Run($"sampling {Path.GetFileName(settings.Out)}", partRows, watch, report =>
            {
                foreach (var chunk in chunks)
                {
                    if (cts.IsCancellationRequested) return false;
                    writer.Write(chunk);
                    report(writer.RowsWritten);
                }
                return true;
            });
            if (cts.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine($"[yellow]interrupted:[/] nothing was written to {Markup.Escape(settings.Out!)}.");
                return CliErrors.Interrupted;
            }
            writer.Commit();
            var part = settings.Shard is null ? "" : $" (part {shard} of a {settings.Rows.Value:N0}-row draw)";
            var note = model.IsComplete ? "" : $" (the model was trained for {model.EpochsTrained} of {model.Options.Epochs} epochs)";
            AnsiConsole.MarkupLine($"Wrote {writer.RowsWritten:N0} rows{Markup.Escape(part)} to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s " +
                $"({writer.RowsWritten / Math.Max(watch.Elapsed.TotalSeconds, 1e-9):N0} rows/s){Markup.Escape(note)}.");
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
