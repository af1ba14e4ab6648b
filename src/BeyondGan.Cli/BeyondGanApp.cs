using BeyondGan.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli;

/// <summary>The <c>beyondgan</c> command line: its commands, and one-line errors with non-zero exit codes.</summary>
public static class BeyondGanApp
{
    /// <summary>Runs the command line with <paramref name="args"/> and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("beyondgan");
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<ToyCommand>("toy")
                .WithDescription("Train and evaluate on the 2-D mode-collapse benchmark (ring of 8 or grid of 25 Gaussians).")
                .WithExample("toy", "--dataset", "grid")
                .WithExample("toy", "--dataset", "ring", "--preset", "pacgan4", "--seed", "3", "--json", "ring.json", "--plot", "ring.png");
        });
        try
        {
            return app.Run(args);
        }
        catch (Exception e)
        {
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(CliErrors.OneLine(e))}");
            return CliErrors.ExitCode(e);
        }
    }
}
