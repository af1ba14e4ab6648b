using System.ComponentModel;
using System.Diagnostics;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Model;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.IO;
using BeyondGan.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio fit DIR --out MODEL.bgan</c>: trains WaveGAN on a folder (or manifest) of clips.</summary>
internal sealed class AudioFitCommand : Command<AudioFitCommand.Settings>
{
    public sealed class Settings : AudioInputSettings
    {
        [CommandArgument(0, "<CLIPS>"), Description("A folder of .wav files, or a CSV manifest with path and label columns.")]
        public string Clips { get; init; } = "";

        [CommandOption("--out <MODEL.bgan>"), Description("Where to write the model (required).")]
        public string? Out { get; init; }

        [CommandOption("--model <NAME>"), Description("wavegan: transposed 1-D convolutions on the waveform, phase shuffle, WGAN-GP (Donahue et al. 2019); spectrogram: SpecGAN's normalised log-magnitude spectrograms from a 1-D network over frames, WGAN-GP, back to audio by a seeded Griffin-Lim; specgan: the same spectrograms from SpecGAN's own 2-D networks (5 × 5 convolutions, stride 2). All three conditional on the clips' labels when they have them. vocoder: a GAN vocoder, log-mel spectrogram → waveform (Vocos's generator, HiFi-GAN's multi-period and multi-scale critics, least squares, feature matching, mel L1 and multi-resolution STFT losses, after reconstruction-only steps), for audio vocode."), DefaultValue("spectrogram")]
        public string Model { get; init; } = "spectrogram";

        [CommandOption("--generator <NAME>"), Description("The vocoder's generator: vocos (default: ConvNeXt blocks at the frame rate and an inverse STFT of a predicted magnitude and phase, Siuzdak 2023) or hifigan (transposed convolutions up to the sample rate, Kong et al. 2020); same critics and losses.")]
        public string? Generator { get; init; }

        [CommandOption("--preset <NAME>"), Description("cpu (default: d = 16, 4,096 samples at 8 kHz; for the spectrogram models also 2 critic steps, Adam 5e-4, a moving average, 4,000 steps; for spectrogram the auxiliary classifier at 1 on labelled clips; specgan d = 8) or paper (WaveGAN and SpecGAN: d = 64, 16,384 samples at 16 kHz, a GPU's job)."), DefaultValue("cpu")]
        public string Preset { get; init; } = "cpu";

        [CommandOption("--rate <HZ>"), Description("The model's sample rate; clips are resampled to it (cpu preset: 8000).")]
        public int? Rate { get; init; }

        [CommandOption("--length <N>"), Description("Samples per clip, a multiple of 4^layers; shorter clips are padded with silence, longer ones cropped to their loudest window (cpu preset: 4096).")]
        public int? Length { get; init; }

        [CommandOption("--layers <N>"), Description("Upsampling layers of ×4 (cpu preset: 4; paper: 5).")]
        public int? Layers { get; init; }

        [CommandOption("--width <D>"), Description("Model width d (cpu preset: 16, specgan 8; paper: 64).")]
        public int? Width { get; init; }

        [CommandOption("--steps <N>"), Description("Generator steps (spectrogram and specgan 4000, wavegan 2000, vocoder 3000 after its reconstruction steps), each after --critic-steps critic updates.")]
        public long? Steps { get; init; }

        [CommandOption("--batch-size <N>"), Description("Clips per batch (default 64).")]
        public int? BatchSize { get; init; }

        [CommandOption("--critic-steps <N>"), Description("Critic updates per generator update (spectrogram 2, wavegan 5).")]
        public int? CriticSteps { get; init; }

        [CommandOption("--phase-shuffle <N>"), Description("Phase-shuffle width n of the critic (default 2; 0 = none).")]
        public int? PhaseShuffle { get; init; }

        [CommandOption("--penalty-fraction <F>"), Description("Share of each batch the gradient penalty is estimated on (cpu preset 0.25; paper 1).")]
        public double? PenaltyFraction { get; init; }

