using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeyondGan.Audio.Data;
using BeyondGan.Audio.Evaluation;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.Evaluation.Report;
using BeyondGan.IO;
using BeyondGan.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Audio;

/// <summary><c>beyondgan audio evaluate --real DIR --synthetic DIR</c>: classifier-based scores, warnings, JSON and an HTML report.</summary>
internal sealed class AudioEvaluateCommand : Command<AudioEvaluateCommand.Settings>
{
    public sealed class Settings : AudioInputSettings
    {
        [CommandOption("--real <DIR>"), Description("Real clips, labelled (the test split): a folder or a CSV manifest (required).")]
        public string? Real { get; init; }

        [CommandOption("--synthetic <DIR>"), Description("Generated clips: a folder (as `audio sample` writes it) or a manifest (required). Labelled by --label-pattern when every file name matches it.")]
        public string? Synthetic { get; init; }

        [CommandOption("--train <DIR>"), Description("Real training clips for the classifier (default: a stratified 80 % of --real, the rest its test clips).")]
        public string? Train { get; init; }

        [CommandOption("--rate <HZ>"), Description("Compare at this sample rate (default: the generated clips' rate).")]
        public int? Rate { get; init; }

        [CommandOption("--length <N>"), Description("Compare clips of this many samples (default: the generated clips' longest length).")]
        public int? Length { get; init; }

        [CommandOption("--classifier-cache <DIR>"), Description("Where trained classifiers are kept, by a hash of their clips (default ~/.cache/beyondgan).")]
        public string? ClassifierCache { get; init; }

        [CommandOption("--no-cache"), Description("Train the classifier afresh and keep nothing.")]
        public bool NoCache { get; init; }

        [CommandOption("--json <FILE>"), Description("Write every score as JSON.")]
        public string? Json { get; init; }

        [CommandOption("--report <FILE.html>"), Description("Write a self-contained HTML report with clips to listen to.")]
        public string? Report { get; init; }

        public override ValidationResult Validate()
        {
            if (Real is null) return ValidationResult.Error("--real DIR is required.");
            if (Synthetic is null) return ValidationResult.Error("--synthetic DIR is required.");
            var v = base.Validate();
            if (!v.Successful) return v;
            v = TableFormatSettings.CheckOutput("--json", Json);
            return v.Successful ? TableFormatSettings.CheckOutput("--report", Report) : v;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var watch = Stopwatch.StartNew();
        var real = settings.Read(settings.Real!);
        var train = settings.Train is null ? null : settings.Read(settings.Train);
        var synthetic = ReadSynthetic(settings.Synthetic!, settings);
        var preparation = new ClipPreparation
        {
            SampleRate = settings.Rate ?? synthetic.Clips[0].SampleRate,
            Length = settings.Length ?? synthetic.Clips.Max(c => c.Samples.Length),
        };
        string? cache = settings.NoCache ? null : settings.ClassifierCache ?? DefaultCache();
        var result = AnsiConsole.Status().Start("evaluating", ctx => AudioEvaluation.Evaluate(real, synthetic, train, preparation, cache, status => ctx.Status(Markup.Escape(status))));
        Print(result);
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, JsonSerializer.Serialize(result, JsonOptions));
        if (settings.Report is not null)
        {
            var realClips = real.Clips.Select(c => (c.Label, ClipPreparation.Resample(c.Samples, c.SampleRate, preparation.SampleRate))).ToList();
            var synthClips = synthetic.Clips.Select(c => (c.Label, ClipPreparation.Resample(c.Samples, c.SampleRate, preparation.SampleRate))).ToList();
            AtomicFile.WriteAllText(settings.Report, AudioHtmlReport.Build(result, realClips, synthClips, new ReportSources(Path.GetFileName(settings.Real!), Path.GetFileName(settings.Synthetic!))));
            AnsiConsole.MarkupLine($"Report written to {Markup.Escape(settings.Report)}.");
        }
        AnsiConsole.MarkupLine($"[grey]{watch.Elapsed.TotalSeconds:F1} s[/]");
        return 0;
    }

    /// <summary>The generated clips, labelled by the pattern when it matches every file, else unlabelled (said).</summary>
    internal static AudioFolder ReadSynthetic(string path, AudioInputSettings settings)
    {
        if (settings.LabelPattern is null) return AudioFolder.Read(path, null, settings.LabelColumn);
        try
        {
            return AudioFolder.Read(path, settings.LabelPattern, settings.LabelColumn);
        }
        catch (AudioDataException e) when (e.Message.Contains("does not match this file name"))
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(path)}: not every file name matches --label-pattern, so the generated clips are scored as unlabelled ({Markup.Escape(e.Message)})[/]");
            return AudioFolder.Read(path, null, settings.LabelColumn);
        }
    }

    internal static string DefaultCache() =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "beyondgan");

    internal static void Print(AudioEvaluationResult r)
    {
        // One row per score, so the table fits a narrow console.
        var (g, t) = (r.Synthetic, r.RealTest);
        var table = new Table().AddColumns("score", "generated", "real test");
        table.AddRow("clips", g.Clips.ToString("N0"), t.Clips.ToString("N0"));
        table.AddRow("label accuracy", g.LabelAccuracy is double a ? $"{a:P1}" : "–", t.LabelAccuracy is double b ? $"{b:P1}" : "–");
        table.AddRow("Inception score ↑", $"{g.InceptionScore:F2}", $"{t.InceptionScore:F2}");
        table.AddRow("modified IS ↑", $"{g.ModifiedInceptionScore:F1}", $"{t.ModifiedInceptionScore:F1}");
        table.AddRow("AM score ↓", $"{g.AmScore:F3}", $"{t.AmScore:F3}");
        table.AddRow("FD, classifier features ↓", $"{g.FrechetDistance:F2}", $"{t.FrechetDistance:F2}");
        table.AddRow("KID ↓", $"{g.Kid:F3} ± {g.KidStd:F3}", $"{t.Kid:F3} ± {t.KidStd:F3}");
        table.AddRow("NDB/K ↓", $"{g.NdbK:F2}", $"{t.NdbK:F2}");
        table.AddRow("median distance to train", $"{g.MedianDistanceToTrain:F1}", $"{t.MedianDistanceToTrain:F1}");
        table.AddRow("median distance within", $"{g.MedianDistanceWithin:F1}", $"{t.MedianDistanceWithin:F1}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]classifier: trained on {r.TrainClips:N0} clips ({Markup.Escape(r.TrainSource)}), {r.ClassifierAccuracy:P1} on the real test clips; FD, KID and NDB against the training clips, whose real test row is the floor[/]");
        foreach (var w in r.Warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
    }
}
