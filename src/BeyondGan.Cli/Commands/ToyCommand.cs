using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using BeyondGan.Cli.Plots;
using BeyondGan.IO;
using BeyondGan.Losses;
using BeyondGan.Runtime;
using BeyondGan.Toy;
using BeyondGan.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands;

/// <summary><c>beyondgan toy</c>: train on a 2-D mixture, evaluate mode coverage, print a table, write JSON and a plot.</summary>
internal sealed class ToyCommand : Command<ToyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dataset <NAME>"), Description("ring (8 Gaussians) or grid (25 Gaussians)."), DefaultValue("grid")]
        public string Dataset { get; init; } = "grid";

        [CommandOption("--preset <NAME>"), Description("quick (default: best in 5,000 steps, under a minute), best (20,000 steps, our strongest), gan, pacgan2, pacgan3, pacgan4, wgan-gp."), DefaultValue("quick")]
        public string Preset { get; init; } = "quick";

        [CommandOption("--loss <NAME>"), Description("minimax, ns, wgan, wgan-gp, hinge, lsgan, ragan (default: the preset's).")]
        public string? Loss { get; init; }

        [CommandOption("--pac <N>"), Description("PacGAN pack size (default: the preset's).")]
        public int? Pac { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the whole run."), DefaultValue(1L)]
        public long Seed { get; init; } = 1;

        [CommandOption("--steps <N>"), Description("Generator steps (default: the preset's).")]
        public long? Steps { get; init; }

        [CommandOption("--batch-size <N>"), Description("Batch size (default: the preset's).")]
        public int? BatchSize { get; init; }

        [CommandOption("--n-critic <N>"), Description("Critic steps per generator step.")]
        public int? CriticSteps { get; init; }

        [CommandOption("--lr-g <LR>"), Description("Generator learning rate.")]
        public double? LearningRateG { get; init; }

        [CommandOption("--lr-d <LR>"), Description("Critic learning rate.")]
        public double? LearningRateD { get; init; }

        [CommandOption("--gp <LAMBDA>"), Description("Add a gradient penalty of weight λ.")]
        public double? GradientPenalty { get; init; }

        [CommandOption("--r1 <GAMMA>"), Description("Add R1 regularisation of weight γ.")]
        public double? R1 { get; init; }

        [CommandOption("--label-smoothing <TARGET>"), Description("One-sided label smoothing: real target (e.g. 0.9).")]
        public double? LabelSmoothing { get; init; }

        [CommandOption("--instance-noise <SIGMA>"), Description("Instance noise σ₀ on the critic's inputs, annealed to 0 over half the run.")]
        public double? InstanceNoise { get; init; }

        [CommandOption("--replay"), Description("Experience replay of past fakes.")]
        public bool Replay { get; init; }

        [CommandOption("--historical-averaging <LAMBDA>"), Description("Historical averaging of parameters, weight λ.")]
        public double? HistoricalAveraging { get; init; }

        [CommandOption("--spectral-norm"), Description("Spectral normalisation in the critic (replaces maxout by LeakyReLU layers).")]
        public bool SpectralNorm { get; init; }

        [CommandOption("--minibatch-std"), Description("Minibatch standard-deviation feature in the critic.")]
        public bool MinibatchStd { get; init; }

        [CommandOption("--batch-norm <BOOL>"), Description("BatchNorm in the generator: true or false (default: the preset's).")]
        public bool? BatchNorm { get; init; }

        [CommandOption("--ema <DECAY>"), Description("EMA of generator weights (e.g. 0.999); 0 turns it off.")]
        public double? Ema { get; init; }

        [CommandOption("--grow"), Description("Progressive growing of both networks, one block at a time.")]
        public bool Grow { get; init; }

        [CommandOption("--rejection-sampling"), Description("Draw the evaluation samples by discriminator rejection sampling (Azadi et al. 2019): the critic, fine-tuned against the final generator, drops the samples it finds least real.")]
        public bool RejectionSampling { get; init; }

        [CommandOption("--lr-decay <FRACTION>"), Description("After this fraction of the run (e.g. 0.5), decay both learning rates linearly to zero; 0 decays from the start, 1 turns decay off.")]
        public double? LearningRateDecay { get; init; }

        [CommandOption("--clip-norm <N>"), Description("Clip each network's gradient norm.")]
        public double? ClipNorm { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = libtorch's default)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        [CommandOption("--json <FILE>"), Description("Write the metrics as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--plot <FILE.png>"), Description("Write a scatter of the samples over the mode centres.")]
        public string? Plot { get; init; }

        [CommandOption("--history <FILE>"), Description("Write per-step losses (.csv or .json).")]
        public string? History { get; init; }

        [CommandOption("--checkpoint <FILE>"), Description("Save a checkpoint at the end, or when interrupted.")]
        public string? Checkpoint { get; init; }

        [CommandOption("--resume <FILE>"), Description("Resume from a checkpoint made with the same options.")]
        public string? Resume { get; init; }

        public ToyConfig ToConfig()
        {
            var c = ToyPresets.ByName(Preset);
            c = c with
            {
                Loss = Loss ?? c.Loss,
                Pac = Pac ?? c.Pac,
                Steps = Steps ?? c.Steps,
                BatchSize = BatchSize ?? c.BatchSize,
                CriticSteps = CriticSteps ?? c.CriticSteps,
                LearningRateG = LearningRateG ?? c.LearningRateG,
                LearningRateD = LearningRateD ?? c.LearningRateD,
                GradientPenalty = GradientPenalty ?? c.GradientPenalty,
                R1 = R1 ?? c.R1,
                LabelSmoothing = LabelSmoothing ?? c.LabelSmoothing,
                InstanceNoise = InstanceNoise ?? c.InstanceNoise,
                Replay = Replay || c.Replay,
                HistoricalAveraging = HistoricalAveraging ?? c.HistoricalAveraging,
                SpectralNorm = SpectralNorm || c.SpectralNorm,
                CriticActivation = SpectralNorm ? Modules.Activation.LeakyReLU : c.CriticActivation,
                MinibatchStdDev = MinibatchStd || c.MinibatchStdDev,
                BatchNorm = BatchNorm ?? c.BatchNorm,
                Ema = Ema is null ? c.Ema : Ema == 0 ? null : Ema,
                Grow = Grow || c.Grow,
                ClipNorm = ClipNorm ?? c.ClipNorm,
                LearningRateDecay = LearningRateDecay is null ? c.LearningRateDecay : LearningRateDecay == 1 ? null : LearningRateDecay,
                RejectionSampling = RejectionSampling || c.RejectionSampling,
            };
            LossCatalog.Create(c.Loss);
            c.Validate();
            return c;
        }

        public override ValidationResult Validate()
        {
            if (Threads < 0) return ValidationResult.Error("--threads must be 0 or positive.");
            if (LearningRateDecay is < 0 or > 1 || double.IsNaN(LearningRateDecay ?? 0))
                return ValidationResult.Error($"--lr-decay must be a fraction of the run from 0 to 1, got {LearningRateDecay}.");
            foreach (var (flag, path) in new[] { ("--json", Json), ("--plot", Plot), ("--history", History), ("--checkpoint", Checkpoint) })
            {
                if (path is null) continue;
                string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null && !Directory.Exists(dir)) return ValidationResult.Error($"{flag} {path}: the folder {dir} does not exist.");
            }
            if (Resume is not null && !File.Exists(Resume)) return ValidationResult.Error($"--resume {Resume}: file not found.");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var config = settings.ToConfig();
        var data = GaussianMixture2D.ByName(settings.Dataset);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var watch = Stopwatch.StartNew();
        ToyResult result;
        try
        {
            result = RunWithProgress(config, data, settings, cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        double seconds = watch.Elapsed.TotalSeconds;

        PrintTable(settings, config, result, seconds);
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, ToJson(settings, config, result));
        if (settings.Plot is not null) ToyScatterPlot.Save(settings.Plot, result.Samples, data, result.Metrics, $"{settings.Preset} on {data.Name}, seed {settings.Seed}");
        if (settings.History is not null) result.History.Save(settings.History);
        if (result.Outcome == TrainingOutcome.Cancelled)
        {
            AnsiConsole.MarkupLine($"[yellow]Interrupted after {result.StepsDone} of {config.Steps} steps[/]{(settings.Checkpoint is null ? "" : $"; checkpoint saved to {Markup.Escape(settings.Checkpoint)}")}.");
            return CliErrors.Interrupted;
        }
        return 0;
    }

    private static ToyResult RunWithProgress(ToyConfig config, GaussianMixture2D data, Settings s, CancellationToken token)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return ToyExperiment.Run(config, data, s.Seed, token, null, s.Resume, s.Checkpoint, s.Device);
        ToyResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .AutoRefresh(false) // refreshed from the training thread: see TieredCompilation in Directory.Build.props
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{s.Preset} on {data.Name}", maxValue: config.Steps);
                result = ToyExperiment.Run(config, data, s.Seed, token, report =>
                {
                    if (report.Step % 50 == 0 || report.Step == report.TotalSteps)
                    {
                        task.Value = report.Step;
                        task.Description = $"{s.Preset} on {data.Name}  D {report.CriticLoss:F3}  G {report.GeneratorLoss:F3}";
                        ctx.Refresh();
                    }
                }, s.Resume, s.Checkpoint, s.Device);
                task.Value = result.StepsDone;
            });
        return result!;
    }

    private static void PrintTable(Settings s, ToyConfig c, ToyResult r, double seconds)
    {
        var m = r.Metrics;
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"{s.Preset}: loss {c.Loss}, pac {c.Pac}, batch {c.BatchSize}, seed {s.Seed}, {r.StepsDone} steps in {seconds:F1} s")}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("dataset").AddColumn(new TableColumn("modes").RightAligned())
            .AddColumn(new TableColumn("high quality").RightAligned()).AddColumn(new TableColumn("reverse KL").RightAligned());
        table.AddRow(s.Dataset, $"{m.ModesCaptured}/{m.ModeCount}", $"{m.HighQualityFraction:P1}", $"{m.ReverseKl:F4}");
        AnsiConsole.Write(table);
    }

    private static string ToJson(Settings s, ToyConfig c, ToyResult r)
    {
        var m = r.Metrics;
        var doc = new Dictionary<string, object?>
        {
            ["dataset"] = s.Dataset,
            ["preset"] = s.Preset,
            ["seed"] = s.Seed,
            ["steps"] = r.StepsDone,
            ["completed"] = r.Outcome == TrainingOutcome.Completed,
            ["modes"] = m.ModesCaptured,
            ["mode_count"] = m.ModeCount,
            ["high_quality_fraction"] = m.HighQualityFraction,
            ["reverse_kl"] = double.IsFinite(m.ReverseKl) ? m.ReverseKl : null,
            ["counts_per_mode"] = m.CountsPerMode,
            ["samples"] = c.EvalSamples,
            ["config"] = c,
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
    }
}
