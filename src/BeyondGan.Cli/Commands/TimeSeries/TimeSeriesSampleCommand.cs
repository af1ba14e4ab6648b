using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary>
/// <c>beyondgan timeseries sample MODEL.bgan --count N --out OUT.csv</c>: N new entities (or series) in the input's long
/// format, streamed to disk chunk by chunk, or part K of N of the draw.
/// </summary>
internal sealed class TimeSeriesSampleCommand : Command<TimeSeriesSampleCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("A model file written by `timeseries fit`.")]
        public string Model { get; init; } = "";

        [CommandOption("--count <N>"), Description("Entities (panel data) or series (a single-series model) in the whole draw (required).")]
        public long? Count { get; init; }

        [CommandOption("--out <FILE.csv>"), Description("Where to write the CSV (required).")]
        public string? Out { get; init; }

        [CommandOption("--length <L>"), Description("Steps of every sequence (default: panel data draws each entity's length; a single series its window). Longer than the training length continues the generator's recurrence.")]
        public int? Length { get; init; }

        [CommandOption("--condition <COLUMN=VALUE>"), Description("Fix a static attribute's value in every entity (exact, not by rejection); repeat for several.")]
        public string[] Conditions { get; init; } = [];

        [CommandOption("--seed <S>"), Description("Seed of the draw (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--shard <K/N>"), Description("Write only part K of N of the draw: the parts, joined in order without their repeated headers, are byte for byte the file one process writes.")]
        public string? Shard { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Count is null) return ValidationResult.Error("--count N is required.");
            if (Count < 1) return ValidationResult.Error($"--count must be at least 1, got {Count}.");
            if (Out is null) return ValidationResult.Error("--out FILE.csv is required.");
            if (Length is < 1) return ValidationResult.Error($"--length must be at least 1, got {Length}.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (ConditionArguments.Check(Conditions) is { Successful: false } bad) return bad;
            if (Shard is not null)
                try { BeyondGan.Sampling.Shard.Parse(Shard); }
                catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            return TableFormatSettings.CheckOutput("--out", Out);
        }

        public List<KeyValuePair<string, string?>> ParsedConditions() => ConditionArguments.Parse(Conditions);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var watch = Stopwatch.StartNew();
        using var model = SequenceModelFile.Load(settings.Model, settings.Device);
        var shard = settings.Shard is null ? BeyondGan.Sampling.Shard.Whole : BeyondGan.Sampling.Shard.Parse(settings.Shard);
        long count = settings.Count!.Value;
        var chunks = model.SampleChunks(count, settings.ParsedConditions(), settings.Seed, settings.Length, shard);
        long partSequences = new DrawPlan(count, model.ChunkSequences, shard, settings.Seed).PartRows;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            using var writer = CsvTableWriter.Create(settings.Out!, model.OutputColumns(count), model.State.Format);
            long sequences = 0;
            SampleProgress.Run($"sampling {Path.GetFileName(settings.Out)}", partSequences, watch, report =>
            {
                foreach (var chunk in chunks)
                {
                    if (cts.IsCancellationRequested) return false;
                    writer.Write(chunk);
                    sequences += Math.Min(model.ChunkSequences, partSequences - sequences);
                    report(sequences);
                }
                return true;
            }, model.State.Schema.IsPanel ? "entities" : "series");
            if (cts.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine($"[yellow]interrupted:[/] nothing was written to {Markup.Escape(settings.Out!)}.");
                return CliErrors.Interrupted;
            }
            writer.Commit();
            string what = model.State.Schema.IsPanel ? "entities" : "series";
            var part = settings.Shard is null ? "" : $" (part {shard} of a {count:N0}-{what[..^1]} draw)";
            var note = model.IsComplete ? "" : $" (the model was trained for {model.StepsTrained:N0} of {model.State.Options.TotalSteps:N0} steps)";
            AnsiConsole.MarkupLine($"Wrote {partSequences:N0} {what}, {writer.RowsWritten:N0} rows{Markup.Escape(part)} to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s " +
                $"({writer.RowsWritten / Math.Max(watch.Elapsed.TotalSeconds, 1e-9):N0} rows/s){Markup.Escape(note)}.");
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
