using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using BeyondGan.Runtime;
using BeyondGan.Text.Data;
using BeyondGan.Text.Demo;
using BeyondGan.Text.Metrics;
using BeyondGan.Text.Model;
using BeyondGan.Text.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Text;

/// <summary>
/// <c>beyondgan text demo</c>: generates captions from a small grammar (<see cref="CaptionGrammar"/>), fits a language
/// model on them, samples, and prints BLEU against held-out captions, Self-BLEU, and the share of samples the grammar
/// accepts. No data or download needed.
/// </summary>
internal sealed class TextDemoCommand : Command<TextDemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--sentences <N>"), Description("Training captions (default 2000)."), DefaultValue(2000)]
        public int Sentences { get; init; } = 2000;

        [CommandOption("--steps <N>"), Description("Training steps (default 600)."), DefaultValue(600L)]
        public long Steps { get; init; } = 600;

        [CommandOption("--seed <S>"), Description("Seed of the corpus, the fit and the draw (default 0)."), DefaultValue(0L)]
        public long Seed { get; init; }

        [CommandOption("--threads <N>"), Description("libtorch threads (0 = all cores)."), DefaultValue(0)]
        public int Threads { get; init; }

        public override ValidationResult Validate()
        {
            if (Sentences < 10) return ValidationResult.Error("--sentences must be at least 10.");
            if (Steps < 1) return ValidationResult.Error("--steps must be at least 1.");
            return Threads < 0 ? ValidationResult.Error("--threads must be 0 or positive.") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var problem = TorchRuntime.TryEnsureLoaded();
        if (problem is not null) { AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}"); return 1; }
        TorchRuntime.SetThreads(settings.Threads);
        var total = Stopwatch.StartNew();
        var train = TextCorpus.Parse("captions", Encoding.UTF8.GetBytes(string.Join("\n", CaptionGrammar.Generate(settings.Sentences, (int)settings.Seed))));
        var test = TextCorpus.Parse("held-out captions", Encoding.UTF8.GetBytes(string.Join("\n", CaptionGrammar.Generate(1000, (int)settings.Seed + 1))));
        AnsiConsole.MarkupLine($"[bold]Demo corpus[/]: {train.Lines.Count:N0} captions from a small grammar, e.g. \"{Markup.Escape(train.Lines[0])}\", \"{Markup.Escape(train.Lines[1])}\"");
        var options = new TextModelOptions { Steps = settings.Steps, Seed = settings.Seed, Hidden = 128, Embedding = 64, Dropout = 0.1, BatchSize = 32 };
        var watch = Stopwatch.StartNew();
        using var model = TextFitCommand.Fit(train, test, options, every: 0, "captions", cancellationToken);
        double fitSeconds = watch.Elapsed.TotalSeconds;
        if (!model.IsComplete) { AnsiConsole.MarkupLine($"[yellow]Interrupted after {model.StepsTrained:N0} of {options.Steps:N0} steps.[/]"); return CliErrors.Interrupted; }
        var samples = model.Sample(1000, seed: settings.Seed).ToList();
        var tokenizer = model.Tokenizer;
        var references = tokenizer.TokenizeAll(test.Lines);
        var index = new Bleu(references);
        var bleu = index.Corpus(samples);
        var self = SelfBleu.Score(samples);
        var realSelf = SelfBleu.Score(references);
        double grammatical = samples.Count(CaptionGrammar.Accepts) / (double)samples.Count;
        var trainTokens = tokenizer.TokenizeAll(train.Lines);
        var realBleu = index.Corpus(trainTokens.Take(samples.Count).ToList());
        double copied = CopiedShare.Score(samples, trainTokens);
        double realCopied = CopiedShare.Score(references, trainTokens);
        var t = new Table().Border(TableBorder.Rounded).Title($"1,000 sampled captions (temperature 1), trained {options.Steps:N0} steps in {fitSeconds:F1} s")
            .AddColumn("score").AddColumn(new TableColumn("samples").RightAligned()).AddColumn(new TableColumn("real").RightAligned()).AddColumn("reads");
        t.AddRow("grammatical", grammatical.ToString("P1"), "100.0 %", "share the grammar accepts");
        t.AddRow("BLEU-2 / 5", $"{bleu[2]:F3} / {bleu[5]:F3}", $"{realBleu[2]:F3} / {realBleu[5]:F3}", "against the held-out captions (the real column: 1,000 training captions against them)");
        t.AddRow("Self-BLEU-2 / 5", $"{self[2]:F3} / {self[5]:F3}", $"{realSelf[2]:F3} / {realSelf[5]:F3}", "leave-one-out; above the real value = less diverse than real text");
        t.AddRow("copied from training", copied.ToString("P1"), realCopied.ToString("P1"), "a small grammar repeats itself, so real captions are copies too");
        AnsiConsole.Write(t);
        foreach (var s in samples.Take(5)) AnsiConsole.MarkupLine($"  [grey]{Markup.Escape(Detokenizer.Join(s))}[/]");
        AnsiConsole.MarkupLine($"[grey]demo done in {total.Elapsed.TotalSeconds:F1} s[/]");
        return 0;
    }
}