        [CommandOption("--ema <DECAY>"), Description("Keep an exponential moving average of the generator's weights with this decay and sample with it (spectrogram 0.999, wavegan none; 0 = none).")]
        public double? Ema { get; init; }

        [CommandOption("--auxiliary-classifier <W>"), Description("AC-GAN's class head on the critic: it learns the real clips' labels with weight W, the generator is pushed to make its clips classifiable as their label with W/10 (spectrogram 1 when the clips are labelled, otherwise 0: none; asking for it on unlabelled clips is refused).")]
        public double? AuxiliaryClassifier { get; init; }

        [CommandOption("--stft-loss <W>"), Description("The vocoder: add W × Parallel WaveGAN's multi-resolution STFT loss (spectral convergence and log-magnitude L1 at FFT 512, 256 and 128) to HiFi-GAN's objective (vocoder 45; 0: none).")]
        public double? StftLoss { get; init; }

        [CommandOption("--reconstruction-steps <N>"), Description("The vocoder: N generator steps on the reconstruction losses alone (mel L1, and the STFT loss if asked), the critics off, before --steps steps of the game, as Parallel WaveGAN trains (vocoder 10,000; 0: none).")]
        public long? ReconstructionSteps { get; init; }

        [CommandOption("--lr <LR>"), Description("Adam learning rate of both networks (spectrogram 5e-4, wavegan 1e-4).")]
        public double? LearningRate { get; init; }

        [CommandOption("--no-trim"), Description("Keep leading and trailing silence (default: trimmed below 40 dB under the peak).")]
        public bool NoTrim { get; init; }

        [CommandOption("--no-normalize"), Description("Keep each clip's level (default: RMS normalised to −20 dBFS).")]
        public bool NoNormalize { get; init; }

        [CommandOption("--preview-every <N>"), Description("Every N steps, write MODEL.preview.wav: one clip per label (or four), fixed seed (default 500; 0 = none)."), DefaultValue(500L)]
        public long PreviewEvery { get; init; } = 500;

