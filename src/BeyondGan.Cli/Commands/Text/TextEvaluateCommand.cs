using System.ComponentModel;
using BeyondGan.Cli.Commands.Tabular;
using BeyondGan.IO;
using BeyondGan.Text.Data;
using BeyondGan.Text.Evaluation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BeyondGan.Cli.Commands.Text;

/// <summary>
/// <c>beyondgan text evaluate --real TEST --synthetic SAMPLES [--train TRAIN]</c>: BLEU-2..5, leave-one-out Self-BLEU-2..5,
/// distinct-n, n-gram divergences, lengths and the copied share, with the published COCO rows beside them; JSON.
/// </summary>
internal sealed class TextEvaluateCommand : Command<TextEvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--real <FILE>"), Description("Real sentences, one per line (UTF-8): BLEU's references (required).")]
        public string? Real { get; init; }

        [CommandOption("--synthetic <FILE>"), Description("Generated sentences, one per line (required).")]
        public string? Synthetic { get; init; }

        [CommandOption("--train <FILE>"), Description("The training sentences: reports the share of generated sentences copied from them.")]
        public string? Train { get; init; }

        [CommandOption("--json <FILE>"), Description("Write every score as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Real is null) return ValidationResult.Error("--real FILE is required.");
            if (Synthetic is null) return ValidationResult.Error("--synthetic FILE is required.");
            return TableFormatSettings.CheckOutput("--json", Json);
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var real = TextCorpus.Read(settings.Real!);
        var synthetic = TextCorpus.Read(settings.Synthetic!);
        var train = settings.Train is null ? null : TextCorpus.Read(settings.Train);
        var r = TextEvaluation.Compute(real, synthetic, train);
        Print(r);
        if (settings.Json is not null) AtomicFile.WriteAllText(settings.Json, r.ToJson());
        return 0;
    }

    private static void Print(TextEvaluationResult r)
    {
        string Row(IReadOnlyDictionary<string, double>? d) => d is null ? "—" : string.Join(" / ", d.Values.Select(v => v.ToString("F3")));
        var t = new Table().Border(TableBorder.Rounded).Title($"{r.SyntheticSentences:N0} generated against {r.RealSentences:N0} real sentences")
            .AddColumn("score").AddColumn(new TableColumn("value").RightAligned()).AddColumn("reads");
        t.AddRow("BLEU-2 / 3 / 4 / 5", Row(r.Bleu), "every real sentence a reference, NLTK's method 1; COCO: MLE .731/.497/.305/.189, RelGAN(100) .849/.687/.502/.331");
        t.AddRow("Self-BLEU-2 / 3 / 4 / 5", Row(r.SelfBleu), $"each against the other {Math.Max(0, r.SelfBleuSentences - 1):N0} generated (exact leave-one-out); lower = more diverse");
        t.AddRow("distinct-1 / 2 / 3 / 4", Row(r.Distinct), $"distinct n-grams / all; real text: {Row(r.RealDistinct)}");
        t.AddRow("n-gram JSD 1 / 2 / 3 / 4", Row(r.NGramJsd), "Jensen–Shannon divergence of the n-gram frequencies; 0 best");
        t.AddRow("mean length", r.MeanLength.ToString("F1"), $"tokens; real {r.RealMeanLength:F1}");
        if (r.Copied is double c) t.AddRow("copied from training", c.ToString("P1"), "generated sentences identical to a training sentence");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"[grey]scored in {r.Seconds:F1} s[/]");
    }
}
