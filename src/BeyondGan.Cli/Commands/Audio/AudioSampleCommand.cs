using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Model;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Runtime;
using BeyondGan.Sampling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio sample MODEL.bgan --count N --out DIR</c>: generated clips as 16-bit WAV files.</summary>
internal sealed class AudioSampleCommand : Command<AudioSampleCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("An audio model file written by `beyondgan audio fit`.")]
        public string Model { get; init; } = "";

        [CommandOption("--count <N>"), Description("Clips to generate (required).")]
        public long? Count { get; init; }

        [CommandOption("--out <DIR>"), Description("A new (or empty) folder for the clips, named LABEL_00000.wav (required; written whole or not at all).")]
        public string? Out { get; init; }

        [CommandOption("--label <LABEL>"), Description("A conditional model: every clip is generated for this label (default: labels in their training proportions).")]
        public string? Label { get; init; }

        [CommandOption("--truncation <PSI>"), Description("Draw the latent from [[−PSI, PSI]] only (BigGAN's truncation trick; 0 < PSI ≤ 1): nearer the typical clip, less diverse (default 1: none)."), DefaultValue(1.0)]
        public double Truncation { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of the draw (default 0); the same seed gives byte-identical files."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--shard <K/N>"), Description("Write only part K of N of the draw (files numbered as in the whole draw).")]
        public string? Shard { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N.")]
        public string? Device { get; init; }

        public override ValidationResult Validate()
        {
            if (Count is null) return ValidationResult.Error("--count N is required.");
            if (Count < 1) return ValidationResult.Error($"--count must be at least 1, got {Count}.");
            if (Out is null) return ValidationResult.Error("--out DIR is required.");
            if (!(Truncation > 0 && Truncation <= 1)) return ValidationResult.Error($"--truncation must be in (0, 1] (1: no truncation), got {Truncation}.");
            return Threads < 0 ? ValidationResult.Error("--threads must be 0 or positive.") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        ClipFolderWriter.CheckTarget(settings.Out!);
        var watch = Stopwatch.StartNew();
        using var model = AudioModelFile.Load(settings.Model, settings.Device);
        var shard = settings.Shard is null ? BeyondGan.Sampling.Shard.Whole : BeyondGan.Sampling.Shard.Parse(settings.Shard);
        long count = settings.Count!.Value;
        var plan = new DrawPlan(count, AudioSynthesizer.ChunkClips, shard, settings.Seed);
        var clips = model.Sample(count, settings.Seed, settings.Label, shard, settings.Truncation);   // checks --label now, draws lazily
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            long written = 0;
            SampleProgress.Run($"sampling into {Path.GetFileName(Path.GetFullPath(settings.Out!))}", plan.PartRows, watch, report =>
            {
                written = ClipFolderWriter.Write(settings.Out!, clips, model.SampleRate, plan.FirstChunk * plan.ChunkRows, cts.Token, n => { if (n % 16 == 0 || n == plan.PartRows) report(n); });
                return written >= 0;
            }, "clips");
            if (written < 0)
            {
                AnsiConsole.MarkupLine($"[yellow]interrupted:[/] nothing was written to {Markup.Escape(settings.Out!)}.");
                return CliErrors.Interrupted;
            }
            var note = model.IsComplete ? "" : $" (the model was trained for {model.StepsTrained:N0} of {model.State.Options.Steps:N0} steps)";
            AnsiConsole.MarkupLine($"Wrote {written:N0} clips ({model.SampleRate} Hz, {model.State.Options.Length:N0} samples) to {Markup.Escape(settings.Out!)} in {watch.Elapsed.TotalSeconds:F1} s{Markup.Escape(note)}.");
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
