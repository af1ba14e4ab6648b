using System.Diagnostics;
using Spectre.Console;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>A progress bar (rows written, rows/s, time left) for writing a long draw; lines every 10 s where the console is not interactive.</summary>
internal static class SampleProgress
{
    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="unit"/> are written so far and returns false if it stopped early.</summary>
    public static bool Run(string title, long total, Stopwatch watch, Func<Action<long>, bool> work, string unit = "rows")
    {
        string Describe(long rows) => $"{title}  {rows:N0}/{total:N0} {unit}  {rows / Math.Max(watch.Elapsed.TotalSeconds, 1e-9),9:N0} {unit}/s";
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = Stopwatch.StartNew();
            return work(rows =>
            {
                if (last.Elapsed.TotalSeconds < 10) return;
                last.Restart();
                AnsiConsole.MarkupLine(Markup.Escape(Describe(rows)));
            });
        }
        bool finished = false;
        AnsiConsole.Progress()
            .AutoClear(true)
            .AutoRefresh(false) // refreshed from the sampling thread: see TieredCompilation in Directory.Build.props
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: Math.Max(1, total));
                finished = work(rows =>
                {
                    task.Value = rows;
                    task.Description = Markup.Escape(Describe(rows));
                    ctx.Refresh();
                });
            });
        return finished;
    }
}
