using BeyondGan.Cli;
using Spectre.Console;

namespace BeyondGan.Cli.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    private static readonly object Gate = new();

    public static (int Exit, string Output) Run(params string[] args)
    {
        lock (Gate)
        {
            var writer = new StringWriter();
            var previous = AnsiConsole.Console;
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            try
            {
                int exit = BeyondGanApp.Run(args);
                return (exit, writer.ToString());
            }
            finally
            {
                AnsiConsole.Console = previous;
            }
        }
    }
}
