using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BeyondGan.Modules;
using BeyondGan.Toy;
using static TorchSharp.torch;

namespace BeyondGan.Bench;

/// <summary>
/// The 2-D mode-collapse benchmark over seeds: <c>toy run</c> trains and scores configurations (shardable across
/// processes), appending one JSON line per run; <c>toy report</c> turns those lines into a markdown table of
/// mean ± standard error per configuration and dataset.
/// </summary>
internal static class ToyBench
{
    /// <summary>
    /// The configurations measured. "ablation-base" is a small, plain non-saturating GAN; each "+x" row adds one
    /// stabiliser to it, so its effect is measured alone.
    /// </summary>
    public static ToyConfig Config(string name)
    {
        var small = new ToyConfig
        {
            Loss = "ns", Pac = 1, LatentSize = 2, GeneratorHidden = new[] { 128, 128, 128 }, BatchNorm = false,
            CriticHidden = new[] { 128, 128, 128 }, CriticActivation = Activation.LeakyReLU,
            LearningRateG = 1e-3, LearningRateD = 1e-3, Beta1 = 0.5, Beta2 = 0.999, BatchSize = 256, Steps = 5000,
        };
        return name switch
        {
            "ablation-base" => small,
            "+batchnorm" => small with { BatchNorm = true },
            "+pac4" => small with { Pac = 4 },
            "+wgan-gp" => small with { Loss = "wgan-gp", CriticSteps = 5 },
            "+hinge" => small with { Loss = "hinge" },
            "+lsgan" => small with { Loss = "lsgan" },
            "+ragan" => small with { Loss = "ragan" },
            "+minimax" => small with { Loss = "minimax" },
            "+label-smoothing" => small with { LabelSmoothing = 0.9 },
            "+instance-noise" => small with { InstanceNoise = 0.1 },
            "+replay" => small with { Replay = true },
            "+historical-averaging" => small with { HistoricalAveraging = 1e-4 },
            "+spectral-norm" => small with { SpectralNorm = true },
            "+minibatch-std" => small with { MinibatchStdDev = true },
            "+r1" => small with { R1 = 1.0 },
            "+ema" => small with { Ema = 0.999 },
            "+grow" => small with { Grow = true },
            _ when name.Contains('{') => Custom(name),
            _ => ToyPresets.ByName(name),
        };
    }

    /// <summary>A configuration written inline, e.g. <c>best{pac=2,ema=0.99,g=256x4,lr=2e-4}</c>, for sweeps.</summary>
    private static ToyConfig Custom(string spec)
    {
        int open = spec.IndexOf('{');
        var c = Config(spec[..open]);
        foreach (var kv in spec[(open + 1)..].TrimEnd('}').Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (k, v) = (kv.Split('=')[0], kv.Split('=')[1]);
            double D() => double.Parse(v, CultureInfo.InvariantCulture);
            int I() => int.Parse(v, CultureInfo.InvariantCulture);
            int[] Layers() => Enumerable.Repeat(int.Parse(v.Split('x')[0], CultureInfo.InvariantCulture), int.Parse(v.Split('x')[1], CultureInfo.InvariantCulture)).ToArray();
            c = k switch
            {
                "loss" => c with { Loss = v },
                "pac" => c with { Pac = I() },
                "latent" => c with { LatentSize = I() },
                "g" => c with { GeneratorHidden = Layers() },
                "d" => c with { CriticHidden = Layers() },
                "bn" => c with { BatchNorm = v == "1" },
                "gact" => c with { GeneratorActivation = Enum.Parse<Activation>(v, true) },
                "dact" => c with { CriticActivation = Enum.Parse<Activation>(v, true) },
                "sn" => c with { SpectralNorm = v == "1" },
                "mbstd" => c with { MinibatchStdDev = v == "1" },
                "lr" => c with { LearningRateG = D(), LearningRateD = D() },
                "lrg" => c with { LearningRateG = D() },
                "lrd" => c with { LearningRateD = D() },
                "b1" => c with { Beta1 = D() },
                "b2" => c with { Beta2 = D() },
                "batch" => c with { BatchSize = I() },
                "steps" => c with { Steps = I() },
                "ncritic" => c with { CriticSteps = I() },
                "gp" => c with { GradientPenalty = D() },
                "r1" => c with { R1 = D() },
                "ls" => c with { LabelSmoothing = D() },
                "noise" => c with { InstanceNoise = D() },
                "replay" => c with { Replay = v == "1" },
                "ha" => c with { HistoricalAveraging = D() },
                "ema" => c with { Ema = D() == 0 ? null : D() },
                "grow" => c with { Grow = v == "1" },
                "clip" => c with { ClipNorm = D() },
                "decay" => c with { LearningRateDecay = D() },
                "gain" => c with { CriticGain = D() },
                _ => throw new ArgumentException($"Unknown key '{k}' in '{spec}'."),
            };
        }
        return c;
    }

