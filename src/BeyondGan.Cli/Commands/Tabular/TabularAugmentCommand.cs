using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Augmentation;
using BeyondGan.Runtime;
using BeyondGan.Tabular.Data;
using BeyondGan.Tabular.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Tabular;

/// <summary>
/// <c>beyondgan tabular augment DATA --target COL --out AUGMENTED.csv [--strategy …] [--method …] [--filter …]</c>:
/// the real rows plus synthetic rows of the classes that need them.
/// </summary>
internal sealed class TabularAugmentCommand : Command<TabularAugmentCommand.Settings>
{
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--target <COLUMN>"), Description("The class column (required).")]
        public string? Target { get; init; }

        [CommandOption("--out <FILE.csv>"), Description("Where to write the real rows followed by the synthetic ones (required).")]
        public string? Out { get; init; }

        [CommandOption("--strategy <S>"), Description("balance (default: every class up to the largest), ratio:R (every class up to R × the largest), or count:CLASS=N[[,CLASS=N]] (totals)."), DefaultValue("balance")]
        public string Strategy { get; init; } = "balance";

        [CommandOption("--method <M>"), Description("gan (default), smote (numeric features), smote-nc (mixed features) or random (copies)."), DefaultValue("gan")]
        public string Method { get; init; } = "gan";

        [CommandOption("--model <FILE.bgan>"), Description("With --method gan: use this trained model instead of training one.")]
        public string? Model { get; init; }

        [CommandOption("--filter <F>"), Description("classifier (default for gan) or critic (GAN only): generate --candidates times the rows and keep those that look most real; label: keep those a classifier trained on the real rows finds most typical of their class; none (default for the other methods).")]
        public string? Filter { get; init; }

        [CommandOption("--candidates <K>"), Description("With a filter: rows generated per row kept (default 4: keep the best quarter)."), DefaultValue(4.0)]
        public double Candidates { get; init; } = 4.0;

        [CommandOption("--neighbours <K>"), Description("Neighbours of SMOTE / SMOTE-NC (default 5)."), DefaultValue(5)]
        public int Neighbours { get; init; } = 5;

        [CommandOption("--focus <SHARE>"), Description("When a GAN is trained: share of each batch conditioned on the target with classes drawn evenly (default 0.5; 0 = CTGAN's sampling only)."), DefaultValue(0.5)]
        public double Focus { get; init; } = 0.5;

        [CommandOption("--mark <COLUMN>"), Description("Add a column of this name: true for synthetic rows, false for real ones.")]
        public string? Mark { get; init; }

        public override ValidationResult Validate()
        {
            if (Target is null) return ValidationResult.Error("--target COLUMN is required (the class column).");
            if (Out is null) return ValidationResult.Error("--out FILE.csv is required.");
            try
            {
                var options = AugmentationOptions(BeyondGan.Augmentation.AugmentationOptions.DefaultGan);
                options.Validate();
                if (Model is not null && options.Method != AugmentationMethod.Gan) return ValidationResult.Error($"--model is only used by --method gan (not {Method}).");
            }
            catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
            var v = base.Validate();
            return v.Successful ? CheckOutput("--out", Out) : v;
        }

        public AugmentationOptions AugmentationOptions(CtganOptions gan) => new()
        {
            Target = Target!,
            Strategy = AugmentationStrategy.Parse(Strategy),
            Method = Method switch
            {
                "gan" => AugmentationMethod.Gan,
                "smote" => AugmentationMethod.Smote,
                "smote-nc" => AugmentationMethod.SmoteNc,
                "random" => AugmentationMethod.Random,
                _ => throw new ArgumentException($"--method {Method}: expected gan, smote, smote-nc or random."),
            },
            Filter = Filter switch
            {
                null => null,
                "none" => SyntheticFilter.None,
                "critic" => SyntheticFilter.Critic,
                "classifier" => SyntheticFilter.Classifier,
                "label" => SyntheticFilter.Label,
                _ => throw new ArgumentException($"--filter {Filter}: expected none, critic, classifier or label."),
            },
            Neighbours = Neighbours,
            Oversampling = Candidates,
            TargetFocus = Focus == 0 ? null : Focus,
            MinimumSteps = EffectiveMinimumSteps(BeyondGan.Augmentation.AugmentationOptions.DefaultMinimumSteps), // explicit --epochs / --batch-size are kept as given
            MarkColumn = Mark,
            Seed = Seed,
            Gan = gan,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var table = settings.ReadTable();
        TabularAugmenter.CheckClasses(table, settings.Target!);
        var schemaOptions = settings.SchemaOptions();
        // The target is a class column even when its classes are written as numbers.
        var schema = SchemaInference.Infer(table, schemaOptions with { Discrete = [.. schemaOptions.Discrete, settings.Target!] });
        var options = settings.AugmentationOptions(settings.Options(BeyondGan.Augmentation.AugmentationOptions.DefaultGan));
        var counts = TabularAugmenter.CheckTarget(table, schema, options);
        var plan = options.Strategy.RowsToAdd(counts, options.Target);
        CtganSynthesizer? model = null;
        try
        {
            if (options.Method == AugmentationMethod.Gan && plan.Count > 0)
            {
                var problem = TorchRuntime.TryEnsureLoaded();
                if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
                TorchRuntime.SetThreads(settings.Threads);
                if (settings.Model is not null) model = TabularModelFile.Load(settings.Model);
                else
                {
                    CtganSynthesizer.CheckEnoughRows(table);
                    var prepared = CtganSynthesizer.Prepare(table, schema, TabularAugmenter.GanOptions(options, table.RowCount), settings.MaxCategories, settings.Rules());
                    model = prepared.CreateModel();
                    if (TrainingRun.Train(model, prepared, Path.GetFileName(settings.Data), cancellationToken) == BeyondGan.Training.TrainingOutcome.Cancelled)
                    {
                        AnsiConsole.MarkupLine($"[yellow]Interrupted during training ({model.EpochsTrained} of {model.Options.Epochs} epochs); nothing was written.[/]");
                        return CliErrors.Interrupted;
                    }
                }
            }
            var result = TabularAugmenter.Augment(table, schema, options, model);
            CsvTableWriter.Write(settings.Out!, result.Table);
            var view = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{options.Target}: {settings.Method}" + (options.EffectiveFilter == SyntheticFilter.None ? "" : $" + {options.EffectiveFilter.ToString().ToLowerInvariant()} filter")))
                .AddColumn("class").AddColumn(new TableColumn("real rows").RightAligned()).AddColumn(new TableColumn("added").RightAligned()).AddColumn(new TableColumn("total").RightAligned());
            foreach (var (label, n) in result.ClassCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                int added = result.Added.GetValueOrDefault(label);
                view.AddRow(Markup.Escape(label), n.ToString("N0"), added.ToString("N0"), (n + added).ToString("N0"));
            }
            AnsiConsole.Write(view);
            AnsiConsole.MarkupLine($"Wrote {result.Table.RowCount:N0} rows ({result.RealRows:N0} real, {result.Table.RowCount - result.RealRows:N0} synthetic) to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }
        finally
        {
            model?.Dispose();
        }
    }
}
