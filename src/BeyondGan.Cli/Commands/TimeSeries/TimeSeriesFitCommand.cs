using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Runtime;
using BeyondGan.TimeSeries.Data;
using BeyondGan.TimeSeries.Model;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.TimeSeries;

/// <summary><c>beyondgan timeseries fit DATA --out MODEL.bgan</c>: trains the sequence model on a long-format table.</summary>
internal sealed class TimeSeriesFitCommand : Command<TimeSeriesFitCommand.Settings>
{
    public sealed class Settings : SequenceInputSettings
    {
        [CommandOption("--out <MODEL.bgan>"), Description("Where to write the model (required).")]
        public string? Out { get; init; }

        [CommandOption("--model <NAME>"), Description("Sequence model: default (conditional WGAN-GP, several steps per GRU cell) or timegan (TimeGAN's networks and three phases at 5000 iterations each)."), DefaultValue("default")]
        public string Model { get; init; } = "default";

        [CommandOption("--preset <NAME>"), Description("paper: TimeGAN exactly as its paper trains it (3 × 24 GRUs, batch 128, Adam 1e-3, 50000 iterations per phase; hours on a CPU). Options given beside it override it.")]
        public string? Preset { get; init; }

        [CommandOption("--steps <N>"), Description("Generator steps of the sequence GAN (default 5000); for TimeGAN, iterations of the joint phase.")]
        public long? Steps { get; init; }

        [CommandOption("--pretrain-steps <N>"), Description("TimeGAN: steps of each pre-training phase, autoencoder then supervisor (default: as --steps).")]
        public long? PretrainSteps { get; init; }

        [CommandOption("--batch-size <N>"), Description("Sequences per step (default 128).")]
        public int? BatchSize { get; init; }

        [CommandOption("--hidden <N>"), Description("GRU units of the generator (default 64; TimeGAN 24, every network).")]
        public int? Hidden { get; init; }

        [CommandOption("--layers <N>"), Description("GRU layers of the generator (default 1; TimeGAN 3, at least 2).")]
        public int? Layers { get; init; }

        [CommandOption("--steps-per-cell <N>"), Description("Time steps each GRU cell emits (default: one per 32 steps of the longest sequence, at least 1).")]
        public int? StepsPerCell { get; init; }

        [CommandOption("--critic-steps <N>"), Description("Critic steps per generator step (default 2).")]
        public int? CriticSteps { get; init; }

        [CommandOption("--critic-channels <N>"), Description("Channels of the critic's convolutions (default 32).")]
        public int? CriticChannels { get; init; }

        [CommandOption("--penalty-fraction <F>"), Description("Share of each batch the gradient penalty is estimated on (default 0.25; 1 = all, as WGAN-GP).")]
        public double? PenaltyFraction { get; init; }

        [CommandOption("--lr-g <LR>"), Description("Generator learning rate (default 1e-4; TimeGAN 1e-3, also its autoencoder's).")]
        public double? LearningRateG { get; init; }

        [CommandOption("--lr-d <LR>"), Description("Critic learning rate (default 2e-4; TimeGAN 1e-3).")]
        public double? LearningRateD { get; init; }

        [CommandOption("--ema <DECAY>"), Description("Decay of the moving average of the generator's weights used for sampling (default 0.999; 0 = off).")]
        public double? Ema { get; init; }

        [CommandOption("--entity-steps <N>"), Description("Fewest training steps of the model of the entities' static attributes, lengths and start times (panel data; default 3000).")]
        public long? EntitySteps { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the whole fit (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Out is null) return ValidationResult.Error("--out MODEL.bgan is required.");
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (Model is not ("default" or "timegan")) return ValidationResult.Error($"--model {Model}: unknown model (default, timegan).");
            if (Preset is not (null or "paper")) return ValidationResult.Error($"--preset {Preset}: unknown preset (paper).");
            var v = base.Validate();
            return v.Successful ? TableFormatSettings.CheckOutput("--out", Out) : v;
        }

        /// <summary>The model options: the model's (or the preset's) defaults with what was given.</summary>
        public SequenceGanOptions GanOptions()
        {
            var o = (Preset == "paper" ? SequenceGanOptions.TimeGanPaper : Model == "timegan" ? SequenceGanOptions.TimeGanCpu : new SequenceGanOptions())
                with { Seed = Seed, Device = Device };
            return o with
            {
                Steps = Steps ?? o.Steps, PretrainSteps = PretrainSteps ?? o.PretrainSteps, BatchSize = BatchSize ?? o.BatchSize, Hidden = Hidden ?? o.Hidden, Layers = Layers ?? o.Layers,
                StepsPerCell = StepsPerCell ?? o.StepsPerCell, CriticSteps = CriticSteps ?? o.CriticSteps,
                CriticChannels = CriticChannels ?? o.CriticChannels, PenaltyFraction = PenaltyFraction ?? o.PenaltyFraction,
                GeneratorLearningRate = LearningRateG ?? o.GeneratorLearningRate, CriticLearningRate = LearningRateD ?? o.CriticLearningRate,
                GeneratorEma = Ema is null ? o.GeneratorEma : Ema == 0 ? null : Ema, EntityMinimumSteps = EntitySteps ?? o.EntityMinimumSteps,
            };
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var options = settings.GanOptions();
        options.Validate();
        var watch = Stopwatch.StartNew();
        var table = settings.Read();
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(TimeSeriesSchemaCommand.Describe(table))}[/]");
        var (model, outcome) = Fit(table, options, Path.GetFileName(settings.Data), cancellationToken);
        using (model)
        {
            SequenceModelFile.Save(settings.Out!, model);
            if (outcome == TrainingOutcome.Cancelled)
            {
                AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.StepsTrained:N0} of {options.TotalSteps:N0} steps[/]; the model trained so far is saved to {Markup.Escape(settings.Out!)} and can sample.");
                return CliErrors.Interrupted;
            }
            AnsiConsole.MarkupLine($"Trained {options.TotalSteps:N0} steps in {watch.Elapsed.TotalSeconds:F1} s; model saved to {Markup.Escape(settings.Out!)}.");
        }
        return 0;
    }

    /// <summary>Prepares and trains with a progress bar; Ctrl+C stops at a step boundary and returns what was trained.</summary>
    internal static (SequenceSynthesizer Model, TrainingOutcome Outcome) Fit(SequenceTable table, SequenceGanOptions options, string title, CancellationToken cancellation) =>
        TrainingProgressBar.Run(title, cancellation, (progress, token) =>
        {
            var prepared = SequenceSynthesizer.Prepare(table, options, progress: progress, cancellation: token);
            var outcome = token.IsCancellationRequested ? TrainingOutcome.Cancelled : prepared.Model.Train(prepared, progress, token);
            return (prepared.Model, outcome);
        });
}
