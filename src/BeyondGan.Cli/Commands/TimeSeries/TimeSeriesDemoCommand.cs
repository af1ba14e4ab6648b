using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Evaluation.Sequences;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Demo;
using BeyondGan.TimeSeries.Model;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary>
/// <c>beyondgan timeseries demo</c>: generates the embedded panel (<see cref="DemoPanel"/>: machines with static
/// attributes, irregular readings, a seasonal feature and a categorical state), fits a model, samples as many machines,
/// a conditional draw, and prints the scores. No data or download needed.
/// </summary>
internal sealed class TimeSeriesDemoCommand : Command<TimeSeriesDemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--machines <N>"), Description("Entities of the demo panel (default 300)."), DefaultValue(300)]
        public int Machines { get; init; } = 300;

        [CommandOption("--steps <N>"), Description("Generator steps of the sequence GAN (default 800)."), DefaultValue(800L)]
        public long Steps { get; init; } = 800;

        [CommandOption("--seed <S>"), Description("Seed of the fit and the draws (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--out <FOLDER>"), Description("Also write demo.csv, demo.bgan and synthetic.csv into this folder, ready for `timeseries evaluate`.")]
        public string? Out { get; init; }

        public override ValidationResult Validate()
        {
            if (Machines < 20) return ValidationResult.Error("--machines must be at least 20.");
            if (Steps < 1) return ValidationResult.Error("--steps must be at least 1.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (Out is not null && !Directory.Exists(Out)) return ValidationResult.Error($"--out {Out}: the folder does not exist.");
            return ValidationResult.Success();
        }
    }

    /// <summary>How the demo panel is read: its time and entity columns.</summary>
    internal static readonly SequenceOptions Reading = new() { Time = "timestamp", Entity = ["machine"] };

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var total = Stopwatch.StartNew();
        var raw = DemoPanel.Generate(settings.Machines);
        var real = SequenceReader.Read(raw, Reading);
        AnsiConsole.MarkupLine($"[bold]Demo panel[/]: {Markup.Escape(TimeSeriesSchemaCommand.Describe(real))}");
        AnsiConsole.MarkupLine(Markup.Escape("Columns: " + string.Join(", ", real.Schema.Columns.Select(c => $"{c.Name} ({c.Role.ToString().ToLowerInvariant()}, {c.Schema.Kind.ToString().ToLowerInvariant()})"))));
        // A short run (about 1.5 minutes on 2 cores), so a smaller batch than `timeseries fit`'s default.
        var options = new SequenceGanOptions { Steps = settings.Steps, Seed = settings.Seed, EntityMinimumSteps = 500, BatchSize = 64 };
        var (model, outcome) = TimeSeriesFitCommand.Fit(real, options, "demo", cancellationToken);
        using (model)
        {
            if (outcome == TrainingOutcome.Cancelled)
            {
                AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.StepsTrained:N0} of {options.Steps:N0} steps.[/]");
                return CliErrors.Interrupted;
            }
            AnsiConsole.MarkupLine($"Trained in {total.Elapsed.TotalSeconds:F1} s.");
            var sampled = model.Sample(settings.Machines, seed: settings.Seed);
            var synthetic = SequenceEvaluation.ReadSynthetic(real, sampled, Reading);
            var result = TimeSeriesEvaluateCommand.Run(real, synthetic, new SequenceEvaluationOptions { Repeats = 1, Seed = settings.Seed, ContextFid = false });
            TimeSeriesEvaluateCommand.Print(result);

            var coast = model.Sample(100, [new("site", "coast")], settings.Seed + 1);
            var machines = coast.Column("machine").Distinct().Count();
            var coastMachines = Enumerable.Range(0, coast.RowCount).Where(r => coast.Column("site")[r] == "coast").Select(r => coast.Column("machine")[r]).Distinct().Count();
            AnsiConsole.MarkupLine(Markup.Escape($"Conditional: {machines} machines drawn with site=coast → {coastMachines} have it; " +
                $"their mean temperature is {MeanTemperature(coast):F1} (real coast machines {MeanTemperature(Filter(raw, "site", "coast")):F1}, all real machines {MeanTemperature(raw):F1})."));
            if (settings.Out is not null)
            {
                CsvTableWriter.Write(Path.Combine(settings.Out, "demo.csv"), raw);
                CsvTableWriter.Write(Path.Combine(settings.Out, "synthetic.csv"), sampled);
                SequenceModelFile.Save(Path.Combine(settings.Out, "demo.bgan"), model);
                string dir = settings.Out;
                AnsiConsole.MarkupLine($"Wrote demo.csv, synthetic.csv and demo.bgan to {Markup.Escape(dir)}. For the full evaluation (K = 5, Context-FID) and an HTML report:");
                AnsiConsole.MarkupLine(Markup.Escape($"  beyondgan timeseries evaluate --real {Path.Combine(dir, "demo.csv")} --synthetic {Path.Combine(dir, "synthetic.csv")} --time timestamp --entity machine --report {Path.Combine(dir, "report.html")}"));
            }
        }
        AnsiConsole.MarkupLine($"[grey]demo finished in {total.Elapsed.TotalSeconds:F1} s[/]");
        return 0;
    }

    private static double MeanTemperature(RawTable t)
    {
        var values = t.Column("temperature").Where(v => v is not null).Select(v => double.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    private static RawTable Filter(RawTable t, string column, string value)
    {
        var keep = Enumerable.Range(0, t.RowCount).Where(r => t.Column(column)[r] == value).ToArray();
        return new RawTable(t.Source, t.Columns.ToList(), t.Columns.Select(c => keep.Select(r => t.Column(c)[r]).ToArray()).ToList(), keep.Select(r => t.Lines[r]).ToArray());
    }
}