        [CommandOption("--seed <S>"), Description("Seed of the whole fit (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Out is null) return ValidationResult.Error("--out MODEL.bgan is required.");
            if (!AudioModelOptions.Models.Contains(Model)) return ValidationResult.Error($"--model {Model}: unknown model ({string.Join(", ", AudioModelOptions.Models)}).");
            if (Preset is not ("cpu" or "paper")) return ValidationResult.Error($"--preset {Preset}: unknown preset (cpu, paper).");
            if (PreviewEvery < 0) return ValidationResult.Error("--preview-every must be 0 or positive.");
            var v = base.Validate();
            return v.Successful ? TableFormatSettings.CheckOutput("--out", Out) : v;
        }

        public AudioModelOptions Options()
        {
            var o = AudioModelOptions.Preset(Preset, Model) with { Seed = Seed, Device = Device };
            return o with
            {
                SampleRate = Rate ?? o.SampleRate, Length = Length ?? o.Length, Layers = Layers ?? o.Layers, Width = Width ?? o.Width,
                Steps = Steps ?? o.Steps, BatchSize = BatchSize ?? o.BatchSize, CriticSteps = CriticSteps ?? o.CriticSteps,
                PhaseShuffle = PhaseShuffle ?? o.PhaseShuffle, PenaltyFraction = PenaltyFraction ?? o.PenaltyFraction, Ema = Ema is null ? o.Ema : Ema == 0 ? null : Ema, LearningRate = LearningRate ?? o.LearningRate,
                AuxiliaryClassifier = AuxiliaryClassifier ?? o.AuxiliaryClassifier, Generator = Generator ?? o.Generator, StftLoss = StftLoss ?? o.StftLoss, ReconstructionSteps = ReconstructionSteps ?? o.ReconstructionSteps,
                TrimBelowPeakDb = NoTrim ? null : o.TrimBelowPeakDb, LoudnessDbfs = NoNormalize ? null : o.LoudnessDbfs,
            };
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var options = settings.Options();
        options.Validate();
        var clips = settings.Read(settings.Clips);
        if (settings.AuxiliaryClassifier > 0 && !AudioSynthesizer.TrainsConditional(clips))
            throw new ArgumentException("--auxiliary-classifier needs labelled clips (--label-pattern or a label column): this model would be unconditional.");
        AnsiConsole.MarkupLine(Markup.Escape(Describe(clips, options)));
        var watch = Stopwatch.StartNew();
        string preview = settings.Out + ".preview.wav";
        using var model = Fit(clips, options, settings.PreviewEvery, preview, Path.GetFileName(settings.Clips), cancellationToken);
        AudioModelFile.Save(settings.Out!, model);
        if (model.State.Labels is { } labels) AnsiConsole.MarkupLine($"[grey]conditional on {labels.Count} labels: {Markup.Escape(string.Join(", ", labels))}[/]");
        if (!model.IsComplete)
        {
            string reconstruction = options.ReconstructionSteps > 0 ? $"{model.ReconstructionStepsTrained:N0} of {options.ReconstructionSteps:N0} reconstruction steps and " : "";
            AnsiConsole.MarkupLine($"[yellow]Interrupted after {reconstruction}{model.StepsTrained:N0} of {options.Steps:N0} steps[/]; the model trained so far is saved to {Markup.Escape(settings.Out!)} and can {(model.IsVocoder ? "vocode" : "sample")}.");
            return CliErrors.Interrupted;
        }
        AnsiConsole.MarkupLine($"Trained {options.Steps:N0} steps in {watch.Elapsed.TotalSeconds:F1} s; model saved to {Markup.Escape(settings.Out!)}.");
        return 0;
    }

    /// <summary>One line about the clips read and how they will be prepared.</summary>
    internal static string Describe(AudioFolder clips, AudioModelOptions options)
    {
        var rates = clips.Clips.GroupBy(c => c.SampleRate).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} Hz").ToList();
        var labels = clips.Labels;
        string labelNote = AudioSynthesizer.TrainsConditional(clips) ? $"{labels.Count} labels" : "unlabelled (unconditional model)";
        string mixed = clips.MixedDown > 0 ? $"; {clips.MixedDown:N0} multi-channel clips mixed down to mono" : "";
        return $"{clips.Source}: {clips.Clips.Count:N0} clips, {string.Join(", ", rates)}, {labelNote}{mixed}; " +
               $"resampled to {options.SampleRate} Hz, {options.Length:N0} samples ({options.Length / (double)options.SampleRate:F2} s); " +
               (options.ReconstructionSteps > 0 ? $"{options.ReconstructionSteps:N0} reconstruction steps, then " : "") + $"{options.Steps:N0} steps of {options.BatchSize}";
    }

    /// <summary>Trains with a progress bar and writes a preview clip every <paramref name="every"/> steps.</summary>
    internal static AudioSynthesizer Fit(AudioFolder clips, AudioModelOptions options, long every, string? preview, string title, CancellationToken cancellation) =>
        TrainingProgressBar.Run(title, cancellation, (progress, token) => AudioSynthesizer.Fit(clips, options, (step, total) => progress(options.Model, step, total), token, (model, step) =>
        {
            if (preview is null) return;
            WritePreview(model, preview);
            AnsiConsole.MarkupLine(Markup.Escape($"step {step:N0}: critic loss {model.History.Last("critic_loss"):F3}, gradient penalty {model.History.Last("gradient_penalty_critic"):F3}; preview written to {preview}"));
        }, every));

    /// <summary>One clip per label (or four clips), seed 0, joined by 0.1 s of silence, written atomically.</summary>
    internal static void WritePreview(AudioSynthesizer model, string path)
    {
        var gap = new float[model.SampleRate / 10];
        var clips = model.State.Labels is { } labels ? labels.SelectMany(l => model.Sample(1, seed: 0, label: l)) : model.Sample(4, seed: 0);
        var joined = new List<float>();
        foreach (var (samples, _) in clips) { joined.AddRange(samples); joined.AddRange(gap); }
        WavFile.Write(path, joined.ToArray(), model.SampleRate);
    }
}
