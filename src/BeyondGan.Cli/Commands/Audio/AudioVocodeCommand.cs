using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Metrics;
using BeyondGan.Audio.Model;
using BeyondGan.IO;
using BeyondGan.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio vocode MODEL --in DIR --out DIR</c>: re-synthesises clips from their log-mels with a vocoder, and scores the result against them.</summary>
internal sealed class AudioVocodeCommand : Command<AudioVocodeCommand.Settings>
{
    public sealed class Settings : AudioInputSettings
    {
        [CommandArgument(0, "<MODEL>"), Description("A vocoder written by `beyondgan audio fit --model vocoder`.")]
        public string Model { get; init; } = "";

        [CommandOption("--in <DIR>"), Description("A folder (or CSV manifest) of WAV clips to re-synthesise (required).")]
        public string? In { get; init; }

        [CommandOption("--out <DIR>"), Description("A new (or empty) folder for the re-synthesised clips, named by label and index in the input's order (required; written whole or not at all).")]
        public string? Out { get; init; }

        [CommandOption("--griffin-lim"), Description("Re-synthesise by Griffin-Lim from the same log-mels instead of the vocoder (the baseline).")]
        public bool GriffinLim { get; init; }

        [CommandOption("--json <FILE>"), Description("Write the scores (log-spectral distance, mel-cepstral distortion, mel L1, real-time factor) as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--seed <S>"), Description("Seed of Griffin-Lim's random phase (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--device <NAME>"), Description("cpu (default), cuda or cuda:N.")]
        public string? Device { get; init; }

        public override ValidationResult Validate()
        {
            if (In is null) return ValidationResult.Error("--in DIR is required.");
            if (Out is null) return ValidationResult.Error("--out DIR is required.");
            return base.Validate();
        }
    }

    /// <summary>What `audio vocode --json` writes.</summary>
    internal sealed record VocodeScores(
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("clips")] int Clips,
        [property: JsonPropertyName("log_spectral_distance_db")] double LogSpectralDistance,
        [property: JsonPropertyName("mel_cepstral_distortion_db")] double MelCepstralDistortion,
        [property: JsonPropertyName("mel_l1")] double MelL1,
        [property: JsonPropertyName("seconds_of_audio")] double AudioSeconds,
        [property: JsonPropertyName("seconds_to_synthesise")] double SynthesisSeconds,
        [property: JsonPropertyName("faster_than_real_time")] double RealTimeFactor);

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        ClipFolderWriter.CheckTarget(settings.Out!);
        using var model = AudioModelFile.Load(settings.Model, settings.Device);
        if (!model.IsVocoder) throw new ArgumentException($"{settings.Model}: a {model.State.Options.Model} model, not a vocoder (train one with `audio fit --model vocoder`).");
        var clips = settings.Read(settings.In!);
        var preparation = model.State.Options.Preparation;
        var originals = clips.Clips.Select(preparation.Apply).ToArray();
        var watch = Stopwatch.StartNew();
        var output = model.Vocode(originals, settings.GriffinLim, settings.Seed).ToArray();
        double seconds = watch.Elapsed.TotalSeconds;
        var scores = Score(settings.GriffinLim ? "griffin-lim" : "vocoder", originals, output, model, seconds);
        var table = new Table().AddColumns("method", "clips", "LSD (dB)", "MCD (dB)", "mel L1", "× real time");
        table.AddRow(scores.Method, $"{scores.Clips:N0}", $"{scores.LogSpectralDistance:F2}", $"{scores.MelCepstralDistortion:F2}", $"{scores.MelL1:F3}", $"{scores.RealTimeFactor:F1}");
        AnsiConsole.Write(table);
        long written = ClipFolderWriter.Write(settings.Out!, output.Select((s, i) => (s, clips.Clips[i].Label)), model.SampleRate, 0, cancellationToken);
        if (written < 0)
        {
            AnsiConsole.MarkupLine($"[yellow]interrupted:[/] nothing was written to {Markup.Escape(settings.Out!)}.");
            return CliErrors.Interrupted;
        }
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, JsonSerializer.Serialize(scores, new JsonSerializerOptions { WriteIndented = true }));
        AnsiConsole.MarkupLine($"Wrote {written:N0} re-synthesised clips ({model.SampleRate} Hz) to {Markup.Escape(settings.Out!)}; synthesis took {seconds:F1} s for {scores.AudioSeconds:F1} s of audio.");
        return 0;
    }

    /// <summary>The three distances of <paramref name="output"/> from <paramref name="originals"/>, chunk by chunk, and the real-time factor.</summary>
    internal static VocodeScores Score(string method, float[][] originals, float[][] output, AudioSynthesizer model, double seconds)
    {
        var lsd = new List<double>();
        var mcd = new List<double>();
        double melL1 = 0;
        for (int start = 0; start < originals.Length; start += AudioSynthesizer.ChunkClips)
        {
            int n = Math.Min(AudioSynthesizer.ChunkClips, originals.Length - start);
            using var scope = NewDisposeScope();
            var a = ClipPreparation.Stack(originals.Skip(start).Take(n).ToList());
            var b = ClipPreparation.Stack(output.Skip(start).Take(n).ToList());
            // The original's active frames and both log-mels once, for the three scores.
            var active = LogSpectralDistance.ActiveFrames(a, model.Mel!.FftSize, model.Mel.Hop);
            var melA = model.Mel.Compute(a);
            var melB = model.Mel.Compute(b);
            lsd.AddRange(LogSpectralDistance.Compute(a, b, active, model.Mel.FftSize, model.Mel.Hop));
            mcd.AddRange(MelCepstralDistortion.FromLogMels(melA, melB, active));
            melL1 += (melA - melB).abs().mean([1, 2]).sum().item<float>();
        }
        double audio = originals.Sum(o => o.Length) / (double)model.SampleRate;
        return new VocodeScores(method, originals.Length, lsd.Average(), mcd.Average(), melL1 / originals.Length, audio, seconds, audio / Math.Max(seconds, 1e-9));
    }
}
