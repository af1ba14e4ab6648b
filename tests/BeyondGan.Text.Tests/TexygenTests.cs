using BeyondGan.Text.Metrics;
using BeyondGan.Text.Tokenization;

namespace BeyondGan.Text.Tests;

/// <summary>
/// Integration check on the real benchmark files in ../shared/datasets/text (not part of a clean clone: skipped, with
/// the reason shown, when they are absent): BLEU and Self-BLEU of Texygen's generated COCO samples against the tables
/// Texygen published (docs/evaluation.md of geek-ai/Texygen; the MLE rows from REFERENCES §4).
/// </summary>
public class TexygenTests
{
    internal static string? SharedText()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets", "text");
            if (File.Exists(Path.Combine(candidate, "test_coco.txt"))) return candidate;
        }
        return null;
    }

    // BLEU-2..5 on the test set and Self-BLEU-2..5, as published.
    private static readonly Dictionary<string, (double[] Bleu, double[] Self)> Published = new()
    {
        ["seq"] = ([.745, .498, .294, .180], [.950, .840, .670, .489]),
        ["maligan"] = ([.673, .432, .257, .159], [.918, .781, .606, .437]),
        ["rank"] = ([.743, .467, .264, .156], [.959, .882, .762, .618]),
        ["leakgan"] = ([.746, .528, .355, .230], [.966, .913, .848, .780]),
        ["mle"] = ([.731, .497, .305, .189], [.916, .769, .583, .408]),
    };

    [SkippableFact]
    public void Our_BLEU_and_Self_BLEU_reproduce_the_Texygen_COCO_tables_to_0_003()
    {
        var dir = SharedText();
        Skip.If(dir is null, "../shared/datasets/text is absent (it is not part of a clean clone): the Texygen reproduction check did not run.");
        var tokenizer = new TreebankWordTokenizer();
        List<IReadOnlyList<string>> Read(string path) => tokenizer.TokenizeAll(File.ReadLines(path));
        var bleu = new Bleu(Read(Path.Combine(dir!, "test_coco.txt")));
        foreach (var (name, (published, self)) in Published)
        {
            var samples = Read(Path.Combine(dir!, "texygen_generated_samples", name + ".txt"));
            var ours = bleu.Corpus(samples);
            var oursSelf = SelfBleu.Score(samples);
            for (int n = 2; n <= 5; n++)
            {
                Assert.True(Math.Abs(ours[n] - published[n - 2]) <= 0.003, $"{name} BLEU-{n}: ours {ours[n]:F4}, published {published[n - 2]}");
                Assert.True(Math.Abs(oursSelf[n] - self[n - 2]) <= 0.003, $"{name} Self-BLEU-{n}: ours {oursSelf[n]:F4}, published {self[n - 2]}");
            }
        }
    }
}
