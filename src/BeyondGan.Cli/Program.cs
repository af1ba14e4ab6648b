using BeyondGan.Cli;
using BeyondGan.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("beyondgan");
    config.PropagateExceptions();
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
