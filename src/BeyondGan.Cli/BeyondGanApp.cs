using BeyondGan.Cli.Commands;
using BeyondGan.Cli.Commands.Tabular;
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
            // Help and parse errors go to the same console as everything else (a test or a host may have replaced it).
            config.ConfigureConsole(AnsiConsole.Console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddBranch("tabular", tabular =>
            {
                tabular.SetDescription("Synthetic tables: inspect a schema, fit a conditional tabular GAN, sample from it, augment rare classes, evaluate the result.");
                tabular.AddCommand<TabularDemoCommand>("demo")
                    .WithDescription("Fit and sample the embedded demo table and print a quality summary (no data needed).")
                    .WithExample("tabular", "demo");
                tabular.AddCommand<TabularSchemaCommand>("schema")
                    .WithDescription("Show how each column of a table is read and modelled.")
                    .WithExample("tabular", "schema", "adult.csv");
                tabular.AddCommand<TabularFitCommand>("fit")
                    .WithDescription("Train a model on a CSV or Parquet table and save it to a .bgan file.")
                    .WithExample("tabular", "fit", "adult.csv", "--out", "adult.bgan", "--epochs", "300");
                tabular.AddCommand<TabularSampleCommand>("sample")
                    .WithDescription("Generate rows from a model, optionally with fixed category values.")
                    .WithExample("tabular", "sample", "adult.bgan", "--rows", "1000", "--out", "synthetic.csv", "--condition", "income=>50K");
                tabular.AddCommand<TabularAugmentCommand>("augment")
                    .WithDescription("Add synthetic rows of rare classes (GAN, SMOTE, SMOTE-NC or random copies) and write the augmented table.")
                    .WithExample("tabular", "augment", "adult.csv", "--target", "income", "--out", "augmented.csv", "--strategy", "ratio:0.5", "--method", "gan", "--filter", "classifier");
                tabular.AddCommand<TabularEvaluateCommand>("evaluate")
                    .WithDescription("Measure a synthetic table against the real one: fidelity, validity, utility, detection, privacy; JSON and an HTML report.")
                    .WithExample("tabular", "evaluate", "--real", "train.csv", "--synthetic", "synthetic.csv", "--holdout", "test.csv", "--target", "income", "--report", "report.html");
            });
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
            var line = CliErrors.OneLine(e);
            // Keep the error on one line whatever the console width (logs and scripts grep for it).
            var profile = AnsiConsole.Console.Profile;
            profile.Width = Math.Max(profile.Width, line.Length + 10);
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(line)}");
            return CliErrors.ExitCode(e);
        }
    }
}
