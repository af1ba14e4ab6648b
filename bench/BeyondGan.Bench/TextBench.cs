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
///        text bleu-subsets SAMPLES --real FILE [--size 200] [--repeats 50] : BLEU-2..5 of SAMPLES against every line of
///        FILE, and over --repeats random subsets of --size hypotheses (the published protocols' sizes: RelGAN 100,
///        TextGAN-PyTorch 200): mean, standard deviation, min and max.
///        text oracle-data --out FILE [--count 10000] [--seed 0] : sequences of 20 tokens drawn from the SeqGAN oracle
///        (DATA/seqgan_oracle), one line of space-separated ids each — the training set of the synthetic benchmark.
///        text oracle-score FILE... : NLL_oracle of each file of generated sequences (lines of ids, as `text sample`
///        writes them for a model trained on oracle-data), with how many lines are not 20 tokens long.
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
            case "bleu-subsets":
            {
                var references = tokenizer.TokenizeAll(File.ReadLines(TabularBench.Arg(args, "--real") ?? throw new ArgumentException("--real FILE")));
                var hypotheses = tokenizer.TokenizeAll(File.ReadLines(args[1]));
                int size = int.Parse(TabularBench.Arg(args, "--size") ?? "200", CultureInfo.InvariantCulture);
                int repeats = int.Parse(TabularBench.Arg(args, "--repeats") ?? "50", CultureInfo.InvariantCulture);
                var bleu = new Bleu(references);
                var whole = bleu.Corpus(hypotheses);
                var rng = new Random(0);
                var draws = Enumerable.Range(0, repeats).Select(_ => bleu.Corpus(hypotheses.OrderBy(_ => rng.Next()).Take(size).ToList())).ToList();
                string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
                Console.WriteLine($"{args[1]}: {hypotheses.Count} hypotheses, {references.Count} references");
                Console.WriteLine("| n | all hypotheses | mean of subsets | sd | min | max |");
                Console.WriteLine("|---|---|---|---|---|---|");
                for (int n = 2; n <= 5; n++)
                {
                    var v = draws.Select(d => d[n]).ToArray();
                    double mean = v.Average(), sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
                    Console.WriteLine($"| BLEU-{n} | {F(whole[n])} | {F(mean)} | {F(sd)} | {F(v.Min())} | {F(v.Max())} |");
                }
                break;
            }
            case "oracle-data":
            {
                using var oracle = SyntheticOracle.Load(Path.Combine(data, "seqgan_oracle"));
                int count = int.Parse(TabularBench.Arg(args, "--count") ?? "10000", CultureInfo.InvariantCulture);
                long seed = long.Parse(TabularBench.Arg(args, "--seed") ?? "0", CultureInfo.InvariantCulture);
                string output = TabularBench.Arg(args, "--out") ?? throw new ArgumentException("--out FILE");
                var sequences = oracle.Sample(count, 20, seed);
                File.WriteAllLines(output, sequences.Select(x => string.Join(' ', x)));
                Console.WriteLine($"{count} sequences → {output}; NLL_oracle of them {oracle.NegativeLogLikelihood(sequences):F3} (published real data 5.750)");
                break;
            }
            case "oracle-score":
            {
                using var oracle = SyntheticOracle.Load(Path.Combine(data, "seqgan_oracle"));
                foreach (var file in args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a != data))
                {
                    var lines = File.ReadLines(file).Where(l => l.Length > 0)
                        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.TryParse(t, CultureInfo.InvariantCulture, out int id) ? id : -1).ToArray()).ToList();
                    int bad = lines.Count(x => x.Any(id => id < 0 || id >= oracle.Vocabulary));
                    var kept = lines.Where(x => x.All(id => id >= 0 && id < oracle.Vocabulary)).ToList();
                    Console.WriteLine($"{file}: NLL_oracle {oracle.NegativeLogLikelihood(kept):F3} over {kept.Count} lines ({lines.Count(x => x.Length != 20)} not 20 tokens long, {bad} with a token that is not an oracle id)");
                }
                break;
            }
            default: throw new ArgumentException($"unknown text benchmark '{what}' (texygen, tokens, bleu-subsets, oracle-data, oracle-score)");
        }
    }
}
