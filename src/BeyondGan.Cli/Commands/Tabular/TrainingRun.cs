using System.Diagnostics;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Model;
using BeyondGan.Training;
using Spectre.Console;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>Trains a prepared table with a progress bar (epoch, losses, rows/s, time left) and Ctrl+C handling.</summary>
internal static class TrainingRun
{
    /// <summary>Trains; on Ctrl+C the step in progress finishes and the outcome is <see cref="TrainingOutcome.Cancelled"/>.</summary>
    public static TrainingOutcome Train(CtganSynthesizer model, PreparedTable data, string title, CancellationToken external)
    {
        var warning = model.Options.Precision.EmulationWarning(TorchRuntime.ParseDevice(model.Options.Device),
            ComputePrecisionExtensions.CpuHasNativeBFloat16);
        if (warning is not null) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(external);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var watch = Stopwatch.StartNew();
            long total = model.StepsPerEpoch(data.Rows) * model.Options.Epochs;
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                var last = Stopwatch.StartNew();
                return model.Train(data, p =>
                {
                    if (last.Elapsed.TotalSeconds < 10 && p.Step != p.TotalSteps) return;
                    last.Restart();
                    AnsiConsole.MarkupLine(Markup.Escape(Describe(title, p, watch.Elapsed)));
                }, cts.Token);
            }
            TrainingOutcome outcome = TrainingOutcome.Completed;
            AnsiConsole.Progress()
                .AutoClear(true)
            .AutoRefresh(false) // refreshed from the training thread: see TieredCompilation in Directory.Build.props
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(title, maxValue: total);
                    outcome = model.Train(data, p =>
                    {
                        if (p.Step % 5 != 0 && p.Step != p.TotalSteps) return;
                        task.Value = p.Step;
                        task.Description = Markup.Escape(Describe(title, p, watch.Elapsed));
                        ctx.Refresh();
                    }, cts.Token);
                });
            return outcome;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Describe(string title, TrainingProgress p, TimeSpan elapsed)
    {
        double rowsPerSecond = p.Step * (double)p.BatchSize / Math.Max(elapsed.TotalSeconds, 1e-9);
        return $"{title} epoch {p.Epoch}/{p.Epochs}  D {p.CriticLoss,7:F3}  G {p.GeneratorLoss,7:F3}  {rowsPerSecond,8:N0} rows/s";
    }
}
