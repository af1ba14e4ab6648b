using System.Diagnostics;
using Spectre.Console;

namespace BeyondGan.Cli.Commands;

/// <summary>
/// A progress bar for training that reports (phase, step, steps) — one task per phase, time left, steps/s — refreshed
/// from the training thread (see TieredCompilation in Directory.Build.props), and Ctrl+C turned into a cancellation the
/// training loop honours at a step boundary. Lines every 10 s where the console is not interactive.
/// </summary>
internal static class TrainingProgressBar
{
    /// <summary>Runs <paramref name="train"/> with a progress callback and a token cancelled by Ctrl+C; returns what it returns.</summary>
    public static T Run<T>(string title, CancellationToken external, Func<Action<string, long, long>, CancellationToken, T> train)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(external);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var watch = Stopwatch.StartNew();
            if (!AnsiConsole.Profile.Capabilities.Interactive)
            {
                var last = Stopwatch.StartNew();
                return train((phase, step, total) =>
                {
                    if (last.Elapsed.TotalSeconds < 10 && step != total) return;
                    last.Restart();
                    AnsiConsole.MarkupLine(Markup.Escape($"{title} {phase} {step:N0}/{total:N0} steps ({watch.Elapsed.TotalSeconds:F0} s)"));
                }, cts.Token);
            }
            T result = default!;
            AnsiConsole.Progress()
                .AutoClear(true)
                .AutoRefresh(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var phaseWatch = Stopwatch.StartNew();
                    result = train((phase, step, total) =>
                    {
                        if (!tasks.TryGetValue(phase, out var task))
                        {
                            foreach (var t in tasks.Values) t.StopTask();
                            tasks[phase] = task = ctx.AddTask(Markup.Escape($"{title} {phase}"), maxValue: Math.Max(1, total));
                            phaseWatch.Restart();
                        }
                        if (step % 5 != 0 && step != total) return;
                        task.Value = step;
                        task.Description = Markup.Escape($"{title} {phase} {step:N0}/{total:N0}  {step / Math.Max(phaseWatch.Elapsed.TotalSeconds, 1e-9),6:F1} steps/s");
                        ctx.Refresh();
                    }, cts.Token);
                });
            return result;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
