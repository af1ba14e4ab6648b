using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Demo;
using BeyondGan.Audio.Evaluation;
using BeyondGan.Audio.Model;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Evaluation.Report;
using BeyondGan.IO;
using BeyondGan.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio demo</c>: sounds the project makes itself (tones, chirps, noise bursts, beeps), a conditional GAN fit on them (the spectrogram model by default), samples scored.</summary>
internal sealed class AudioDemoCommand : Command<AudioDemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--steps <N>"), Description("Generator steps (default 1,000: about a minute on 2 cores)."), DefaultValue(1000L)]
        public long Steps { get; init; } = 1000;

        [CommandOption("--model <NAME>"), Description("spectrogram (default), specgan or wavegan, as `audio fit --model`."), DefaultValue("spectrogram")]
        public string Model { get; init; } = "spectrogram";

        [CommandOption("--lr <LR>"), Description("Adam learning rate (default 5e-4)."), DefaultValue(5e-4)]
        public double LearningRate { get; init; } = 5e-4;

        [CommandOption("--critic-steps <N>"), Description("Critic updates per generator update (default 2)."), DefaultValue(2)]
        public int CriticSteps { get; init; } = 2;

        [CommandOption("--auxiliary-classifier <W>"), Description("AC-GAN's class head, as `audio fit --auxiliary-classifier` (the model's cpu preset: spectrogram 1, the others 0).")]
        public double? AuxiliaryClassifier { get; init; }

        [CommandOption("--clips <N>"), Description("Training clips per class (default 60; 25 more per class are the test clips)."), DefaultValue(60)]
        public int Clips { get; init; } = 60;

        [CommandOption("--out <DIR>"), Description("Also write the generated clips into this new folder.")]
        public string? Out { get; init; }

        [CommandOption("--report <FILE.html>"), Description("Write the HTML report (with the clips to listen to).")]
        public string? Report { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the fit and the draw (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        public override ValidationResult Validate() =>
            Model is not ("wavegan" or "spectrogram" or "specgan") ? ValidationResult.Error($"--model {Model}: unknown model (wavegan, spectrogram, specgan).")
            : Steps < 1 ? ValidationResult.Error("--steps must be at least 1.")
            : Clips < 5 ? ValidationResult.Error("--clips must be at least 5.")
            : AuxiliaryClassifier < 0 ? ValidationResult.Error("--auxiliary-classifier must be 0 or more.")
            : TableFormatSettings.CheckOutput("--report", Report);
    }

    /// <summary>The demo's model: the chosen model's CPU preset at 2,048 samples (0.26 s at 8 kHz), d = 8, batch 32.</summary>
    internal static AudioModelOptions Options(Settings s)
    {
        var preset = AudioModelOptions.Preset("cpu", s.Model);
        return preset with { Length = 2048, Width = 8, BatchSize = 32, Steps = s.Steps, Seed = s.Seed, LearningRate = s.LearningRate, CriticSteps = s.CriticSteps,
            AuxiliaryClassifier = s.AuxiliaryClassifier ?? preset.AuxiliaryClassifier };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        if (settings.Out is not null) ClipFolderWriter.CheckTarget(settings.Out);
        var watch = Stopwatch.StartNew();
        var options = Options(settings);
        var train = DemoSounds.Make(settings.Clips, options.SampleRate, options.Length, seed: 1);
        var test = DemoSounds.Make(25, options.SampleRate, options.Length, seed: 2);
        AnsiConsole.MarkupLine(Markup.Escape($"demo sounds: {train.Clips.Count} training clips of {string.Join(", ", DemoSounds.Classes)} ({options.Length / (double)options.SampleRate:F2} s at {options.SampleRate} Hz), {test.Clips.Count} test clips"));
        using var model = AudioFitCommand.Fit(train, options, 0, null, "demo", cancellationToken);
        if (!model.IsComplete)
        {
            AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.StepsTrained:N0} of {options.Steps:N0} steps.[/]");
            return CliErrors.Interrupted;
        }
        AnsiConsole.MarkupLine($"[grey]trained {options.Steps:N0} steps in {watch.Elapsed.TotalSeconds:F1} s[/]");
        var samples = model.Sample(400, settings.Seed).ToList();
        var synthetic = AudioFolder.FromClips("generated", samples.Select((c, i) => new AudioClip(ClipFolderWriter.FileName(c.Label, i), c.Samples, model.SampleRate, c.Label)).ToList());
        var preparation = options.Preparation;
        var result = AudioEvaluation.Evaluate(test, synthetic, train, preparation);
        AudioEvaluateCommand.Print(result);
        if (settings.Out is not null)
        {
            ClipFolderWriter.Write(settings.Out, samples, model.SampleRate);
            AnsiConsole.MarkupLine($"{samples.Count} clips written to {Markup.Escape(settings.Out)}.");
        }
        if (settings.Report is not null)
        {
            AtomicFile.WriteAllText(settings.Report, AudioHtmlReport.Build(result, test.Clips.Select(c => (c.Label, c.Samples)).ToList(), samples.Select(c => (c.Label, c.Samples)).ToList(),
                new ReportSources("demo test sounds", $"demo {options.Model} samples")));
            AnsiConsole.MarkupLine($"Report written to {Markup.Escape(settings.Report)}.");
        }
        AnsiConsole.MarkupLine($"Done in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