    public static void Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "report") { Report(args.Skip(1).ToArray()); return; }
        var opts = ParseOptions(args.Skip(args.Length > 0 && args[0] == "run" ? 1 : 0).ToArray());
        string[] datasets = opts.GetValueOrDefault("datasets", "ring,grid").Split(',');
        string[] configs = opts.GetValueOrDefault("configs", "best").Split(',');
        int seeds = int.Parse(opts.GetValueOrDefault("seeds", "10"), CultureInfo.InvariantCulture);
        long? steps = opts.TryGetValue("steps", out var s) ? long.Parse(s, CultureInfo.InvariantCulture) : null;
        int threads = int.Parse(opts.GetValueOrDefault("threads", "0"), CultureInfo.InvariantCulture);
        string[] shard = opts.GetValueOrDefault("shard", "0/1").Split('/');
        int shardIndex = int.Parse(shard[0], CultureInfo.InvariantCulture), shardCount = int.Parse(shard[1], CultureInfo.InvariantCulture);
        string output = opts.GetValueOrDefault("out", "toy-results.jsonl");
        if (threads > 0) set_num_threads(threads);

        var done = File.Exists(output)
            ? File.ReadLines(output).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
                .Select(r => (r.GetProperty("config").GetString(), r.GetProperty("dataset").GetString(), r.GetProperty("seed").GetInt32())).ToHashSet()
            : new();
        int job = 0;
        foreach (var config in configs)
            foreach (var dataset in datasets)
                for (int seed = 1; seed <= seeds; seed++, job++)
                {
                    if (job % shardCount != shardIndex || done.Contains((config, dataset, seed))) continue;
                    // "NAME+drs[:percentile[:fine-tune steps]]": NAME sampled plain and by rejection sampling.
                    int drs = config.IndexOf("+drs", StringComparison.Ordinal);
                    var c = drs < 0 ? Config(config) : Config(config[..drs]) with { RejectionSampling = true };
                    BeyondGan.Training.DiscriminatorRejectionSampler? rejection = null;
                    if (drs >= 0)
                    {
                        var spec = config[(drs + 4)..].Split(':', StringSplitOptions.RemoveEmptyEntries);
                        var defaults = new BeyondGan.Training.DiscriminatorRejectionSampler();
                        rejection = new()
                        {
                            GammaPercentile = spec.Length > 0 ? double.Parse(spec[0], CultureInfo.InvariantCulture) : defaults.GammaPercentile,
                            FineTuneSteps = spec.Length > 1 ? int.Parse(spec[1], CultureInfo.InvariantCulture) : defaults.FineTuneSteps,
                        };
                    }
                    if (steps is long st) c = c with { Steps = st };
                    var (baseName, factor) = SplitScale(dataset);
                    var data = factor is null ? GaussianMixture2D.ByName(dataset)
                        : GaussianMixture2D.ByName(baseName).Scaled(double.Parse(factor, CultureInfo.InvariantCulture));
                    var sw = Stopwatch.StartNew();
                    using var trainer = ToyExperiment.BuildTrainer(c, data, seed);
                    trainer.Train(c.Steps);
                    var metrics = ToyExperiment.Evaluate(trainer, data, c.EvalSamples, seed).Metrics;
                    ModeCollapseMetrics? plain = null;
                    if (c.RejectionSampling)
                    {
                        // The same trained model, sampled both ways: the rejection-sampled row and the plain draw.
                        plain = metrics;
                        metrics = ToyExperiment.Evaluate(trainer, data, c.EvalSamples, seed, rejection).Metrics;
                    }
                    static double? Kl(double v) => double.IsFinite(v) ? v : null; // undefined without HQ samples
                    var line = JsonSerializer.Serialize(new
                    {
                        config, dataset, seed, steps = c.Steps, modes = metrics.ModesCaptured, mode_count = metrics.ModeCount,
                        high_quality_fraction = metrics.HighQualityFraction, reverse_kl = Kl(metrics.ReverseKl),
                        plain_modes = plain?.ModesCaptured, plain_high_quality_fraction = plain?.HighQualityFraction,
                        plain_reverse_kl = plain is null ? null : Kl(plain.ReverseKl), acceptance = rejection?.AcceptanceRate,
                        seconds = sw.Elapsed.TotalSeconds, threads = get_num_threads(),
                    });
                    File.AppendAllText(output, line + "\n");
                    Console.WriteLine(line);
                }
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var d = new Dictionary<string, string>();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            d[args[i][2..]] = args[i + 1];
        }
        return d;
    }

    private static void Report(string[] args)
    {
        int paired = Array.IndexOf(args, "--paired");
        string? baseline = paired >= 0 && paired + 1 < args.Length ? args[paired + 1] : null;
        var files = paired >= 0 ? args.Where((_, i) => i != paired && i != paired + 1).ToArray() : args;
        var rows = files.SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        if (paired >= 0)
        {
            if (baseline is null) throw new ArgumentException("--paired needs the name of the baseline configuration.");
            Console.Write(PairedReport(rows, baseline));
            return;
        }
        var sb = new StringBuilder();
        sb.AppendLine("| configuration | steps | seeds | ring modes | ring HQ % | ring rev-KL | grid modes | grid HQ % | grid rev-KL | s/run (grid) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => Key(r).Config))
        {
            string Cell(string dataset, string field, double scale, string fmt)
            {
                var v = group.Where(r => Key(r).Dataset == dataset)
                    .Select(r => r.GetProperty(field).ValueKind == JsonValueKind.Number ? r.GetProperty(field).GetDouble() * scale : double.NaN).ToList();
                int undefined = v.Count(double.IsNaN);
                v = v.Where(x => !double.IsNaN(x)).ToList();
                if (v.Count == 0) return undefined > 0 ? "undefined" : "–";
                var (mean, se) = MeanAndStandardError(v);
                string cell = $"{mean.ToString(fmt, CultureInfo.InvariantCulture)} ± {se.ToString(fmt, CultureInfo.InvariantCulture)}";
                return undefined > 0 ? $"{cell} ({undefined} undefined)" : cell;
            }
            string MinModes(string dataset)
            {
                var v = group.Where(r => Key(r).Dataset == dataset).Select(r => r.GetProperty("modes").GetInt32()).ToList();
                return v.Count == 0 ? "" : $" (min {v.Min()})";
            }
            int n = group.Select(r => r.GetProperty("seed").GetInt32()).Distinct().Count();
            long steps = group.First().GetProperty("steps").GetInt64();
            sb.AppendLine($"| {group.Key} | {steps} | {n} | {Cell("ring", "modes", 1, "F1")}{MinModes("ring")} | {Cell("ring", "high_quality_fraction", 100, "F1")} | {Cell("ring", "reverse_kl", 1, "F3")} " +
                          $"| {Cell("grid", "modes", 1, "F1")}{MinModes("grid")} | {Cell("grid", "high_quality_fraction", 100, "F1")} | {Cell("grid", "reverse_kl", 1, "F3")} | {Cell("grid", "seconds", 1, "F0")} |");
        }
        Console.Write(sb.ToString());
    }

    /// <summary>A row's configuration and dataset as the report shows them: a run on scaled data ("ring*10") is the
    /// configuration "wgan-gp, data ×10" on "ring", so it gets its own row beside the unscaled one.</summary>
    private static (string Config, string Dataset) Key(JsonElement row)
    {
        string config = row.GetProperty("config").GetString()!;
        var (dataset, factor) = SplitScale(row.GetProperty("dataset").GetString()!);
        return (factor is null ? config : $"{config}, data ×{factor}", dataset);
    }

    /// <summary>"ring*10" → ("ring", "10"): the bench's spelling of a mixture scaled by a factor, to test scale effects.</summary>
    private static (string Dataset, string? Factor) SplitScale(string name) => name.Split('*') is [var dataset, var factor] ? (dataset, factor) : (name, null);

    private static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        return (mean, v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1) / v.Count) : 0);
    }

    /// <summary>
    /// Each configuration against <paramref name="baseline"/> on the same seed (the seed fixes data draws and initial
    /// weights): mean paired difference ± standard error, bold beyond two standard errors, and in brackets the seeds
    /// where the change helped (more modes or HQ, lower reverse KL; pairs with an undefined reverse KL are left out).
    /// </summary>
    private static string PairedReport(List<JsonElement> rows, string baseline)
    {
        double? Value(JsonElement r, string field) => r.GetProperty(field).ValueKind == JsonValueKind.Number ? r.GetProperty(field).GetDouble() : null;
        var byKey = rows.GroupBy(r => (Key(r).Config, Key(r).Dataset, r.GetProperty("seed").GetInt32()))
            .ToDictionary(g => g.Key, g => g.Last());
        var columns = new (string Dataset, string Field, double Scale, string Format, int Better)[]
        {
            ("ring", "high_quality_fraction", 100, "+0.0;-0.0", 1), ("ring", "reverse_kl", 1, "+0.000;-0.000", -1),
            ("grid", "modes", 1, "+0.0;-0.0", 1), ("grid", "high_quality_fraction", 100, "+0.0;-0.0", 1), ("grid", "reverse_kl", 1, "+0.000;-0.000", -1),
        };
        var sb = new StringBuilder();
        sb.AppendLine($"| change (paired with {baseline}) | ring HQ (points) | ring rev-KL | grid modes | grid HQ (points) | grid rev-KL |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (string config in byKey.Keys.Select(k => k.Item1).Distinct().Where(c => c != baseline))
        {
            var cells = new List<string> { config };
            foreach (var (dataset, field, scale, format, better) in columns)
            {
                var diffs = new List<double>();
                foreach (var ((c, d, seed), row) in byKey)
                {
                    if (c != config || d != dataset || !byKey.TryGetValue((baseline, dataset, seed), out var b)) continue;
                    if (Value(row, field) is double x && Value(b, field) is double y) diffs.Add((x - y) * scale);
                }
                if (diffs.Count == 0) { cells.Add("–"); continue; }
                var (mean, se) = MeanAndStandardError(diffs);
                string fmt = format.Split(';')[0].TrimStart('+');
                string cell = $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {se.ToString(fmt, CultureInfo.InvariantCulture)}";
                if (Math.Abs(mean) > 2 * se) cell = $"**{cell}**";
                cells.Add($"{cell} ({diffs.Count(x => x * better > 0)}/{diffs.Count})");
            }
            sb.AppendLine($"| {string.Join(" | ", cells)} |");
        }
        return sb.ToString();
    }
}
