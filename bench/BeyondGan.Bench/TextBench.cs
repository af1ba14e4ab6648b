using System.Diagnostics;
using System.Globalization;
using BeyondGan.Text.Metrics;
using BeyondGan.Text.Tokenization;

/// <summary>
/// The text metrics' benchmarks (REFERENCES §4).
/// Usage: text texygen [--data DIR] : BLEU-2..5 of each of Texygen's generated COCO samples against test_coco.txt (every
///        line of both), and leave-one-out Self-BLEU-2..5 of each sample file, with the seconds each took.
///        text tokens FILE : tokenizes FILE's lines and writes them, one line of space-joined tokens each (for comparing
///        with NLTK's word_tokenize).
/// </summary>
internal static class TextBench
{
    public static void Run(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "texygen";
        string data = TabularBench.Arg(args, "--data") ?? "../shared/datasets/text";
        var tokenizer = new TreebankWordTokenizer();
        switch (what)
        {
            case "texygen":
            {
                var watch = Stopwatch.StartNew();
                var references = tokenizer.TokenizeAll(File.ReadLines(Path.Combine(data, "test_coco.txt")));
                Console.WriteLine($"references: {references.Count} lines tokenized in {watch.Elapsed.TotalSeconds:F2} s");
                watch.Restart();
                var bleu = new Bleu(references);
                Console.WriteLine($"index built in {watch.Elapsed.TotalSeconds:F2} s");
                Console.WriteLine("| sample | lines | BLEU-2 | BLEU-3 | BLEU-4 | BLEU-5 | s | Self-BLEU-2 | Self-BLEU-3 | Self-BLEU-4 | Self-BLEU-5 | s |");
                Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
                foreach (var file in Directory.GetFiles(Path.Combine(data, "texygen_generated_samples"), "*.txt").Order(StringComparer.Ordinal))
                {
                    var hypotheses = tokenizer.TokenizeAll(File.ReadLines(file));
                    watch.Restart();
                    var b = bleu.Corpus(hypotheses);
                    double bleuSeconds = watch.Elapsed.TotalSeconds;
                    watch.Restart();
                    var s = SelfBleu.Score(hypotheses);
                    double selfSeconds = watch.Elapsed.TotalSeconds;
                    string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
                    Console.WriteLine($"| {Path.GetFileNameWithoutExtension(file)} | {b.Count} | {F(b[2])} | {F(b[3])} | {F(b[4])} | {F(b[5])} | {bleuSeconds:F2} | {F(s[2])} | {F(s[3])} | {F(s[4])} | {F(s[5])} | {selfSeconds:F2} |");
                }
                break;
            }
            case "tokens":
            {
                foreach (var line in File.ReadLines(args[1])) Console.WriteLine(string.Join(' ', tokenizer.Tokenize(line)));
                break;
            }
            default: throw new ArgumentException($"unknown text benchmark '{what}' (texygen, tokens)");
        }
    }
}
